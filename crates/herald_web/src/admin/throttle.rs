//! A per-address counter of sign-in attempts in a fixed window, kept in memory: the first
//! brake on guessing passwords, before the per-account lock-out the store keeps (which holds
//! across processes and restarts).

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

/// Addresses tracked at most; past it, finished windows are forgotten, then all.
const MAX_ADDRESSES: usize = 100_000;

/// Attempts per address per window.
#[derive(Debug)]
pub(crate) struct Throttle {
    limit: u32,
    window: Duration,
    seen: Mutex<HashMap<IpAddr, (Instant, u32)>>,
}

impl Throttle {
    pub(crate) fn new(limit: u32, window: Duration) -> Self {
        Self {
            limit,
            window,
            seen: Mutex::new(HashMap::new()),
        }
    }

    /// Counts an attempt from `address` at `now`; false when it is over the limit (and the
    /// attempt must be refused without trying the password).
    pub(crate) fn attempt(&self, address: IpAddr, now: Instant) -> bool {
        let mut seen = self.seen.lock().unwrap_or_else(PoisonError::into_inner);
        if seen.len() >= MAX_ADDRESSES {
            let window = self.window;
            seen.retain(|_, (start, _)| now.duration_since(*start) < window);
            if seen.len() >= MAX_ADDRESSES {
                seen.clear();
            }
        }
        let entry = seen.entry(address).or_insert((now, 0));
        if now.duration_since(entry.0) >= self.window {
            *entry = (now, 0);
        }
        entry.1 = entry.1.saturating_add(1);
        entry.1 <= self.limit
    }

    /// Forgets an address's attempts (after it signed in).
    pub(crate) fn forget(&self, address: IpAddr) {
        self.seen
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(&address);
    }
}

#[cfg(test)]
mod tests {
    use std::net::Ipv4Addr;

    use super::*;

    #[test]
    fn an_address_is_refused_past_its_limit_until_the_window_ends() {
        let throttle = Throttle::new(3, Duration::from_secs(60));
        let a = IpAddr::V4(Ipv4Addr::new(192, 0, 2, 1));
        let b = IpAddr::V4(Ipv4Addr::new(192, 0, 2, 2));
        let start = Instant::now();
        assert!((0..3).all(|_| throttle.attempt(a, start)));
        assert!(!throttle.attempt(a, start + Duration::from_secs(1)));
        assert!(throttle.attempt(b, start), "another address is not slowed");
        assert!(throttle.attempt(a, start + Duration::from_secs(61)));
        throttle.forget(b);
    }
}
