//! The writer's app preferences (theme, language, focus mode, writing typography), kept
//! in the library so they travel with it. Unknown or damaged values fall back to
//! defaults; preferences saved before a field existed get that field's default.

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

/// The typeface the writer writes in.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WritingFont {
    #[default]
    Serif,
    Sans,
}

/// Text size in CSS pixels.
pub const FONT_SIZES: std::ops::RangeInclusive<u32> = 14..=28;
/// Line width in characters (the measure).
pub const LINE_WIDTHS: std::ops::RangeInclusive<u32> = 45..=100;
/// Line height in hundredths of the text size.
pub const LINE_HEIGHTS: std::ops::RangeInclusive<u32> = 120..=220;

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Preferences {
    pub theme: ThemeChoice,
    /// BCP 47 tag of the UI language.
    pub language: String,
    pub focus_mode: bool,
    pub font: WritingFont,
    /// In CSS pixels (14 to 28).
    pub font_size: u32,
    /// The longest line, in characters (45 to 100).
    pub line_width: u32,
    /// In hundredths of the text size (120 to 220).
    pub line_height: u32,
    /// In focus mode, the line being written stays in the middle of the window.
    pub typewriter: bool,
}

impl Default for Preferences {
    fn default() -> Self {
        // A book-like page: a serif at 18 px, about 68 characters a line, airy leading.
        Self {
            theme: ThemeChoice::System,
            language: "en".into(),
            focus_mode: false,
            font: WritingFont::Serif,
            font_size: 18,
            line_width: 68,
            line_height: 170,
            typewriter: true,
        }
    }
}

fn check_range(what: &str, value: u32, range: std::ops::RangeInclusive<u32>) -> AppResult<()> {
    if range.contains(&value) {
        Ok(())
    } else {
        Err(AppError::invalid(format!(
            "{what} must be between {} and {}, not {value}",
            range.start(),
            range.end()
        )))
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
        check_range("the text size", prefs.font_size, FONT_SIZES)?;
        check_range("the line width", prefs.line_width, LINE_WIDTHS)?;
        check_range("the line height", prefs.line_height, LINE_HEIGHTS)?;
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
            font: WritingFont::Sans,
            font_size: 20,
            line_width: 60,
            line_height: 150,
            typewriter: false,
        };
        app.set_preferences(prefs.clone()).unwrap();
        assert_eq!(app.preferences().unwrap(), prefs);
        let bad = Preferences {
            language: " ".into(),
            ..prefs
        };
        assert!(app.set_preferences(bad).is_err());
    }

    #[test]
    fn typography_out_of_range_is_refused_with_the_range() {
        let app = App::in_memory().unwrap();
        let err = app
            .set_preferences(Preferences {
                font_size: 90,
                ..Preferences::default()
            })
            .unwrap_err();
        assert_eq!(
            err.message,
            "the text size must be between 14 and 28, not 90"
        );
        assert_eq!(app.preferences().unwrap(), Preferences::default());
    }

    #[test]
    fn preferences_saved_before_typography_keep_their_values() {
        let app = App::in_memory().unwrap();
        app.store()
            .set_setting(
                PREFERENCES_KEY,
                &serde_json::json!({"theme": "dark", "language": "en", "focus_mode": true}),
            )
            .unwrap();
        let prefs = app.preferences().unwrap();
        assert_eq!(prefs.theme, ThemeChoice::Dark);
        assert!(prefs.focus_mode);
        assert_eq!(prefs.font_size, 18);
        assert_eq!(prefs.font, WritingFont::Serif);
    }
}
