//! herald_search against small hand-written articles in many languages: analysers, ranking,
//! filters, pagination, highlights, similar articles, hostile input, and the index on disk.
#![expect(clippy::unwrap_used, reason = "tests")]

mod cjk;
mod common;
mod disk;
mod filters;
mod highlights;
mod hostile;
mod lifecycle;
mod persian_arabic;
mod similar;
mod stemming;
mod vietnamese;
