//! `herald_ingest`'s extraction tests against real pages, read in place (STYLE §3.10: one
//! binary): the trafilatura evaluation corpus with its snippet truth.

mod corpus;
