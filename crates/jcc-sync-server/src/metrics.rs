//! Prometheus text exposition of what an operator watches: requests by route and status, a
//! latency histogram, revisions stored and transactions retried. Per instance; Prometheus
//! sums over the instances it scrapes.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::Duration;

/// Upper bounds of the latency buckets, in seconds.
const BUCKETS: [f64; 14] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
];

#[derive(Debug, Default)]
struct Histogram {
    counts: [u64; BUCKETS.len()],
    count: u64,
    sum: f64,
}

#[derive(Debug, Default)]
pub struct Metrics {
    /// (method, route, status) -> requests.
    requests: Mutex<BTreeMap<(String, String, u16), u64>>,
    /// (method, route) -> latency.
    latency: Mutex<BTreeMap<(String, String), Histogram>>,
    revisions_stored: AtomicU64,
    revisions_duplicate: AtomicU64,
    retries: AtomicU64,
    rate_limited: AtomicU64,
}

impl Metrics {
    pub fn request(&self, method: &str, route: &str, status: u16, elapsed: Duration) {
        let key = (method.to_string(), route.to_string());
        *lock(&self.requests)
            .entry((key.0.clone(), key.1.clone(), status))
            .or_default() += 1;
        let secs = elapsed.as_secs_f64();
        let mut latency = lock(&self.latency);
        let h = latency.entry(key).or_default();
        h.count += 1;
        h.sum += secs;
        for (bound, count) in BUCKETS.iter().zip(h.counts.iter_mut()) {
            if secs <= *bound {
                *count += 1;
            }
        }
    }

    pub fn revisions(&self, stored: u32, duplicates: u32) {
        self.revisions_stored
            .fetch_add(u64::from(stored), Ordering::Relaxed);
        self.revisions_duplicate
            .fetch_add(u64::from(duplicates), Ordering::Relaxed);
    }

    pub fn transaction_retried(&self) {
        self.retries.fetch_add(1, Ordering::Relaxed);
    }

    pub fn rate_limited(&self) {
        self.rate_limited.fetch_add(1, Ordering::Relaxed);
    }

    /// The Prometheus text format (version 0.0.4).
    pub fn render(&self) -> String {
        let mut out = String::new();
        out.push_str("# HELP jcc_sync_requests_total HTTP requests by method, route and status.\n");
        out.push_str("# TYPE jcc_sync_requests_total counter\n");
        for ((method, route, status), n) in lock(&self.requests).iter() {
            let _ = writeln!(
                out,
                "jcc_sync_requests_total{{method=\"{method}\",route=\"{route}\",status=\"{status}\"}} {n}"
            );
        }
        out.push_str("# HELP jcc_sync_request_duration_seconds Time to answer a request (long polls included).\n");
        out.push_str("# TYPE jcc_sync_request_duration_seconds histogram\n");
        for ((method, route), h) in lock(&self.latency).iter() {
            let labels = format!("method=\"{method}\",route=\"{route}\"");
            for (bound, count) in BUCKETS.iter().zip(h.counts.iter()) {
                let _ = writeln!(
                    out,
                    "jcc_sync_request_duration_seconds_bucket{{{labels},le=\"{bound}\"}} {count}"
                );
            }
            let _ = writeln!(
                out,
                "jcc_sync_request_duration_seconds_bucket{{{labels},le=\"+Inf\"}} {}",
                h.count
            );
            let _ = writeln!(
                out,
                "jcc_sync_request_duration_seconds_sum{{{labels}}} {}",
                h.sum
            );
            let _ = writeln!(
                out,
                "jcc_sync_request_duration_seconds_count{{{labels}}} {}",
                h.count
            );
        }
        counter(
            &mut out,
            "jcc_sync_revisions_stored_total",
            "Revisions stored.",
            &self.revisions_stored,
        );
        counter(
            &mut out,
            "jcc_sync_revisions_duplicate_total",
            "Revisions received again (a resend) and not stored twice.",
            &self.revisions_duplicate,
        );
        counter(
            &mut out,
            "jcc_sync_transaction_retries_total",
            "Transactions rerun after a serialization failure (40001), deadlock or unique-key race.",
            &self.retries,
        );
        counter(
            &mut out,
            "jcc_sync_rate_limited_total",
            "Requests refused with 429.",
            &self.rate_limited,
        );
        out
    }
}

fn counter(out: &mut String, name: &str, help: &str, value: &AtomicU64) {
    let _ = writeln!(
        out,
        "# HELP {name} {help}\n# TYPE {name} counter\n{name} {}",
        value.load(Ordering::Relaxed)
    );
}

/// A poisoned lock only means a panic mid-update of a counter: keep counting.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_counters_and_cumulative_buckets() {
        let m = Metrics::default();
        m.request("POST", "/v1/revisions", 200, Duration::from_millis(3));
        m.request("POST", "/v1/revisions", 200, Duration::from_millis(40));
        m.revisions(7, 2);
        let text = m.render();
        assert!(text.contains(
            "jcc_sync_requests_total{method=\"POST\",route=\"/v1/revisions\",status=\"200\"} 2"
        ));
        assert!(
            text.contains("route=\"/v1/revisions\",le=\"0.005\"} 1"),
            "{text}"
        );
        assert!(
            text.contains("route=\"/v1/revisions\",le=\"0.05\"} 2"),
            "{text}"
        );
        assert!(text.contains("jcc_sync_revisions_stored_total 7"));
        assert!(text.contains("jcc_sync_revisions_duplicate_total 2"));
    }
}
