//! A worker: claim a job, run its stage, record the outcome. Any number run side by side, in
//! one process or many; the store's claim makes sure each job is run by one at a time.

use std::sync::Arc;
use std::time::Duration;

use herald_domain::{JobId, JobRecord};
use herald_store::StoreError;
use tokio::sync::watch;

use crate::Pipeline;
use crate::stage::{self, Outcome, StageError};

/// What one turn of a worker did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ran {
    /// The job finished.
    Done {
        /// The job.
        job: JobRecord,
        /// What its stage did.
        outcome: Outcome,
    },
    /// The job failed and was queued again for later.
    Retrying {
        /// The job.
        job: JobRecord,
        /// Why.
        error: String,
    },
    /// The job failed for good (a permanent error, or its last attempt).
    DeadLettered {
        /// The job.
        job: JobRecord,
        /// Why.
        error: String,
    },
    /// The worker lost its claim while running (the lease ran out and another worker took
    /// the job); what it did is harmless because stages are idempotent.
    LostLease {
        /// The job.
        job: JobRecord,
    },
}

/// A worker of the pipeline.
pub struct Worker {
    pipeline: Arc<Pipeline>,
    name: String,
    only: Option<&'static [&'static str]>,
}

impl Worker {
    /// A worker named `name` (unique among running workers: it marks the jobs it holds).
    #[must_use]
    pub fn new(pipeline: Arc<Pipeline>, name: impl Into<String>) -> Self {
        Self {
            pipeline,
            name: name.into(),
            only: None,
        }
    }

    /// The same worker, claiming only jobs of `kinds` (those its pipeline runs among them):
    /// `herald translate` works the translation queue and leaves polls to the scheduler's
    /// workers.
    #[must_use]
    pub fn only(mut self, kinds: &'static [&'static str]) -> Self {
        self.only = Some(kinds);
        self
    }

    /// The kinds this worker claims.
    fn kinds(&self) -> Vec<&'static str> {
        let runs = self.pipeline.kinds();
        match self.only {
            Some(only) => only.iter().copied().filter(|k| runs.contains(k)).collect(),
            None => runs,
        }
    }

    /// Claims one due job of the kinds this pipeline runs and runs it. `None` when nothing
    /// is due.
    ///
    /// # Errors
    /// When the store cannot be reached to claim or settle the job.
    pub async fn run_one(&self) -> Result<Option<Ran>, StoreError> {
        let p = &self.pipeline;
        let now = p.now();
        // The store reads no kinds as any kind.
        let kinds = self.kinds();
        if kinds.is_empty() {
            return Ok(None);
        }
        let Some(job) = p
            .store
            .claim_job(&self.name, now, p.settings.lease, &kinds)
            .await?
        else {
            return Ok(None);
        };
        let outcome =
            match tokio::time::timeout(p.settings.job_timeout, stage::run(p, &job.job)).await {
                Ok(outcome) => outcome,
                Err(_) => Err(StageError::transient(format!(
                    "stopped after {} s",
                    p.settings.job_timeout.as_secs()
                ))),
            };
        self.settle(job, outcome).await.map(Some)
    }

    async fn settle(
        &self,
        job: JobRecord,
        outcome: Result<Outcome, StageError>,
    ) -> Result<Ran, StoreError> {
        let p = &self.pipeline;
        let settled = match outcome {
            Ok(outcome) => p
                .store
                .complete_job(job.id, &self.name)
                .await
                .map(|()| Ran::Done {
                    job: job.clone(),
                    outcome,
                }),
            Err(error) => {
                let message = error.to_string();
                let retry_at = retry_at(p, &job, &error);
                let last = retry_at.is_none() || job.attempts >= job.max_attempts;
                tracing::warn!(job = %job.id, kind = job.job.kind(), attempt = job.attempts, %message, "job failed");
                p.store
                    .fail_job(job.id, &self.name, &message, retry_at)
                    .await
                    .map(|()| {
                        if last {
                            Ran::DeadLettered {
                                job: job.clone(),
                                error: message.clone(),
                            }
                        } else {
                            Ran::Retrying {
                                job: job.clone(),
                                error: message.clone(),
                            }
                        }
                    })
            }
        };
        match settled {
            Err(StoreError::NotFound(_)) => {
                tracing::warn!(job = %job.id, "lease lost while the job ran");
                Ok(Ran::LostLease { job })
            }
            other => other,
        }
    }

    /// Runs jobs until `shutdown` turns true; waits `idle_wait` when nothing is due, and
    /// longer (with backoff) while the store is unreachable.
    pub async fn run(&self, mut shutdown: watch::Receiver<bool>) {
        let p = &self.pipeline;
        let mut store_failures = 0_u32;
        while !*shutdown.borrow() {
            let wait = match self.run_one().await {
                Ok(Some(_)) => {
                    store_failures = 0;
                    continue;
                }
                Ok(None) => {
                    store_failures = 0;
                    p.settings.idle_wait
                }
                Err(error) => {
                    store_failures = store_failures.saturating_add(1);
                    tracing::error!(%error, "the worker cannot reach the store");
                    p.settings
                        .job_backoff
                        .delay(store_failures, 0)
                        .min(Duration::from_secs(60))
                }
            };
            tokio::select! {
                () = tokio::time::sleep(wait) => {}
                _ = shutdown.changed() => {}
            }
        }
    }
}

/// When to try a failed job again, or `None` to give up now.
fn retry_at(p: &Pipeline, job: &JobRecord, error: &StageError) -> Option<herald_domain::Timestamp> {
    if error.is_permanent() {
        return None;
    }
    let backoff = p
        .settings
        .job_backoff
        .delay(job.attempts, spread_key(job.id));
    let wait = error
        .retry_after()
        .map_or(backoff, |after| after.max(backoff));
    let wait = jiff::SignedDuration::try_from(wait).unwrap_or(jiff::SignedDuration::MAX);
    p.now().checked_add(wait).ok()
}

fn spread_key(id: JobId) -> u64 {
    u64::try_from(id.get()).unwrap_or_default()
}
