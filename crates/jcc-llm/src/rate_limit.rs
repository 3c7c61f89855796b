//! A per-endpoint limit on requests and tokens per minute (a sliding one-minute window),
//! so a run stays inside what a hosted API allows instead of collecting 429s.

use std::collections::VecDeque;
use std::sync::Mutex;
use std::time::Duration;
use tokio::time::Instant;

const WINDOW: Duration = Duration::from_secs(60);

#[derive(Debug)]
pub struct RateLimiter {
    requests_per_minute: Option<u32>,
    tokens_per_minute: Option<u32>,
    /// (when, tokens) of each request inside the last minute.
    window: Mutex<VecDeque<(Instant, u64)>>,
}

impl RateLimiter {
    pub fn new(requests_per_minute: Option<u32>, tokens_per_minute: Option<u32>) -> Self {
        Self {
            requests_per_minute: requests_per_minute.filter(|n| *n > 0),
            tokens_per_minute: tokens_per_minute.filter(|n| *n > 0),
            window: Mutex::new(VecDeque::new()),
        }
    }

    pub fn is_unlimited(&self) -> bool {
        self.requests_per_minute.is_none() && self.tokens_per_minute.is_none()
    }

    /// How long a request of `tokens` must wait now; `Duration::ZERO` means go, and the
    /// request is then counted. A request bigger than the whole token budget goes alone.
    pub fn reserve(&self, tokens: u64) -> Duration {
        if self.is_unlimited() {
            return Duration::ZERO;
        }
        let now = Instant::now();
        let mut w = self.window.lock().unwrap_or_else(|p| p.into_inner());
        while w
            .front()
            .is_some_and(|(at, _)| now.duration_since(*at) >= WINDOW)
        {
            w.pop_front();
        }
        let mut wait = Duration::ZERO;
        if let Some(rpm) = self.requests_per_minute {
            if w.len() >= rpm as usize {
                let oldest = w[w.len() - rpm as usize].0;
                wait = wait.max(WINDOW.saturating_sub(now.duration_since(oldest)));
            }
        }
        if let Some(tpm) = self.tokens_per_minute {
            let used: u64 = w.iter().map(|(_, t)| t).sum();
            if used > 0 && used + tokens > tpm as u64 {
                // Wait until enough of the oldest requests leave the window.
                let mut freed = 0;
                for (at, t) in w.iter() {
                    freed += t;
                    if used - freed + tokens <= tpm as u64 {
                        wait = wait.max(WINDOW.saturating_sub(now.duration_since(*at)));
                        break;
                    }
                }
                if used - freed + tokens > tpm as u64 {
                    wait = wait.max(
                        WINDOW.saturating_sub(now.duration_since(w.back().map_or(now, |b| b.0))),
                    );
                }
            }
        }
        if wait.is_zero() {
            w.push_back((now, tokens));
        }
        wait
    }

    /// Corrects the newest reservation once the real token count is known.
    pub fn settle(&self, estimated: u64, actual: u64) {
        if self.tokens_per_minute.is_none() {
            return;
        }
        let mut w = self.window.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(slot) = w.iter_mut().rev().find(|(_, t)| *t == estimated) {
            slot.1 = actual;
        }
    }

    /// Waits (asynchronously) for room, then counts the request.
    pub async fn acquire(&self, tokens: u64) {
        loop {
            let wait = self.reserve(tokens);
            if wait.is_zero() {
                return;
            }
            tracing::debug!(wait_ms = wait.as_millis() as u64, "rate limit: waiting");
            tokio::time::sleep(wait).await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn requests_per_minute_spread_over_the_window() {
        let l = RateLimiter::new(Some(2), None);
        let start = Instant::now();
        for _ in 0..5 {
            l.acquire(1).await;
        }
        // 2 now, 2 after a minute, 1 after two minutes.
        assert_eq!(start.elapsed().as_secs(), 120);
    }

    #[tokio::test(start_paused = true)]
    async fn tokens_per_minute_hold_back_big_requests() {
        let l = RateLimiter::new(None, Some(1000));
        let start = Instant::now();
        l.acquire(600).await;
        l.acquire(300).await;
        assert_eq!(start.elapsed().as_secs(), 0);
        l.acquire(300).await;
        assert_eq!(start.elapsed().as_secs(), 60);
        // Larger than the whole budget: it goes once the window is empty.
        let l = RateLimiter::new(None, Some(100));
        l.acquire(500).await;
        assert!(l.reserve(1) > Duration::ZERO);
    }
}
