//! Entry templates with `{{placeholders}}`, and the starter writing prompts.

use crate::error::{Result, StoreError};
use crate::model::{Template, WritingPrompt};
use crate::Store;
use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};

/// Values a template's placeholders are filled from.
#[derive(Debug, Clone)]
pub struct TemplateContext {
    pub date: NaiveDate,
    pub journal: String,
    pub prompt: String,
}

/// Fills `{{date}}`, `{{weekday}}`, `{{month}}`, `{{year}}`, `{{journal}}` and `{{prompt}}`.
/// Unknown placeholders stay as written, so a typo shows instead of vanishing.
pub fn render(body: &str, ctx: &TemplateContext) -> String {
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else {
            out.push_str(&rest[start..]);
            return out;
        };
        let key = after[..end].trim().to_ascii_lowercase();
        let value = match key.as_str() {
            "date" => Some(ctx.date.format("%Y-%m-%d").to_string()),
            "long_date" => Some(ctx.date.format("%A, %B %-d, %Y").to_string()),
            "weekday" => Some(ctx.date.format("%A").to_string()),
            "month" => Some(ctx.date.format("%B").to_string()),
            "year" => Some(ctx.date.format("%Y").to_string()),
            "journal" => Some(ctx.journal.clone()),
            "prompt" => Some(ctx.prompt.clone()),
            _ => None,
        };
        match value {
            Some(v) => out.push_str(&v),
            None => out.push_str(&rest[start..start + 2 + end + 2]),
        }
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    out
}

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Template> {
    Ok(Template {
        id: r.get(0)?,
        name: r.get(1)?,
        category: r.get(2)?,
        body: r.get(3)?,
        builtin: r.get(4)?,
    })
}

impl Store {
    /// Adds a template, or replaces the body of the writer's own one with that name.
    pub fn save_template(&mut self, name: &str, category: &str, body: &str) -> Result<Template> {
        let name = name.trim();
        if name.is_empty() {
            return Err(StoreError::Invalid("a template needs a name".into()));
        }
        if let Some(existing) = self.template_opt(name)? {
            if existing.builtin {
                return Err(StoreError::Conflict(format!(
                    "\"{}\" is a built-in template; save yours under another name",
                    existing.name
                )));
            }
        }
        let now = self.now();
        let category = if category.trim().is_empty() {
            "general"
        } else {
            category.trim()
        };
        self.transaction(|s| {
            s.conn
                .execute(
                    "INSERT INTO templates (name, category, body, builtin, created_at, updated_at)
                     VALUES (?1, ?2, ?3, 0, ?4, ?4)
                     ON CONFLICT (name) DO UPDATE SET category = excluded.category, body = excluded.body,
                         updated_at = excluded.updated_at",
                    params![name, category, body, now],
                )
                .map_err(|e| s.map_err(e))?;
            s.template(name)
        })
    }

    pub fn templates(&self) -> Result<Vec<Template>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, name, category, body, builtin FROM templates ORDER BY category, name COLLATE NOCASE",
        )?;
        let rows = stmt.query_map([], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn template(&self, name: &str) -> Result<Template> {
        self.template_opt(name)?
            .ok_or_else(|| StoreError::not_found(format!("template \"{}\"", name.trim())))
    }

    fn template_opt(&self, name: &str) -> Result<Option<Template>> {
        Ok(self
            .conn
            .query_row(
                "SELECT id, name, category, body, builtin FROM templates WHERE name = ?1",
                [name.trim()],
                from_row,
            )
            .optional()?)
    }

    pub fn delete_template(&mut self, name: &str) -> Result<()> {
        let t = self.template(name)?;
        if t.builtin {
            return Err(StoreError::Conflict(format!(
                "\"{}\" is built in and can't be removed",
                t.name
            )));
        }
        self.transaction(|s| {
            s.conn
                .execute("DELETE FROM templates WHERE id = ?1", [t.id])
                .map_err(|e| s.map_err(e))?;
            Ok(())
        })
    }

    pub fn prompts(&self, category: Option<&str>) -> Result<Vec<WritingPrompt>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, category, text FROM prompts WHERE ?1 IS NULL OR category = ?1 COLLATE NOCASE ORDER BY id",
        )?;
        let rows = stmt.query_map([category], |r| {
            Ok(WritingPrompt {
                id: r.get(0)?,
                category: r.get(1)?,
                text: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The prompt for a date: stable for the day, different from day to day.
    pub fn prompt_for(&self, date: NaiveDate) -> Result<Option<WritingPrompt>> {
        let all = self.prompts(None)?;
        if all.is_empty() {
            return Ok(None);
        }
        let day = date.signed_duration_since(NaiveDate::default()).num_days();
        Ok(all.get(day.rem_euclid(all.len() as i64) as usize).cloned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx() -> TemplateContext {
        TemplateContext {
            date: NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
            journal: "Morning Pages".into(),
            prompt: "What made you smile?".into(),
        }
    }

    #[test]
    fn fills_known_placeholders_and_keeps_unknown_ones() {
        let out = render("# {{ weekday }} {{date}}\n{{prompt}}\n{{mood}} {{", &ctx());
        assert_eq!(
            out,
            "# Sunday 2026-03-01\nWhat made you smile?\n{{mood}} {{"
        );
    }

    #[test]
    fn starter_templates_and_prompts_ship_and_builtins_are_protected() {
        let mut s = Store::open_in_memory().unwrap();
        assert!(s.templates().unwrap().iter().any(|t| t.builtin));
        assert!(s.prompts(None).unwrap().len() >= 30);
        let builtin = s
            .templates()
            .unwrap()
            .into_iter()
            .find(|t| t.builtin)
            .unwrap();
        assert!(matches!(
            s.save_template(&builtin.name, "", "x"),
            Err(StoreError::Conflict(_))
        ));
        let mine = s
            .save_template("Evening", "reflection", "Today I {{prompt}}")
            .unwrap();
        assert!(!mine.builtin);
        let date = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        assert_eq!(s.prompt_for(date).unwrap(), s.prompt_for(date).unwrap());
    }
}
