//! Durable crew runs: runs, their steps, what the crew last wrote into each entry,
//! LLM endpoint profiles (never secrets) and saved themes.
//!
//! The crew engine decides what to save; these methods only read and write rows, so a
//! step's row and its entry writes can share one [`Store::transaction`].

use crate::crew_status::{RunStatus, StepStatus};
use crate::error::{Result, StoreError};
use crate::model::{EntryId, JournalId};
use crate::Store;
use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use serde_json::Value;

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CrewRun {
    pub id: i64,
    pub uuid: String,
    pub crew: String,
    /// The definition file text the run started with.
    #[serde(skip_serializing)]
    pub definition: String,
    pub inputs: Value,
    pub profile: Option<String>,
    pub journal_id: Option<JournalId>,
    pub status: RunStatus,
    pub pending: Option<Value>,
    pub error: Option<String>,
    pub tokens_in: i64,
    pub tokens_out: i64,
    pub created_at: i64,
    pub updated_at: i64,
    pub finished_at: Option<i64>,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NewCrewRun {
    pub crew: String,
    pub definition: String,
    pub inputs: Value,
    pub profile: Option<String>,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CrewStep {
    pub id: i64,
    pub run_id: i64,
    pub step_key: String,
    pub task: String,
    pub item: Option<i64>,
    pub status: StepStatus,
    pub input: Value,
    pub prompt: String,
    pub raw_reply: String,
    pub output: Option<Value>,
    pub attempts: i64,
    pub attempt_log: Value,
    pub valid_first: bool,
    pub warnings: Vec<String>,
    pub note: String,
    pub error: Option<String>,
    pub profile: Option<String>,
    pub tokens_in: i64,
    pub tokens_out: i64,
    pub started_at: i64,
    pub finished_at: i64,
}

/// The text the crew last wrote into an entry.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CrewWrite {
    pub entry_id: EntryId,
    pub run_id: i64,
    pub step_key: String,
    pub title: String,
    pub body: String,
    pub prompt: String,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedTheme {
    pub id: i64,
    pub name: String,
    pub theme: String,
    pub title_style: String,
    pub voice: String,
    pub depth: String,
    pub builtin: bool,
}

/// Tokens per endpoint profile over all runs.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProfileUsage {
    pub profile: String,
    pub steps: i64,
    pub tokens_in: i64,
    pub tokens_out: i64,
}

const RUN_COLUMNS: &str =
    "id, uuid, crew, definition, inputs, profile, journal_id, status, pending,
    error, tokens_in, tokens_out, created_at, updated_at, finished_at";

const STEP_COLUMNS: &str = "id, run_id, step_key, task, item, status, input, prompt, raw_reply,
    output, attempts, attempt_log, valid_first, warnings, note, error, profile, tokens_in,
    tokens_out, started_at, finished_at";

fn json(text: Option<String>) -> Option<Value> {
    text.and_then(|t| serde_json::from_str(&t).ok())
}

fn run_from_row(r: &Row<'_>) -> rusqlite::Result<CrewRun> {
    Ok(CrewRun {
        id: r.get(0)?,
        uuid: r.get(1)?,
        crew: r.get(2)?,
        definition: r.get(3)?,
        inputs: json(r.get(4)?).unwrap_or(Value::Null),
        profile: r.get(5)?,
        journal_id: r.get(6)?,
        status: r.get(7)?,
        pending: json(r.get(8)?),
        error: r.get(9)?,
        tokens_in: r.get(10)?,
        tokens_out: r.get(11)?,
        created_at: r.get(12)?,
        updated_at: r.get(13)?,
        finished_at: r.get(14)?,
    })
}

fn step_from_row(r: &Row<'_>) -> rusqlite::Result<CrewStep> {
    Ok(CrewStep {
        id: r.get(0)?,
        run_id: r.get(1)?,
        step_key: r.get(2)?,
        task: r.get(3)?,
        item: r.get(4)?,
        status: r.get(5)?,
        input: json(r.get(6)?).unwrap_or(Value::Null),
        prompt: r.get(7)?,
        raw_reply: r.get(8)?,
        output: json(r.get(9)?),
        attempts: r.get(10)?,
        attempt_log: json(r.get(11)?).unwrap_or(Value::Null),
        valid_first: r.get(12)?,
        warnings: json(r.get(13)?)
            .and_then(|v| serde_json::from_value(v).ok())
            .unwrap_or_default(),
        note: r.get(14)?,
        error: r.get(15)?,
        profile: r.get(16)?,
        tokens_in: r.get(17)?,
        tokens_out: r.get(18)?,
        started_at: r.get(19)?,
        finished_at: r.get(20)?,
    })
}

impl Store {
    pub fn create_crew_run(&mut self, new: &NewCrewRun) -> Result<CrewRun> {
        self.transaction(|s| {
            let now = s.now();
            s.conn
                .execute(
                    "INSERT INTO crew_runs (uuid, crew, definition, inputs, profile, status, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, 'running', ?6, ?6)",
                    params![
                        uuid::Uuid::now_v7().to_string(),
                        new.crew,
                        new.definition,
                        new.inputs.to_string(),
                        new.profile,
                        now
                    ],
                )
                .map_err(|e| s.map_err(e))?;
            s.crew_run(s.conn.last_insert_rowid())
        })
    }

    pub fn crew_run(&self, id: i64) -> Result<CrewRun> {
        self.conn
            .prepare_cached(&format!(
                "SELECT {RUN_COLUMNS} FROM crew_runs WHERE id = ?1"
            ))?
            .query_row([id], run_from_row)
            .optional()?
            .ok_or_else(|| StoreError::not_found(format!("crew run {id}")))
    }

    /// Newest first.
    pub fn list_crew_runs(&self, limit: i64) -> Result<Vec<CrewRun>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {RUN_COLUMNS} FROM crew_runs ORDER BY id DESC LIMIT ?1"
        ))?;
        let rows = stmt.query_map([limit], run_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Sets status, error and pending question together; a final status stamps the end.
    pub fn set_crew_run_status(
        &mut self,
        id: i64,
        status: RunStatus,
        error: Option<&str>,
        pending: Option<&Value>,
    ) -> Result<()> {
        self.transaction(|s| {
            let now = s.now();
            let done = status.is_final().then_some(now);
            let n = s
                .conn
                .execute(
                    "UPDATE crew_runs SET status = ?2, error = ?3, pending = ?4, updated_at = ?5,
                        finished_at = ?6 WHERE id = ?1",
                    params![id, status, error, pending.map(|p| p.to_string()), now, done],
                )
                .map_err(|e| s.map_err(e))?;
            if n == 0 {
                return Err(StoreError::not_found(format!("crew run {id}")));
            }
            Ok(())
        })
    }

    pub fn set_crew_run_inputs(&mut self, id: i64, inputs: &Value) -> Result<()> {
        self.transaction(|s| {
            let now = s.now();
            s.conn
                .execute(
                    "UPDATE crew_runs SET inputs = ?2, updated_at = ?3 WHERE id = ?1",
                    params![id, inputs.to_string(), now],
                )
                .map_err(|e| s.map_err(e))?;
            Ok(())
        })
    }

    pub fn set_crew_run_journal(&mut self, id: i64, journal: JournalId) -> Result<()> {
        self.transaction(|s| {
            s.conn
                .execute(
                    "UPDATE crew_runs SET journal_id = ?2 WHERE id = ?1",
                    params![id, journal],
                )
                .map_err(|e| s.map_err(e))?;
            Ok(())
        })
    }

    /// Saves a step as it ends and adds its tokens to the run's totals.
    pub fn save_crew_step(&mut self, step: &CrewStep) -> Result<i64> {
        self.transaction(|s| {
            s.conn
                .execute(
                    &format!(
                        "INSERT INTO crew_steps ({}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,
                         ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)",
                        STEP_COLUMNS.replacen("id, ", "", 1)
                    ),
                    params![
                        step.run_id,
                        step.step_key,
                        step.task,
                        step.item,
                        step.status,
                        step.input.to_string(),
                        step.prompt,
                        step.raw_reply,
                        step.output.as_ref().map(|o| o.to_string()),
                        step.attempts,
                        step.attempt_log.to_string(),
                        step.valid_first,
                        serde_json::to_string(&step.warnings).unwrap_or_else(|_| "[]".into()),
                        step.note,
                        step.error,
                        step.profile,
                        step.tokens_in,
                        step.tokens_out,
                        step.started_at,
                        step.finished_at
                    ],
                )
                .map_err(|e| match e.sqlite_error_code() {
                    Some(rusqlite::ErrorCode::ConstraintViolation) => StoreError::Conflict(format!(
                        "step {} of crew run {} is already saved",
                        step.step_key, step.run_id
                    )),
                    _ => s.map_err(e),
                })?;
            let id = s.conn.last_insert_rowid();
            s.conn
                .execute(
                    "UPDATE crew_runs SET tokens_in = tokens_in + ?2, tokens_out = tokens_out + ?3,
                        updated_at = ?4 WHERE id = ?1",
                    params![
                        step.run_id,
                        step.tokens_in,
                        step.tokens_out,
                        step.finished_at
                    ],
                )
                .map_err(|e| s.map_err(e))?;
            Ok(id)
        })
    }

    /// Every saved step of a run in the order they ended, failures and superseded included.
    pub fn crew_steps(&self, run: i64) -> Result<Vec<CrewStep>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {STEP_COLUMNS} FROM crew_steps WHERE run_id = ?1 ORDER BY id"
        ))?;
        let rows = stmt.query_map([run], step_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The current (not superseded) finished or skipped steps of a run.
    pub fn current_crew_steps(&self, run: i64) -> Result<Vec<CrewStep>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {STEP_COLUMNS} FROM crew_steps WHERE run_id = ?1 AND superseded_at IS NULL
             AND status != 'failed' ORDER BY id"
        ))?;
        let rows = stmt.query_map([run], step_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Marks a step's current row as replaced (before it is run again).
    pub fn supersede_crew_step(&mut self, run: i64, step_key: &str) -> Result<bool> {
        self.transaction(|s| {
            let now = s.now();
            let n = s
                .conn
                .execute(
                    "UPDATE crew_steps SET superseded_at = ?3 WHERE run_id = ?1 AND step_key = ?2
                     AND superseded_at IS NULL AND status != 'failed'",
                    params![run, step_key, now],
                )
                .map_err(|e| s.map_err(e))?;
            Ok(n > 0)
        })
    }

    pub fn crew_write(&self, entry: EntryId) -> Result<Option<CrewWrite>> {
        Ok(self
            .conn
            .query_row(
                "SELECT entry_id, run_id, step_key, title, body, prompt FROM crew_writes WHERE entry_id = ?1",
                [entry],
                |r| {
                    Ok(CrewWrite {
                        entry_id: r.get(0)?,
                        run_id: r.get(1)?,
                        step_key: r.get(2)?,
                        title: r.get(3)?,
                        body: r.get(4)?,
                        prompt: r.get(5)?,
                    })
                },
            )
            .optional()?)
    }

    pub fn record_crew_write(&mut self, w: &CrewWrite) -> Result<()> {
        self.transaction(|s| {
            let now = s.now();
            s.conn
                .execute(
                    "INSERT INTO crew_writes (entry_id, run_id, step_key, title, body, prompt, written_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                     ON CONFLICT (entry_id) DO UPDATE SET run_id = excluded.run_id,
                        step_key = excluded.step_key, title = excluded.title, body = excluded.body,
                        prompt = excluded.prompt, written_at = excluded.written_at",
                    params![w.entry_id, w.run_id, w.step_key, w.title, w.body, w.prompt, now],
                )
                .map_err(|e| s.map_err(e))?;
            Ok(())
        })
    }

    /// Tokens by endpoint profile over every run.
    pub fn crew_usage_by_profile(&self) -> Result<Vec<ProfileUsage>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT coalesce(profile, ''), count(*), sum(tokens_in), sum(tokens_out) FROM crew_steps
             GROUP BY 1 ORDER BY 1",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(ProfileUsage {
                profile: r.get(0)?,
                steps: r.get(1)?,
                tokens_in: r.get(2)?,
                tokens_out: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    // --- endpoint profiles (configuration only; keys are in the OS keyring) ---

    pub fn llm_profiles(&self) -> Result<Vec<(Value, bool)>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT config, is_default FROM llm_profiles ORDER BY name")?;
        let rows = stmt.query_map([], |r| {
            Ok((json(r.get(0)?).unwrap_or(Value::Null), r.get(1)?))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn llm_profile(&self, name: &str) -> Result<Option<Value>> {
        let raw: Option<String> = self
            .conn
            .query_row(
                "SELECT config FROM llm_profiles WHERE name = ?1",
                [name],
                |r| r.get(0),
            )
            .optional()?;
        Ok(json(raw))
    }

    /// The default profile's name: the one marked default, else the only one.
    pub fn default_llm_profile(&self) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT name FROM llm_profiles ORDER BY is_default DESC, updated_at DESC LIMIT 1",
                [],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Adds or replaces a profile; `make_default` moves the default mark to it.
    pub fn save_llm_profile(
        &mut self,
        name: &str,
        config: &Value,
        make_default: bool,
    ) -> Result<()> {
        let now = self.now();
        self.transaction(|s| {
            if make_default {
                s.conn.execute("UPDATE llm_profiles SET is_default = 0", [])?;
            }
            s.conn
                .execute(
                    "INSERT INTO llm_profiles (name, config, is_default, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?4)
                     ON CONFLICT (name) DO UPDATE SET config = excluded.config,
                        is_default = max(is_default, excluded.is_default), updated_at = excluded.updated_at",
                    params![name, config.to_string(), make_default, now],
                )
                .map_err(|e| s.map_err(e))?;
            Ok(())
        })
    }

    pub fn remove_llm_profile(&mut self, name: &str) -> Result<()> {
        self.transaction(|s| {
            let n = s
                .conn
                .execute("DELETE FROM llm_profiles WHERE name = ?1", [name])
                .map_err(|e| s.map_err(e))?;
            if n == 0 {
                return Err(StoreError::not_found(format!("LLM profile {name:?}")));
            }
            Ok(())
        })
    }

    // --- themes ---

    pub fn crew_themes(&self) -> Result<Vec<SavedTheme>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, name, theme, title_style, voice, depth, builtin FROM crew_themes
             ORDER BY builtin DESC, name COLLATE NOCASE",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(SavedTheme {
                id: r.get(0)?,
                name: r.get(1)?,
                theme: r.get(2)?,
                title_style: r.get(3)?,
                voice: r.get(4)?,
                depth: r.get(5)?,
                builtin: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Adds or updates one of the writer's themes; the starter themes stay as shipped.
    pub fn save_crew_theme(&mut self, t: &SavedTheme) -> Result<()> {
        self.transaction(|s| {
            let now = s.now();
            let changed = s
                .conn
                .execute(
                    "INSERT INTO crew_themes (name, theme, title_style, voice, depth, builtin, created_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, 0, ?6)
                     ON CONFLICT (name) DO UPDATE SET theme = excluded.theme, title_style = excluded.title_style,
                        voice = excluded.voice, depth = excluded.depth
                     WHERE crew_themes.builtin = 0",
                    params![t.name.trim(), t.theme, t.title_style, t.voice, t.depth, now],
                )
                .map_err(|e| match e.sqlite_error_code() {
                    Some(rusqlite::ErrorCode::ConstraintViolation) => StoreError::Invalid(format!(
                        "theme {:?} needs a name and a depth of light, medium or deep",
                        t.name
                    )),
                    _ => s.map_err(e),
                })?;
            if changed == 0 {
                return Err(StoreError::Invalid(format!(
                    "{:?} is a starter theme; save yours under another name",
                    t.name.trim()
                )));
            }
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn steps_save_once_and_add_up_tokens() {
        let mut s = Store::open_in_memory().unwrap();
        let run = s
            .create_crew_run(&NewCrewRun {
                crew: "journal".into(),
                definition: "x".into(),
                inputs: json!({"theme": "t"}),
                profile: Some("local".into()),
            })
            .unwrap();
        assert_eq!(run.status, RunStatus::Running);
        let step = CrewStep {
            run_id: run.id,
            step_key: "titles".into(),
            task: "titles".into(),
            status: StepStatus::Finished,
            input: json!({}),
            output: Some(json!({"titles": ["a"]})),
            attempt_log: json!([]),
            tokens_in: 10,
            tokens_out: 5,
            ..Default::default()
        };
        s.save_crew_step(&step).unwrap();
        assert!(matches!(
            s.save_crew_step(&step),
            Err(StoreError::Conflict(_))
        ));
        let failed = CrewStep {
            status: StepStatus::Failed,
            step_key: "x".into(),
            ..step.clone()
        };
        s.save_crew_step(&failed).unwrap();
        s.save_crew_step(&failed).unwrap();
        assert_eq!(s.current_crew_steps(run.id).unwrap().len(), 1);
        assert_eq!(s.crew_steps(run.id).unwrap().len(), 3);
        assert!(s.supersede_crew_step(run.id, "titles").unwrap());
        s.save_crew_step(&step).unwrap();
        let run = s.crew_run(run.id).unwrap();
        assert_eq!((run.tokens_in, run.tokens_out), (40, 20));
        s.set_crew_run_status(run.id, RunStatus::Finished, None, None)
            .unwrap();
        assert!(s.crew_run(run.id).unwrap().finished_at.is_some());
        assert_eq!(s.crew_themes().unwrap().len(), 6);
    }

    #[test]
    fn writers_themes_save_and_update_but_starters_stay() {
        let mut s = Store::open_in_memory().unwrap();
        let mut mine = SavedTheme {
            id: 0,
            name: "Sea swims".into(),
            theme: "Cold water swimming".into(),
            title_style: "practical".into(),
            voice: String::new(),
            depth: "light".into(),
            builtin: false,
        };
        s.save_crew_theme(&mine).unwrap();
        mine.depth = "deep".into();
        s.save_crew_theme(&mine).unwrap();
        let themes = s.crew_themes().unwrap();
        assert_eq!(themes.len(), 7);
        let saved = themes.iter().find(|t| t.name == "Sea swims").unwrap();
        assert_eq!((saved.depth.as_str(), saved.builtin), ("deep", false));

        let starter = SavedTheme {
            name: "gratitude".into(),
            ..mine.clone()
        };
        let err = s.save_crew_theme(&starter).unwrap_err().to_string();
        assert!(err.contains("starter theme"), "{err}");
        let gratitude = s
            .crew_themes()
            .unwrap()
            .into_iter()
            .find(|t| t.name == "Gratitude")
            .unwrap();
        assert_eq!(gratitude.theme, "Gratitude in everyday life");
        let bad = SavedTheme {
            depth: "bottomless".into(),
            ..mine
        };
        assert!(s.save_crew_theme(&bad).is_err());
    }
}
