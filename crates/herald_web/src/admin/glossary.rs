//! The glossary: per language pair, the terms machine translation must respect.
pub(crate) fn routes() -> axum::Router<crate::AppState> { axum::Router::new() }
