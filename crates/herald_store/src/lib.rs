//! The storage port: one [`Store`] trait named after Herald's use cases (list the articles of a
//! category in a language, save a translation without overwriting a person's work, claim the
//! next job…), its [`StoreError`], and — behind the `contract` feature — the contract suite
//! every backend must pass. Web handlers, the pipeline and the CLI speak only this trait;
//! SQL lives in the backends.
#![warn(missing_docs)]

mod error;
mod model;
mod port;

#[cfg(feature = "contract")]
pub mod contract;

pub use error::{Result, StoreError};
pub use model::*;
pub use port::Store;
