//! What article pages say about themselves, as [`herald_ingest::extract`] reads it: the
//! Mozilla Readability test pages, read in place from `../shared/eval/`.

mod mozilla;
