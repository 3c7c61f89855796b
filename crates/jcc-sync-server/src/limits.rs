//! Per-account request rate limit: a token bucket per account, in this instance's memory.
//! Behind a load balancer each instance counts on its own, so an account's effective limit
//! is this rate times the number of instances it reaches (said in the README).

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Instant;

use uuid::Uuid;

#[derive(Debug)]
struct Bucket {
    tokens: f64,
    last: Instant,
}

#[derive(Debug)]
pub struct RateLimiter {
    per_minute: u32,
    buckets: Mutex<HashMap<Uuid, Bucket>>,
}

/// Buckets kept before idle (full) ones are dropped.
const PRUNE_AT: usize = 10_000;

impl RateLimiter {
    /// `per_minute` requests a minute per account, in bursts of up to as many; 0 = no limit.
    pub fn new(per_minute: u32) -> Self {
        RateLimiter {
            per_minute,
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes one request from the account's bucket, or says in how many seconds to retry.
    pub fn check(&self, user: Uuid) -> Result<(), u64> {
        self.check_at(user, Instant::now())
    }

    fn check_at(&self, user: Uuid, now: Instant) -> Result<(), u64> {
        if self.per_minute == 0 {
            return Ok(());
        }
        let capacity = f64::from(self.per_minute);
        let per_sec = capacity / 60.0;
        let mut buckets = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
        if buckets.len() >= PRUNE_AT {
            buckets.retain(|_, b| {
                b.tokens + now.duration_since(b.last).as_secs_f64() * per_sec < capacity
            });
        }
        let b = buckets.entry(user).or_insert(Bucket {
            tokens: capacity,
            last: now,
        });
        b.tokens = (b.tokens + now.duration_since(b.last).as_secs_f64() * per_sec).min(capacity);
        b.last = now;
        if b.tokens >= 1.0 {
            b.tokens -= 1.0;
            Ok(())
        } else {
            Err(((1.0 - b.tokens) / per_sec).ceil().max(1.0) as u64)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_burst_then_a_refusal_with_retry_after_then_refilled() {
        let limiter = RateLimiter::new(60);
        let (a, b) = (Uuid::new_v4(), Uuid::new_v4());
        let t = Instant::now();
        for _ in 0..60 {
            assert_eq!(limiter.check_at(a, t), Ok(()));
        }
        assert_eq!(limiter.check_at(a, t), Err(1));
        assert_eq!(
            limiter.check_at(b, t),
            Ok(()),
            "accounts have their own buckets"
        );
        assert_eq!(limiter.check_at(a, t + Duration::from_secs(1)), Ok(()));
        assert!(RateLimiter::new(0).check(a).is_ok());
    }
}
