//! Small app settings as JSON values (the writer's preferences, not secrets).

use crate::error::Result;
use crate::Store;
use rusqlite::{params, OptionalExtension};

impl Store {
    pub fn setting(&self, key: &str) -> Result<Option<serde_json::Value>> {
        let raw: Option<String> = self
            .conn
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?;
        Ok(raw.and_then(|v| serde_json::from_str(&v).ok()))
    }

    pub fn set_setting(&mut self, key: &str, value: &serde_json::Value) -> Result<()> {
        self.transaction(|s| {
            s.conn
                .execute(
                    "INSERT INTO settings (key, value) VALUES (?1, ?2)
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    params![key, value.to_string()],
                )
                .map_err(|e| s.map_err(e))?;
            Ok(())
        })
    }
}
