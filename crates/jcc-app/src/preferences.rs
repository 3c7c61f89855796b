//! The writer's app preferences (theme, language, focus mode), kept in the library so
//! they travel with it. Unknown or damaged values fall back to defaults.

use crate::error::{AppError, AppResult, ErrorCode};
use crate::App;
use serde::{Deserialize, Serialize};

pub const PREFERENCES_KEY: &str = "preferences";

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ThemeChoice {
    Light,
    Dark,
    #[default]
    System,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Preferences {
    pub theme: ThemeChoice,
    /// BCP 47 tag of the UI language.
    pub language: String,
    pub focus_mode: bool,
}

impl Default for Preferences {
    fn default() -> Self {
        Self {
            theme: ThemeChoice::System,
            language: "en".into(),
            focus_mode: false,
        }
    }
}

impl App {
    pub fn preferences(&self) -> AppResult<Preferences> {
        let value = self.store().setting(PREFERENCES_KEY)?;
        Ok(value
            .and_then(|v| serde_json::from_value(v).ok())
            .unwrap_or_default())
    }

    pub fn set_preferences(&self, prefs: Preferences) -> AppResult<Preferences> {
        if prefs.language.trim().is_empty() {
            return Err(AppError::invalid("choose a language"));
        }
        let value = serde_json::to_value(&prefs)
            .map_err(|e| AppError::new(ErrorCode::Internal, e.to_string()))?;
        self.store().set_setting(PREFERENCES_KEY, &value)?;
        Ok(prefs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_defaults() {
        let app = App::in_memory().unwrap();
        assert_eq!(app.preferences().unwrap(), Preferences::default());
        let prefs = Preferences {
            theme: ThemeChoice::Dark,
            language: "en".into(),
            focus_mode: true,
        };
        app.set_preferences(prefs.clone()).unwrap();
        assert_eq!(app.preferences().unwrap(), prefs);
        let bad = Preferences {
            language: " ".into(),
            ..prefs
        };
        assert!(app.set_preferences(bad).is_err());
    }
}
