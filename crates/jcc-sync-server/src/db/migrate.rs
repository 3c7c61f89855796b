//! A small migrator that is safe when several instances start at once, without advisory
//! locks (CockroachDB has none). Each migration runs in one transaction: skip it if its row
//! in `schema_migrations` is there, else run it and insert that row. When two instances race,
//! one commits; the other's row (or its CREATE) collides with a unique violation, its whole
//! transaction rolls back, and the rerun finds the migration done. The row is written after
//! the DDL because CockroachDB refuses a schema change that follows a write in the same
//! transaction. Migrations are also written `IF NOT EXISTS`, so re-running one is harmless.

use deadpool_postgres::Pool;

use crate::db::retry;
use crate::error::Result;
use crate::metrics::Metrics;

/// Every migration in `migrations/`, in order: (version, name, SQL).
pub const MIGRATIONS: &[(i64, &str, &str)] = &[(
    1,
    "accounts_sessions_keys_revisions",
    include_str!("../../migrations/V001__accounts_sessions_keys_revisions.sql"),
)];

const BOOKKEEPING: &str = "CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INT8 NOT NULL PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at INT8 NOT NULL
)";

/// Applies the migrations this database has not had yet; returns how many this call applied.
pub async fn migrate(pool: &Pool, metrics: &Metrics) -> Result<usize> {
    retry(pool, metrics, |tx| {
        Box::pin(async move { Ok(tx.batch_execute(BOOKKEEPING).await?) })
    })
    .await?;
    let mut applied = 0;
    for &(version, name, sql) in MIGRATIONS {
        let ran = retry(pool, metrics, move |tx| {
            Box::pin(async move {
                let done = tx
                    .query_opt(
                        "SELECT version FROM schema_migrations WHERE version = $1",
                        &[&version],
                    )
                    .await?;
                if done.is_some() {
                    return Ok(false);
                }
                tx.batch_execute(sql).await?;
                tx.execute(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
                    &[&version, &name, &super::unix_now()],
                )
                .await?;
                Ok(true)
            })
        })
        .await?;
        if ran {
            tracing::info!(version, name, "applied migration");
            applied += 1;
        }
    }
    Ok(applied)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file added to `migrations/` but not to [`MIGRATIONS`] would never run.
    #[test]
    fn every_migration_file_is_listed_in_order() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/migrations");
        let mut files: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|n| n.ends_with(".sql"))
            .collect();
        files.sort();
        let listed: Vec<String> = MIGRATIONS
            .iter()
            .map(|(v, n, _)| format!("V{v:03}__{n}.sql"))
            .collect();
        assert_eq!(files, listed);
    }
}
