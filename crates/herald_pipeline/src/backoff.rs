//! How long to wait before trying again: exponential, capped, and spread out so that a
//! hundred sources failing together (an outage upstream) do not all retry in the same second.

use std::time::Duration;

/// Exponential backoff: `base × 2^(failures − 1)`, at most `cap`, with ±20 % spread.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backoff {
    /// Delay after the first failure.
    pub base: Duration,
    /// Longest delay.
    pub cap: Duration,
}

impl Backoff {
    /// The delay after `failures` consecutive failures (0 means none: no delay). `spread_key`
    /// makes the ±20 % spread differ between jobs or sources but stay the same for one of
    /// them, so the schedule is reproducible in tests and logs.
    #[must_use]
    pub fn delay(&self, failures: u32, spread_key: u64) -> Duration {
        if failures == 0 {
            return Duration::ZERO;
        }
        let doublings = failures.saturating_sub(1).min(32);
        let raw = self.base.saturating_mul(1_u32 << doublings.min(31));
        let capped = raw.min(self.cap);
        // splitmix64 of the key and the failure count: a cheap, well-spread hash.
        let mut z = spread_key ^ u64::from(failures).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        // A factor in [0.8, 1.2), in thousandths.
        let per_mille = 800 + (z % 400);
        let spread = capped.saturating_mul(u32::try_from(per_mille).unwrap_or(1000)) / 1000;
        spread.min(self.cap)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BACKOFF: Backoff = Backoff {
        base: Duration::from_secs(60),
        cap: Duration::from_secs(6 * 3600),
    };

    #[test]
    fn no_failure_means_no_delay() {
        assert_eq!(BACKOFF.delay(0, 7), Duration::ZERO);
    }

    #[test]
    fn delays_double_within_the_spread_and_stop_at_the_cap() {
        for failures in 1..=12_u32 {
            let nominal = (60_u64 << (failures - 1)).min(6 * 3600);
            for key in 0..50 {
                let d = BACKOFF.delay(failures, key).as_secs_f64();
                assert!(d >= nominal as f64 * 0.8 - 1e-6, "{failures} {key} {d}");
                assert!(
                    d <= (nominal as f64 * 1.2).min(6.0 * 3600.0),
                    "{failures} {key} {d}"
                );
            }
        }
        assert!(BACKOFF.delay(u32::MAX, 1) <= BACKOFF.cap);
    }

    #[test]
    fn the_spread_differs_between_keys_but_not_between_calls() {
        assert_eq!(BACKOFF.delay(3, 42), BACKOFF.delay(3, 42));
        let distinct: std::collections::BTreeSet<_> =
            (0..20).map(|key| BACKOFF.delay(3, key)).collect();
        assert!(distinct.len() > 10);
    }
}
