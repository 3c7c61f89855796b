//! Configuration, all from the environment (twelve-factor), so the same binary runs on one
//! machine over PostgreSQL or as many instances over YugabyteDB/CockroachDB with only the
//! connection string changed.

use std::net::SocketAddr;
use std::time::Duration;

use jcc_sync_proto::{MAX_BATCH_BYTES, MAX_BATCH_ITEMS};

/// Everything the server needs to run. [`Config::from_env`] reads it; tests build it directly.
#[derive(Debug, Clone)]
pub struct Config {
    /// `JCC_SYNC_DATABASE_URL`: a PostgreSQL connection string (libpq key/value or URL form).
    pub database_url: String,
    /// `JCC_SYNC_DATABASE_CA`: a PEM file of the CA that signed the database's certificate
    /// (used with `sslmode=require`; without it the public web roots).
    pub database_ca: Option<std::path::PathBuf>,
    /// `JCC_SYNC_LISTEN`: the address to bind; port 0 picks a free one (printed on stdout).
    pub listen: SocketAddr,
    /// `JCC_SYNC_ISSUER`: the OpenID Connect issuer whose ID tokens are accepted.
    pub issuer: String,
    /// `JCC_SYNC_CLIENT_ID`: the public client id devices sign in as (the ID token's `aud`).
    pub client_id: String,
    /// `JCC_SYNC_SCOPES`: what devices ask the provider for (space-separated).
    pub scopes: Vec<String>,
    /// `JCC_SYNC_SESSION_TTL_SECS`: how long a server session lives.
    pub session_ttl: Duration,
    /// `JCC_SYNC_POOL_SIZE`: database connections per instance.
    pub pool_size: usize,
    /// `JCC_SYNC_RATE_PER_MINUTE`: authenticated requests one account may make per minute,
    /// per instance (a token bucket of this size, refilled evenly); 0 turns it off.
    pub rate_per_minute: u32,
    /// `JCC_SYNC_MAX_BATCH_ITEMS` / `JCC_SYNC_MAX_BATCH_BYTES`: one push's limits (at most the
    /// protocol's 500 items / 8 MiB).
    pub max_batch_items: usize,
    pub max_batch_bytes: usize,
    /// `JCC_SYNC_MAX_ACCOUNT_BYTES`: ciphertext one account may store in total; 0 = no cap.
    pub max_account_bytes: i64,
    /// `JCC_SYNC_JWKS_REFETCH_SECS`: the least time between two fetches of the provider's
    /// keys caused by tokens naming an unknown key id.
    pub jwks_refetch: Duration,
    /// `JCC_SYNC_POLL_MS`: how often a long poll looks for new revisions.
    pub poll_interval: Duration,
}

/// A configuration variable is missing or unreadable.
#[derive(Debug, thiserror::Error)]
#[error("{var}: {problem}")]
pub struct ConfigError {
    pub var: &'static str,
    pub problem: String,
}

impl Config {
    /// Defaults for everything but the database and the provider.
    pub fn new(database_url: &str, issuer: &str, client_id: &str) -> Self {
        Config {
            database_url: database_url.to_string(),
            database_ca: None,
            listen: SocketAddr::from(([127, 0, 0, 1], 8787)),
            issuer: issuer.trim_end_matches('/').to_string(),
            client_id: client_id.to_string(),
            scopes: vec!["openid".into(), "offline_access".into()],
            session_ttl: Duration::from_secs(30 * 24 * 3600),
            pool_size: 16,
            rate_per_minute: 1200,
            max_batch_items: MAX_BATCH_ITEMS,
            max_batch_bytes: MAX_BATCH_BYTES,
            max_account_bytes: 0,
            poll_interval: Duration::from_millis(250),
            jwks_refetch: Duration::from_secs(10),
        }
    }

    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|k| std::env::var(k).ok())
    }

    /// Reads the variables through `get`, so a test can pass its own map.
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let required = |var: &'static str| {
            get(var)
                .filter(|v| !v.trim().is_empty())
                .ok_or(ConfigError {
                    var,
                    problem: "not set".into(),
                })
        };
        let mut c = Config::new(
            &required("JCC_SYNC_DATABASE_URL")?,
            &required("JCC_SYNC_ISSUER")?,
            &required("JCC_SYNC_CLIENT_ID")?,
        );
        check_issuer(&c.issuer).map_err(|problem| ConfigError {
            var: "JCC_SYNC_ISSUER",
            problem,
        })?;
        c.database_ca = get("JCC_SYNC_DATABASE_CA")
            .filter(|v| !v.is_empty())
            .map(Into::into);
        if let Some(v) = get("JCC_SYNC_LISTEN") {
            c.listen = parse("JCC_SYNC_LISTEN", &v)?;
        }
        if let Some(v) = get("JCC_SYNC_SCOPES") {
            c.scopes = v.split_whitespace().map(str::to_string).collect();
            if !c.scopes.iter().any(|s| s == "openid") {
                c.scopes.insert(0, "openid".into());
            }
        }
        if let Some(v) = get("JCC_SYNC_SESSION_TTL_SECS") {
            c.session_ttl = Duration::from_secs(positive("JCC_SYNC_SESSION_TTL_SECS", &v)?);
        }
        if let Some(v) = get("JCC_SYNC_POOL_SIZE") {
            c.pool_size = positive("JCC_SYNC_POOL_SIZE", &v)? as usize;
        }
        if let Some(v) = get("JCC_SYNC_RATE_PER_MINUTE") {
            c.rate_per_minute = parse("JCC_SYNC_RATE_PER_MINUTE", &v)?;
        }
        if let Some(v) = get("JCC_SYNC_MAX_BATCH_ITEMS") {
            c.max_batch_items = at_most("JCC_SYNC_MAX_BATCH_ITEMS", &v, MAX_BATCH_ITEMS)?;
        }
        if let Some(v) = get("JCC_SYNC_MAX_BATCH_BYTES") {
            c.max_batch_bytes = at_most("JCC_SYNC_MAX_BATCH_BYTES", &v, MAX_BATCH_BYTES)?;
        }
        if let Some(v) = get("JCC_SYNC_MAX_ACCOUNT_BYTES") {
            c.max_account_bytes = parse("JCC_SYNC_MAX_ACCOUNT_BYTES", &v)?;
        }
        if let Some(v) = get("JCC_SYNC_JWKS_REFETCH_SECS") {
            c.jwks_refetch = Duration::from_secs(parse("JCC_SYNC_JWKS_REFETCH_SECS", &v)?);
        }
        if let Some(v) = get("JCC_SYNC_POLL_MS") {
            c.poll_interval = Duration::from_millis(positive("JCC_SYNC_POLL_MS", &v)?);
        }
        Ok(c)
    }
}

