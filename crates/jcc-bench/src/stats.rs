//! Timing samples and their percentiles.

use serde::Serialize;
use std::time::{Duration, Instant};

/// Durations of repeated runs of one operation.
#[derive(Debug, Clone, Default)]
pub struct Samples(Vec<Duration>);

impl Samples {
    pub fn with_capacity(n: usize) -> Self {
        Self(Vec::with_capacity(n))
    }

    #[cfg(test)]
    pub fn push(&mut self, d: Duration) {
        self.0.push(d);
    }

    /// Runs `f`, records how long it took and returns its result.
    pub fn time<T>(&mut self, f: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let out = f();
        self.0.push(start.elapsed());
        out
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The nearest-rank percentile `p` (0-100) of the sorted samples, in milliseconds.
    #[cfg(test)]
    pub fn percentile_ms(&self, p: f64) -> f64 {
        let mut sorted = self.0.clone();
        sorted.sort();
        percentile(&sorted, p).as_secs_f64() * 1e3
    }

    pub fn summary(&self) -> Summary {
        let mut sorted = self.0.clone();
        sorted.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1e3;
        let total: Duration = sorted.iter().sum();
        Summary {
            samples: sorted.len(),
            p50_ms: ms(percentile(&sorted, 50.0)),
            p95_ms: ms(percentile(&sorted, 95.0)),
            p99_ms: ms(percentile(&sorted, 99.0)),
            mean_ms: if sorted.is_empty() {
                0.0
            } else {
                ms(total) / sorted.len() as f64
            },
            min_ms: sorted.first().copied().map(ms).unwrap_or_default(),
            max_ms: sorted.last().copied().map(ms).unwrap_or_default(),
        }
    }
}

/// Nearest rank: the smallest sample with at least `p`% of the samples at or below it.
fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Summary {
    pub samples: usize,
    pub p50_ms: f64,
    pub p95_ms: f64,
    pub p99_ms: f64,
    pub mean_ms: f64,
    pub min_ms: f64,
    pub max_ms: f64,
}

/// `0.84 ms`, `12.3 ms`, `4.21 s`.
pub fn fmt_ms(ms: f64) -> String {
    if ms >= 1000.0 {
        format!("{:.2} s", ms / 1000.0)
    } else if ms >= 10.0 {
        format!("{ms:.1} ms")
    } else {
        format!("{ms:.2} ms")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_use_the_nearest_rank_of_sorted_samples() {
        let mut s = Samples::default();
        for ms in (1..=100).rev() {
            s.push(Duration::from_millis(ms));
        }
        let sum = s.summary();
        assert_eq!(sum.samples, 100);
        assert_eq!(sum.p50_ms, 50.0);
        assert_eq!(sum.p95_ms, 95.0);
        assert_eq!(sum.p99_ms, 99.0);
        assert_eq!(sum.min_ms, 1.0);
        assert_eq!(sum.max_ms, 100.0);
        assert!((sum.mean_ms - 50.5).abs() < 1e-9);

        let mut one = Samples::default();
        one.push(Duration::from_millis(7));
        assert_eq!(one.percentile_ms(99.0), 7.0);
        assert_eq!(Samples::default().percentile_ms(50.0), 0.0);
    }

    #[test]
    fn durations_print_in_a_readable_unit() {
        assert_eq!(fmt_ms(0.8412), "0.84 ms");
        assert_eq!(fmt_ms(12.34), "12.3 ms");
        assert_eq!(fmt_ms(4210.0), "4.21 s");
    }
}
