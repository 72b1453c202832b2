//! Herald's interface in the reader's language: the messages of menus, pages and errors (Fluent
//! files under `locales/<tag>/`, embedded in the binary and checked for completeness by a
//! test), the choice of interface locale for a request (URL prefix, cookie, `Accept-Language`,
//! site default), and the locale's way of writing dates and numbers (ICU4X: its calendar, such
//! as Solar Hijri for Persian, and its digits). It sits beside the web crate, which renders
//! with it. It does *not* translate content: articles are translated by `herald_translate`.
//!
//! Ten interface locales ship: `en` (the reference and fallback), `vi`, `fa`, `ar`, `fr`,
//! `zh-Hans`, `ru`, `es`, `de` and `ja` — see [`SUPPORTED`] for how each writes dates and
//! digits. `fa` and `ar` are right to left; the web crate sets the direction, and messages carry
//! no direction marks of their own.
//!
//! [`Messages::load`] takes CLDR's defaults for every locale; [`Messages::load_with`] takes a
//! site's [`FormatOptions`], such as Gregorian rather than Solar Hijri dates for `fa`
//! ([`CalendarChoice`]).
//!
//! Adding an interface locale means adding its folder under `locales/` and one line to
//! [`SUPPORTED`]; `tests/locales.rs` then tells what is missing, including the
//! `language-name-<tag>` every other locale needs for it.
#![warn(missing_docs)]

mod error;
mod format;
mod locales;
mod messages;
pub mod negotiate;

pub use error::{I18nError, Result};
pub use format::{CalendarChoice, FormatOptions};
pub use locales::{DateStyle, FALLBACK, LocaleFile, SUPPORTED, SupportedLocale};
pub use messages::{Arg, Messages};
pub use negotiate::{LocaleSource, Negotiated, negotiate};
