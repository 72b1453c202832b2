use std::error::Error;

/// What went wrong in storage. Backends map their driver errors onto these; driver types
/// never leak out.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The thing asked for does not exist.
    #[error("{0} not found")]
    NotFound(&'static str),
    /// A uniqueness or reference rule refused the write.
    #[error("conflict with existing data ({constraint})")]
    Conflict {
        /// Which rule (a constraint name or a short description).
        constraint: String,
    },
    /// The data is not what the domain accepts (a bad stored slug, an unknown state).
    #[error("invalid stored data: {0}")]
    Invalid(String),
    /// The database could not be opened, or its schema is not one this build knows.
    #[error("cannot open the store: {0}")]
    Open(String),
    /// The backend failed.
    #[error("storage backend failed")]
    Backend(#[source] Box<dyn Error + Send + Sync>),
}

/// Result of a store operation.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;
