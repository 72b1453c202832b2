//! Herald's background work: the scheduler and the workers that run persisted jobs (being built).