/// The issuer must be https, except on loopback (a provider on this machine, as in tests).
fn check_issuer(issuer: &str) -> Result<(), String> {
    if issuer.starts_with("https://") {
        return Ok(());
    }
    let loopback = ["http://127.0.0.1", "http://[::1]", "http://localhost"];
    if loopback.iter().any(|p| {
        issuer
            .strip_prefix(p)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with([':', '/']))
    }) {
        return Ok(());
    }
    Err(format!(
        "must be an https:// URL (plain http only on loopback), not {issuer}"
    ))
}

fn parse<T: std::str::FromStr>(var: &'static str, v: &str) -> Result<T, ConfigError>
where
    T::Err: std::fmt::Display,
{
    v.trim().parse().map_err(|e: T::Err| ConfigError {
        var,
        problem: format!("{v:?}: {e}"),
    })
}

fn positive(var: &'static str, v: &str) -> Result<u64, ConfigError> {
    match parse::<u64>(var, v)? {
        0 => Err(ConfigError {
            var,
            problem: "must be more than 0".into(),
        }),
        n => Ok(n),
    }
}

fn at_most(var: &'static str, v: &str, max: usize) -> Result<usize, ConfigError> {
    match positive(var, v)? as usize {
        n if n > max => Err(ConfigError {
            var,
            problem: format!("at most {max} (the protocol's limit)"),
        }),
        n => Ok(n),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn from(pairs: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::from_lookup(|k| map.get(k).cloned())
    }

    const BASE: [(&str, &str); 3] = [
        ("JCC_SYNC_DATABASE_URL", "postgres://localhost/jcc"),
        ("JCC_SYNC_ISSUER", "https://id.example.com/"),
        ("JCC_SYNC_CLIENT_ID", "jcc-desktop"),
    ];

    #[test]
    fn reads_the_environment_with_defaults() {
        let mut pairs = BASE.to_vec();
        pairs.extend([
            ("JCC_SYNC_LISTEN", "127.0.0.1:0"),
            ("JCC_SYNC_RATE_PER_MINUTE", "5"),
        ]);
        let c = from(&pairs).unwrap();
        assert_eq!(c.issuer, "https://id.example.com");
        assert_eq!(c.listen.port(), 0);
        assert_eq!(c.rate_per_minute, 5);
        assert_eq!(c.max_batch_items, 500);
    }

    #[test]
    fn a_missing_or_wrong_variable_is_named() {
        let err = from(&BASE[..2]).unwrap_err();
        assert_eq!(err.var, "JCC_SYNC_CLIENT_ID");
        let mut pairs = BASE.to_vec();
        pairs.push(("JCC_SYNC_MAX_BATCH_ITEMS", "501"));
        assert_eq!(from(&pairs).unwrap_err().var, "JCC_SYNC_MAX_BATCH_ITEMS");
        let mut pairs = BASE.to_vec();
        pairs[1] = ("JCC_SYNC_ISSUER", "http://id.example.com");
        assert!(from(&pairs).unwrap_err().problem.contains("https"));
        pairs[1] = ("JCC_SYNC_ISSUER", "http://127.0.0.1:9000");
        assert!(from(&pairs).is_ok());
    }
}
