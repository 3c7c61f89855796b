//! Run inputs, and the items `for_each` tasks walk: insight batches, the days of the
//! Identify / Document / Act progression, and the image slots.

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::path::PathBuf;

/// How much research: 5, 15 or 25 insights.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Depth {
    Light,
    #[default]
    Medium,
    Deep,
}

impl Depth {
    pub fn insights(self) -> usize {
        match self {
            Self::Light => 5,
            Self::Medium => 15,
            Self::Deep => 25,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Light => "light",
            Self::Medium => "medium",
            Self::Deep => "deep",
        }
    }
}

impl std::str::FromStr for Depth {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "light" => Ok(Self::Light),
            "medium" => Ok(Self::Medium),
            "deep" => Ok(Self::Deep),
            o => Err(format!("depth {o:?} must be light, medium or deep")),
        }
    }
}

pub const TITLE_STYLES: &[&str] = &[
    "motivational",
    "actionable",
    "insightful",
    "inspirational",
    "practical",
    "thought-provoking",
    "encouraging",
    "implementable",
    "illuminating",
    "empowering",
];

/// What the writer chose for a run. Stored with the run (picks are filled in later).
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct RunInputs {
    pub theme: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub title_style: String,
    #[serde(default)]
    pub voice: String,
    #[serde(default)]
    pub depth: Depth,
    /// The 6-day lead magnet instead of the 30-day journal.
    #[serde(default)]
    pub lead_magnet: bool,
    #[serde(default)]
    pub language: String,
    /// Images the writer picked: `<slot>.png` in this folder fills that slot.
    #[serde(default)]
    pub image_dir: Option<PathBuf>,
}

impl RunInputs {
    pub fn days(&self) -> usize {
        if self.lead_magnet {
            6
        } else {
            30
        }
    }

    pub fn validate(&self) -> Result<(), String> {
        if self.theme.trim().is_empty() {
            return Err("the theme is empty; say what the journal is about, e.g. --theme \"Gratitude for new parents\"".into());
        }
        if !self.title_style.is_empty() && !TITLE_STYLES.contains(&self.title_style.as_str()) {
            return Err(format!(
                "title style {:?} is not one of: {}",
                self.title_style,
                TITLE_STYLES.join(", ")
            ));
        }
        Ok(())
    }

    /// The inputs as template variables.
    pub fn context(&self) -> serde_json::Map<String, Value> {
        let mut m = serde_json::Map::new();
        m.insert("theme".into(), json!(self.theme));
        m.insert("title".into(), json!(self.title));
        m.insert(
            "title_style".into(),
            json!(if self.title_style.is_empty() {
                "inspirational"
            } else {
                &self.title_style
            }),
        );
        m.insert("voice".into(), json!(self.voice));
        m.insert("depth".into(), json!(self.depth.as_str()));
        m.insert("insights".into(), json!(self.depth.insights()));
        m.insert("days".into(), json!(self.days()));
        m.insert(
            "language".into(),
            json!(if self.language.is_empty() {
                "English"
            } else {
                &self.language
            }),
        );
        m.insert("note".into(), json!(""));
        m
    }

    pub fn set(&mut self, input: &str, value: &str) {
        match input {
            "title" => self.title = value.to_string(),
            "voice" => self.voice = value.to_string(),
            "theme" => self.theme = value.to_string(),
            "title_style" => self.title_style = value.to_string(),
            "language" => self.language = value.to_string(),
            _ => {}
        }
    }

    pub fn get(&self, input: &str) -> String {
        match self.context().get(input) {
            Some(Value::String(s)) => s.clone(),
            Some(v) => v.to_string(),
            None => String::new(),
        }
    }
}

const PARTS: [(&str, &str); 3] = [
    ("Identify", "What do I notice?"),
    ("Document", "What does this mean?"),
    ("Act", "How will I apply this?"),
];

pub const INSIGHT_BATCH: usize = 5;

/// How many items a collection has (image slots are counted by the engine).
pub fn count(collection: &str, inputs: &RunInputs) -> usize {
    match collection {
        "insight_batches" => inputs.depth.insights().div_ceil(INSIGHT_BATCH),
        "days" => inputs.days(),
        _ => 0,
    }
}

/// Item `i` (0-based) of a batch or day collection. `insights` are those found so far.
pub fn item(collection: &str, i: usize, inputs: &RunInputs, insights: &[Value]) -> Value {
    match collection {
        "insight_batches" => {
            let total = inputs.depth.insights();
            let n = INSIGHT_BATCH
                .min(total - (i * INSIGHT_BATCH).min(total))
                .max(1);
            let names: Vec<&str> = insights
                .iter()
                .filter_map(|v| v.get("technique").and_then(Value::as_str))
                .collect();
            let avoid = if names.is_empty() {
                String::new()
            } else {
                format!(" Do not repeat these: {}.", names.join(", "))
            };
            json!({"batch": i + 1, "count": n, "avoid": avoid})
        }
        "days" => day_item(i + 1, inputs.days(), insights),
        _ => Value::Null,
    }
}

/// Day `day` of `total`: its part of the progression (a third each; the lead magnet
/// has two days a part), the insight it teaches (spread in order over the days), and
/// its tone (weekdays act, weekends reflect; day 1 is a Monday).
pub fn day_item(day: usize, total: usize, insights: &[Value]) -> Value {
    let total = total.max(1);
    let part = ((day - 1) * 3 / total).min(2);
    let (part_name, question) = PARTS[part];
    let insight = if insights.is_empty() {
        Value::Null
    } else {
        insights[((day - 1) * insights.len() / total).min(insights.len() - 1)].clone()
    };
    let weekend = matches!(day % 7, 6 | 0);
    json!({
        "day": day,
        "part": part_name,
        "part_question": question,
        "technique": insight.get("technique").cloned().unwrap_or(json!("reflection")),
        "description": insight.get("description").cloned().unwrap_or(json!("")),
        "weekday": if weekend { "weekend" } else { "weekday" },
        "tone": if weekend { "reflective" } else { "action-oriented" },
        "position": 10 + day,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thirty_days_follow_the_progression_and_spread_insights() {
        let insights: Vec<Value> = (0..15)
            .map(|i| json!({"technique": format!("t{i}")}))
            .collect();
        let parts: Vec<String> = (1..=30)
            .map(|d| {
                day_item(d, 30, &insights)["part"]
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect();
        assert_eq!(parts[0], "Identify");
        assert_eq!(parts[9], "Identify");
        assert_eq!(parts[10], "Document");
        assert_eq!(parts[20], "Act");
        assert_eq!(day_item(1, 30, &insights)["technique"], "t0");
        assert_eq!(day_item(30, 30, &insights)["technique"], "t14");
        assert_eq!(day_item(6, 30, &insights)["tone"], "reflective");
        assert_eq!(day_item(8, 30, &insights)["tone"], "action-oriented");
        let six: Vec<Value> = (1..=6).map(|d| day_item(d, 6, &[])).collect();
        assert_eq!(six[1]["part"], "Identify");
        assert_eq!(six[2]["part"], "Document");
        assert_eq!(six[5]["part"], "Act");
        let inputs = RunInputs {
            depth: Depth::Deep,
            ..Default::default()
        };
        assert_eq!(count("insight_batches", &inputs), 5);
    }
}
