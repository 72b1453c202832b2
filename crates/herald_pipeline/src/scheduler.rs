//! The scheduler: every few seconds, a poll job for each source that is due. A source's
//! next poll time is set by its last poll (its interval, its feed's caching headers, or the
//! backoff after failures), so the scheduler itself holds no timing rules.

use std::collections::HashMap;
use std::sync::Arc;

use herald_domain::{Job, JobId, JobState, SourceId};
use herald_store::StoreError;
use tokio::sync::watch;

use crate::Pipeline;

/// Enqueues polls of due sources.
pub struct Scheduler {
    pipeline: Arc<Pipeline>,
    /// The poll this scheduler queued for each source, so a source is not queued again while
    /// its poll waits or runs (the store dedupes queued work, but not work already running).
    queued: HashMap<SourceId, JobId>,
}

impl Scheduler {
    /// A scheduler for `pipeline`.
    #[must_use]
    pub fn new(pipeline: Arc<Pipeline>) -> Self {
        Self {
            pipeline,
            queued: HashMap::new(),
        }
    }

    /// Queues a poll of every due source that has none waiting or running; returns how many
    /// were queued.
    ///
    /// # Errors
    /// When the store cannot be reached.
    pub async fn tick(&mut self) -> Result<usize, StoreError> {
        let store = self.pipeline.store();
        let now = self.pipeline.now();
        let mut queued = 0;
        for source in store.due_sources(now).await? {
            if let Some(&job) = self.queued.get(&source) {
                let pending = store
                    .job(job)
                    .await?
                    .is_some_and(|j| matches!(j.state, JobState::Queued | JobState::Running));
                if pending {
                    continue;
                }
            }
            let job = store.enqueue(Job::Fetch { source }, now).await?;
            self.queued.insert(source, job);
            queued += 1;
        }
        Ok(queued)
    }

    /// Ticks every `schedule_every` until `shutdown` turns true.
    pub async fn run(mut self, mut shutdown: watch::Receiver<bool>) {
        let every = self.pipeline.settings().schedule_every;
        while !*shutdown.borrow() {
            if let Err(error) = self.tick().await {
                tracing::error!(%error, "the scheduler cannot reach the store");
            }
            tokio::select! {
                () = tokio::time::sleep(every) => {}
                _ = shutdown.changed() => {}
            }
        }
    }
}
