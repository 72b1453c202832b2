//! Politeness: one request at a time per host, and a pause between them.
//!
//! Outlets are small newsrooms as often as large ones; a poller that opens ten connections at
//! once, or asks again the instant an answer arrives, gets Herald blocked. Each host
//! (`host:port`) has a gate: a request waits for the previous one to finish and then for the
//! host's delay to pass since it finished. Different hosts do not wait for each other.
//!
//! Gates of hosts not asked for a while are dropped once there are many, so a long-running
//! process that has seen a hundred thousand hosts does not keep a hundred thousand gates.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use tokio::sync::{Mutex as AsyncMutex, OwnedMutexGuard};
use tokio::time::Instant;

/// The state behind a host's gate.
#[derive(Debug, Default)]
struct Gate {
    /// When the last request to the host finished.
    last_end: Option<Instant>,
}

/// Above this many gates, idle ones are dropped (and the threshold doubles while most are in
/// use, so pruning stays amortised).
const PRUNE_ABOVE: usize = 256;

#[derive(Debug)]
struct Map {
    gates: HashMap<String, Arc<AsyncMutex<Gate>>>,
    prune_above: usize,
}

/// The gates of all hosts.
#[derive(Debug)]
pub(crate) struct Gates {
    map: Mutex<Map>,
    /// A gate whose host finished longer ago than this is idle (no delay can still apply).
    idle_after: Duration,
}

/// Permission to send one request to a host; the host's clock starts when it is dropped.
#[derive(Debug)]
pub(crate) struct Pass {
    gate: OwnedMutexGuard<Gate>,
}

impl Drop for Pass {
    fn drop(&mut self) {
        self.gate.last_end = Some(Instant::now());
    }
}

impl Gates {
    /// Gates for which no delay is longer than `longest_delay`.
    pub(crate) fn new(longest_delay: Duration) -> Self {
        Self {
            map: Mutex::new(Map {
                gates: HashMap::new(),
                prune_above: PRUNE_ABOVE,
            }),
            idle_after: longest_delay.saturating_add(Duration::from_secs(1)),
        }
    }

    /// Waits for the host's turn: the previous request finished and `delay` has passed since.
    pub(crate) async fn enter(&self, host: &str, delay: Duration) -> Pass {
        let gate = {
            let mut map = self.map.lock().unwrap_or_else(PoisonError::into_inner);
            if map.gates.len() >= map.prune_above && !map.gates.contains_key(host) {
                self.prune(&mut map);
            }
            Arc::clone(map.gates.entry(host.to_owned()).or_default())
        };
        let gate = gate.lock_owned().await;
        if let Some(last) = gate.last_end {
            tokio::time::sleep_until(last + delay).await;
        }
        Pass { gate }
    }

    fn prune(&self, map: &mut Map) {
        let now = Instant::now();
        map.gates.retain(|_, gate| {
            // Only the map holds it (nobody waits or runs), and its delay is long over.
            let idle = Arc::strong_count(gate) == 1
                && gate.try_lock().is_ok_and(|g| {
                    g.last_end
                        .is_none_or(|end| now.saturating_duration_since(end) > self.idle_after)
                });
            !idle
        });
        map.prune_above = (map.gates.len() * 2).max(PRUNE_ABOVE);
    }

    /// How many gates exist.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.map
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .gates
            .len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn a_host_waits_for_the_delay_after_the_previous_request() {
        let gates = Gates::new(Duration::from_secs(1));
        let start = Instant::now();
        drop(gates.enter("a:80", Duration::from_secs(1)).await);
        let _second = gates.enter("a:80", Duration::from_secs(1)).await;
        assert!(start.elapsed() >= Duration::from_secs(1));
        let other = Instant::now();
        let _b = gates.enter("b:80", Duration::from_secs(1)).await;
        assert!(other.elapsed() < Duration::from_millis(10));
    }

    #[tokio::test(start_paused = true)]
    async fn idle_gates_are_dropped_once_there_are_many() {
        let gates = Gates::new(Duration::from_secs(1));
        for i in 0..PRUNE_ABOVE {
            drop(gates.enter(&format!("h{i}:80"), Duration::ZERO).await);
        }
        tokio::time::advance(Duration::from_secs(5)).await;
        let _held = gates.enter("busy:80", Duration::ZERO).await;
        assert_eq!(gates.len(), 1);
        drop(gates.enter("new:80", Duration::ZERO).await);
        assert_eq!(gates.len(), 2);
    }
}
