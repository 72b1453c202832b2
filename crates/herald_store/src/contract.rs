//! The contract every backend passes. Each backend's tests call [`run_all`] (or the single
//! checks) with a fresh, empty, migrated store.
