//! Crew definitions: agents and tasks as a TOML file. The built-in journal crew is
//! embedded; a writer's copy in the config dir replaces it. Everything is checked when
//! the file loads, so a broken definition is an error with file, line and reason, never
//! a panic or a failure halfway through a run.

use crate::error::{CrewError, Result};
use crate::template;
use serde::Deserialize;
use serde_json::Value;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The built-in journal crew, as shipped.
pub const BUILTIN_JOURNAL: &str = include_str!("../crews/journal.toml");
pub const BUILTIN_NAME: &str = "journal";

/// Collections a `for_each` task can walk; the engine builds their items.
pub const COLLECTIONS: &[&str] = &["days", "insight_batches", "image_slots"];

/// Run inputs every template may use.
pub const INPUTS: &[&str] = &[
    "theme",
    "title",
    "title_style",
    "voice",
    "depth",
    "insights",
    "days",
    "language",
    "note",
];

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum TaskKind {
    /// Ask an agent's model; the reply is JSON checked against the task's schema.
    #[default]
    Llm,
    /// Give each image slot an image (endpoint, writer's file or placeholder).
    Media,
    /// Store layout settings on the journal for the book export.
    Layout,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Agent {
    pub id: String,
    pub role: String,
    pub goal: String,
    #[serde(default)]
    pub backstory: String,
    /// An endpoint profile for this agent; the run's profile otherwise.
    #[serde(default)]
    pub profile: Option<String>,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pick {
    /// The list in the task's output to choose from.
    pub list: String,
    /// The input the choice goes into.
    pub into: String,
    pub question: String,
}

/// Checks on a reply beyond its schema. Failing ones are re-asked; if they still fail
/// after the re-asks, the step is kept with a warning (a small model's 170 words are
/// better than no day at all) rather than failing the run.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Guardrails {
    /// field -> [min, max] words.
    #[serde(default)]
    pub words: BTreeMap<String, [i64; 2]>,
    /// Fields whose value must differ from every earlier item of the same task.
    #[serde(default)]
    pub unique: Vec<String>,
    /// field -> text it must contain.
    #[serde(default)]
    pub contains: BTreeMap<String, String>,
}

/// How a task's output becomes an entry (all values are templates).
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WriteSpec {
    /// Identity of the entry within the journal: the same key updates the same entry.
    pub key: String,
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub day: Option<String>,
    #[serde(default)]
    pub position: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub body: Option<String>,
    #[serde(default)]
    pub prompt: Option<String>,
    #[serde(default)]
    pub lines: Option<String>,
    /// A description of the image this entry wants (an image slot for the media task).
    #[serde(default)]
    pub image: Option<String>,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JournalSpec {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub subtitle: String,
    #[serde(default)]
    pub theme: String,
    #[serde(default)]
    pub author_voice: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTask {
    id: toml::Spanned<String>,
    #[serde(default)]
    agent: Option<String>,
    #[serde(default)]
    kind: TaskKind,
    #[serde(default)]
    description: String,
    #[serde(default)]
    expected_output: String,
    #[serde(default)]
    schema: Option<toml::Spanned<String>>,
    #[serde(default)]
    context: Vec<String>,
    #[serde(default)]
    for_each: Option<String>,
    #[serde(default)]
    skip_if: Option<String>,
    #[serde(default)]
    optional: bool,
    #[serde(default)]
    pick: Option<Pick>,
    #[serde(default)]
    confirm: Option<String>,
    #[serde(default)]
    guardrails: Guardrails,
    #[serde(default)]
    write: Option<WriteSpec>,
    #[serde(default)]
    max_tokens: Option<u32>,
    #[serde(default)]
    temperature: Option<f32>,
    #[serde(default)]
    max_reasks: Option<u32>,
    #[serde(default)]
    layout: Option<toml::Table>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDefinition {
    name: String,
    #[serde(default)]
    version: i64,
    #[serde(default)]
    description: String,
    #[serde(default)]
    temperature: Option<f32>,
    #[serde(default)]
    max_reasks: Option<u32>,
    #[serde(default)]
    journal: JournalSpec,
    #[serde(default)]
    agents: Vec<Agent>,
    #[serde(default)]
    tasks: Vec<RawTask>,
}

#[derive(Debug, Clone)]
pub struct Task {
    pub id: String,
    pub line: usize,
    pub agent: Option<String>,
    pub kind: TaskKind,
    pub description: String,
    pub expected_output: String,
    pub schema: Option<Value>,
    pub validator: Option<Arc<jsonschema::Validator>>,
    pub context: Vec<String>,
    pub for_each: Option<String>,
    pub skip_if: Option<String>,
    /// A polishing step: when the model's replies stay unusable, the step is skipped
    /// with the reason and the run goes on with what earlier steps wrote.
    pub optional: bool,
    pub pick: Option<Pick>,
    pub confirm: Option<String>,
    pub guardrails: Guardrails,
    pub write: Option<WriteSpec>,
    pub max_tokens: u32,
    pub temperature: f32,
    pub max_reasks: u32,
    pub layout: Value,
}

#[derive(Debug, Clone)]
pub struct CrewDefinition {
    pub name: String,
    pub version: i64,
    pub description: String,
    pub journal: JournalSpec,
    pub agents: Vec<Agent>,
    pub tasks: Vec<Task>,
    /// The file text, stored with each run so a resume follows the crew it started with.
    pub source: String,
    pub file: PathBuf,
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

impl CrewDefinition {
    pub fn builtin() -> Self {
        // The embedded file is checked by a unit test, so this cannot fail in a build
        // that passed its tests; still, no panic path: fall back to an empty crew.
        Self::parse(BUILTIN_JOURNAL, Path::new("<built-in journal.toml>")).unwrap_or_else(|e| {
            tracing::error!(error = %e, "the built-in crew definition is broken");
            Self {
                name: BUILTIN_NAME.into(),
                version: 0,
                description: String::new(),
                journal: JournalSpec::default(),
                agents: Vec::new(),
                tasks: Vec::new(),
                source: String::new(),
                file: PathBuf::new(),
            }
        })
    }

    pub fn load(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path).map_err(|source| CrewError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Self::parse(&text, path)
    }

    pub fn parse(text: &str, file: &Path) -> Result<Self> {
        let err = |line: usize, reason: String| CrewError::Definition {
            file: file.to_path_buf(),
            line,
            reason,
        };
        let raw: RawDefinition = toml::from_str(text).map_err(|e| {
            let line = e.span().map(|s| line_of(text, s.start)).unwrap_or(1);
            err(line, e.message().trim().to_string())
        })?;
        if raw.name.trim().is_empty() {
            return Err(err(1, "the crew needs a name".into()));
        }
        let agents: HashSet<&str> = raw.agents.iter().map(|a| a.id.as_str()).collect();
        if agents.len() != raw.agents.len() {
            return Err(err(1, "two agents have the same id".into()));
        }
        let mut tasks: Vec<Task> = Vec::new();
        for t in raw.tasks {
            let line = line_of(text, t.id.span().start);
            let id = t.id.get_ref().trim().to_string();
            let fail = |reason: String| err(line, format!("task {id:?}: {reason}"));
            if id.is_empty() || id.contains(['#', ' ']) {
                return Err(fail("an id needs letters, no spaces or '#'".into()));
            }
            if tasks.iter().any(|p| p.id == id) {
                return Err(fail("another task has this id".into()));
            }
            if t.kind == TaskKind::Llm {
                match &t.agent {
                    None => return Err(fail("an llm task needs an `agent`".into())),
                    Some(a) if !agents.contains(a.as_str()) => {
                        return Err(fail(format!("there is no agent {a:?}")))
                    }
                    _ => {}
                }
            }
            for c in &t.context {
                if !tasks.iter().any(|p| &p.id == c) {
                    return Err(fail(format!(
                        "context {c:?} is not an earlier task (context can only look back)"
                    )));
                }
            }
            if let Some(f) = &t.for_each {
                if !COLLECTIONS.contains(&f.as_str()) {
                    return Err(fail(format!(
                        "for_each {f:?} is unknown; use one of {}",
                        COLLECTIONS.join(", ")
                    )));
                }
            }
            if let Some(s) = &t.skip_if {
                if !INPUTS.contains(&s.as_str()) {
                    return Err(fail(format!("skip_if {s:?} is not a run input")));
                }
            }
            if let Some(p) = &t.pick {
                if !INPUTS.contains(&p.into.as_str()) {
                    return Err(fail(format!("pick.into {:?} is not a run input", p.into)));
                }
            }
            let (schema, validator) = match &t.schema {
                None if t.kind == TaskKind::Llm => {
                    return Err(fail("an llm task needs a JSON `schema`".into()))
                }
                None => (None, None),
                Some(s) => {
                    let at = line_of(text, s.span().start);
                    let v: Value = serde_json::from_str(s.get_ref()).map_err(|e| {
                        // serde_json counts lines inside the string, which starts on
                        // the line after `schema = '''`.
                        err(
                            at + e.line(),
                            format!("task {id:?}: the schema is not JSON ({e})"),
                        )
                    })?;
                    let validator = jsonschema::validator_for(&v).map_err(|e| {
                        err(
                            at,
                            format!("task {id:?}: the schema is not a JSON Schema ({e})"),
                        )
                    })?;
                    (Some(v), Some(Arc::new(validator)))
                }
            };
            // Every template may only use names that will exist when it runs.
            let earlier_foreach: Vec<&str> = tasks
                .iter()
                .filter(|p| p.for_each.is_some())
                .map(|p| p.id.as_str())
                .collect();
            let mut allowed: Vec<&str> = INPUTS.to_vec();
            allowed.extend(t.context.iter().map(String::as_str));
            if t.for_each.is_some() {
                allowed.extend(["item", "same", "earlier"]);
            }
            let mut templates = vec![("description", t.description.as_str())];
            if let Some(w) = &t.write {
                for (name, v) in [
                    ("write.key", Some(&w.key)),
                    ("write.kind", w.kind.as_ref()),
                    ("write.day", w.day.as_ref()),
                    ("write.position", w.position.as_ref()),
                    ("write.title", w.title.as_ref()),
                    ("write.body", w.body.as_ref()),
                    ("write.prompt", w.prompt.as_ref()),
                    ("write.lines", w.lines.as_ref()),
                    ("write.image", w.image.as_ref()),
                ] {
                    if let Some(v) = v {
                        templates.push((name, v.as_str()));
                    }
                }
                if let Some(k) = &w.kind {
                    if k.parse::<jcc_store::EntryKind>().is_err() {
                        return Err(fail(format!(
                            "write.kind {k:?} is not an entry kind (intro, commitment, day, certificate, free)"
                        )));
                    }
                }
            }
            for (name, tpl) in templates {
                template::check_syntax(tpl).map_err(|r| fail(format!("{name}: {r}")))?;
                let write_field = name.starts_with("write.");
                for root in template::roots(tpl) {
                    let ok = allowed.contains(&root.as_str()) || (write_field && root == "output");
                    if !ok {
                        return Err(fail(format!(
                            "{name} uses {{{{{root}}}}}, which is not a run input ({}), `item`/`same`/`earlier` of a for_each task, or a task listed in `context`",
                            INPUTS.join(", ")
                        )));
                    }
                }
                // `same.X` must name an earlier for_each task.
                for (path, _) in placeholder_paths(tpl) {
                    if let Some(rest) = path.strip_prefix("same.") {
                        let task = rest.split('.').next().unwrap_or_default();
                        if !earlier_foreach.contains(&task) {
                            return Err(fail(format!(
                                "{name} uses {{{{{path}}}}} but {task:?} is not an earlier for_each task"
                            )));
                        }
                    }
                }
            }
            let layout = match &t.layout {
                Some(tbl) => serde_json::to_value(tbl).map_err(|e| fail(format!("layout: {e}")))?,
                None => Value::Object(Default::default()),
            };
            tasks.push(Task {
                id,
                line,
                agent: t.agent,
                kind: t.kind,
                description: t.description,
                expected_output: t.expected_output,
                schema,
                validator,
                context: t.context,
                for_each: t.for_each,
                skip_if: t.skip_if,
                optional: t.optional,
                pick: t.pick,
                confirm: t.confirm,
                guardrails: t.guardrails,
                write: t.write,
                max_tokens: t.max_tokens.unwrap_or(512),
                temperature: t.temperature.or(raw.temperature).unwrap_or(0.4),
                max_reasks: t.max_reasks.or(raw.max_reasks).unwrap_or(2),
                layout,
            });
        }
        if tasks.is_empty() {
            return Err(err(1, "the crew has no tasks".into()));
        }
        Ok(Self {
            name: raw.name,
            version: raw.version,
            description: raw.description,
            journal: raw.journal,
            agents: raw.agents,
            tasks,
            source: text.to_string(),
            file: file.to_path_buf(),
        })
    }

    pub fn agent(&self, id: &str) -> Option<&Agent> {
        self.agents.iter().find(|a| a.id == id)
    }

    pub fn task(&self, id: &str) -> Option<&Task> {
        self.tasks.iter().find(|t| t.id == id)
    }

    /// The writer's copy in `config_dir/crews/<name>.toml` if there is one, else built-in.
    pub fn resolve(config_dir: Option<&Path>, name: &str) -> Result<Self> {
        if let Some(dir) = config_dir {
            let path = Self::user_path(dir, name);
            if path.exists() {
                return Self::load(&path);
            }
        }
        if name == BUILTIN_NAME {
            return Self::parse(BUILTIN_JOURNAL, Path::new("<built-in journal.toml>"));
        }
        Err(CrewError::Invalid(format!(
            "there is no crew named {name:?}; the built-in one is {BUILTIN_NAME:?}"
        )))
    }

    pub fn user_path(config_dir: &Path, name: &str) -> PathBuf {
        config_dir.join("crews").join(format!("{name}.toml"))
    }

    /// Writes the built-in definition into the config dir for the writer to change;
    /// an existing copy is left alone.
    pub fn copy_builtin(config_dir: &Path) -> Result<PathBuf> {
        let path = Self::user_path(config_dir, BUILTIN_NAME);
        if path.exists() {
            return Ok(path);
        }
        let io = |source| CrewError::Io {
            path: path.clone(),
            source,
        };
        std::fs::create_dir_all(path.parent().unwrap_or(config_dir)).map_err(io)?;
        std::fs::write(&path, BUILTIN_JOURNAL).map_err(io)?;
        Ok(path)
    }
}

fn placeholder_paths(tpl: &str) -> Vec<(String, ())> {
    let mut out = Vec::new();
    let mut rest = tpl;
    while let Some(s) = rest.find("{{") {
        let Some(len) = rest[s + 2..].find("}}") else {
            break;
        };
        let inner = rest[s + 2..s + 2 + len].trim();
        out.push((inner.split('|').next().unwrap_or("").trim().to_string(), ()));
        rest = &rest[s + 2 + len + 2..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_crew_loads() {
        let d = CrewDefinition::parse(BUILTIN_JOURNAL, Path::new("journal.toml")).unwrap();
        let ids: Vec<&str> = d.tasks.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "voices",
                "titles",
                "research",
                "intro",
                "commitment",
                "day",
                "certificate",
                "edit",
                "media",
                "layout"
            ]
        );
    }

    fn broken(from: &str, to: &str) -> String {
        assert!(BUILTIN_JOURNAL.contains(from), "{from}");
        let text = BUILTIN_JOURNAL.replacen(from, to, 1);
        CrewDefinition::parse(&text, Path::new("mine.toml"))
            .unwrap_err()
            .to_string()
    }

    fn line(needle: &str) -> usize {
        BUILTIN_JOURNAL
            .lines()
            .position(|l| l.contains(needle))
            .unwrap()
            + 1
    }

    #[test]
    fn broken_definitions_say_file_line_and_reason() {
        let e = broken("agent = \"discovery\"", "agent = \"nobody\"");
        assert!(
            e.starts_with(&format!("mine.toml:{}:", line("id = \"titles\""))),
            "{e}"
        );
        assert!(e.contains("no agent \"nobody\""), "{e}");

        let e = broken("{{title_style}}", "{{tone}}");
        assert!(
            e.contains("{{tone}}") && e.contains("task \"titles\""),
            "{e}"
        );

        let e = broken("\"required\": [\"voices\"]}", "\"required\": [\"voices\"]");
        assert!(e.contains("not JSON"), "{e}");
        assert!(e.starts_with("mine.toml:"), "{e}");

        let e = broken("name = \"journal\"", "name = journal");
        assert!(
            e.starts_with(&format!("mine.toml:{}:", line("name = \"journal\""))),
            "{e}"
        );

        let e = broken("for_each = \"days\"", "for_each = \"weeks\"");
        assert!(e.contains("weeks") && e.contains("insight_batches"), "{e}");

        let e = broken(
            "\"type\": \"object\",\n \"properties\": {\"voices\"",
            "\"type\": 5,\n \"properties\": {\"voices\"",
        );
        assert!(e.contains("not a JSON Schema"), "{e}");
    }
}
