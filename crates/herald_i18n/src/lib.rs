//! Herald's interface in the reader's language: the messages of menus, pages and errors (Fluent
//! files under `locales/<tag>/`, embedded in the binary and checked for completeness by a
//! test), the choice of interface locale for a request (URL prefix, cookie, `Accept-Language`,
//! site default), and the locale's way of writing dates and numbers (ICU4X: its calendar, such
//! as Solar Hijri for Persian, and its digits). It sits beside the web crate, which renders
//! with it. It does *not* translate content: articles are translated by `herald_translate`.
//!
//! Adding an interface locale means adding its folder under `locales/` and one line to
//! [`SUPPORTED`]; `tests/locales.rs` then tells what is missing.
#![warn(missing_docs)]

mod error;
mod format;
mod locales;
mod messages;
pub mod negotiate;

pub use error::{I18nError, Result};
pub use locales::{DateStyle, FALLBACK, LocaleFile, SUPPORTED, SupportedLocale};
pub use messages::{Arg, Messages};
pub use negotiate::{LocaleSource, Negotiated, negotiate};
