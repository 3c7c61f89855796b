//! Export settings: what the writer chooses (trim, bleed, line spacing...), with defaults,
//! read from the journal's `settings.book` object and overridden by the caller.

use crate::error::{BookError, BookResult};
use crate::kdp::{self, TrimSize};
use serde::{Deserialize, Serialize};

/// Where a guided journal's days (and a diary's months) start.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum StartOn {
    /// A right-hand (odd) page, with a blank page before it when needed.
    #[default]
    Right,
    /// A left-hand page, so a guided day's prompt and writing page face each other.
    Left,
    /// The next page.
    Any,
}

/// Everything that shapes the book, all optional in the stored JSON.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BookSettings {
    /// A trim name from [`kdp::TRIM_SIZES`].
    pub trim: String,
    /// Add KDP's 0.125 in bleed (for images that run to the page edge).
    pub bleed: bool,
    /// Distance between writing lines, in millimetres.
    pub line_spacing_mm: f64,
    /// Body text size in points.
    pub font_size_pt: f64,
    /// Outside margin from the trim edge, in inches (KDP's minimum is enforced).
    pub outside_margin_in: f64,
    /// Top and bottom margins from the trim edge, in inches.
    pub top_margin_in: f64,
    pub bottom_margin_in: f64,
    /// Added to KDP's minimum gutter so text does not vanish into the binding.
    pub extra_gutter_in: f64,
    /// Where days (guided) and months (diary) start.
    pub day_start: StartOn,
    /// Print a table of contents.
    pub toc: bool,
    /// Put the cover image on the first PDF page (print services take the cover
    /// separately, so this is off by default; the EPUB always has its cover).
    pub cover_page: bool,
    /// BCP 47 language of the text (hyphenation, EPUB metadata).
    pub language: String,
}

impl Default for BookSettings {
    fn default() -> Self {
        Self {
            trim: "6x9".into(),
            bleed: false,
            line_spacing_mm: 8.0,
            font_size_pt: 11.0,
            outside_margin_in: 0.5,
            top_margin_in: 0.6,
            bottom_margin_in: 0.7,
            extra_gutter_in: 0.25,
            day_start: StartOn::Right,
            toc: true,
            cover_page: false,
            language: "en".into(),
        }
    }
}

/// Settings a caller (the CLI, the desktop app) sets for one export.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SettingsOverride {
    pub trim: Option<String>,
    pub bleed: Option<bool>,
    /// A length such as `8mm`, `0.3in` or `8` (millimetres).
    pub line_spacing: Option<String>,
}

impl BookSettings {
    /// The journal's stored `settings.book` over the defaults; unknown keys are an error
    /// so a typo does not silently print the wrong book.
    pub fn from_journal_settings(settings: &serde_json::Value) -> BookResult<Self> {
        match settings.get("book") {
            None | Some(serde_json::Value::Null) => Ok(Self::default()),
            Some(book) => serde_json::from_value(book.clone()).map_err(|e| {
                BookError::invalid(format!("the journal's book settings are not valid: {e}"))
            }),
        }
    }

    pub fn apply(mut self, over: &SettingsOverride) -> BookResult<Self> {
        if let Some(trim) = &over.trim {
            self.trim = trim.clone();
        }
        if let Some(bleed) = over.bleed {
            self.bleed = bleed;
        }
        if let Some(spacing) = &over.line_spacing {
            self.line_spacing_mm = parse_length_mm(spacing)?;
        }
        self.validate()?;
        Ok(self)
    }

    /// The trim size, or an error listing the ones on offer.
    pub fn trim_size(&self) -> BookResult<TrimSize> {
        kdp::trim_size(&self.trim).ok_or_else(|| {
            let names: Vec<&str> = kdp::TRIM_SIZES.iter().map(|t| t.name).collect();
            BookError::invalid(format!(
                "unknown trim size {:?}; choose one of: {}",
                self.trim,
                names.join(", ")
            ))
        })
    }

    /// Checks each value on its own; [`crate::geometry`] checks that they fit together.
    pub fn validate(&self) -> BookResult<()> {
        self.trim_size()?;
        check_range("line spacing (mm)", self.line_spacing_mm, 4.0, 20.0)?;
        check_range("font size (pt)", self.font_size_pt, 6.0, 24.0)?;
        check_range("outside margin (in)", self.outside_margin_in, 0.0, 3.0)?;
        check_range("top margin (in)", self.top_margin_in, 0.0, 3.0)?;
        check_range("bottom margin (in)", self.bottom_margin_in, 0.0, 3.0)?;
        check_range("extra gutter (in)", self.extra_gutter_in, 0.0, 2.0)?;
        if !is_language_tag(&self.language) {
            return Err(BookError::invalid(format!(
                "language {:?} is not a language tag such as en, de or pt-BR",
                self.language
            )));
        }
        Ok(())
    }
}

fn check_range(what: &str, value: f64, min: f64, max: f64) -> BookResult<()> {
    if value.is_finite() && (min..=max).contains(&value) {
        Ok(())
    } else {
        Err(BookError::invalid(format!(
            "{what} is {value}; it must be between {min} and {max}"
        )))
    }
}

/// `8mm`, `0.8cm`, `0.3in`, `22pt` or a bare number of millimetres.
pub fn parse_length_mm(text: &str) -> BookResult<f64> {
    let t = text.trim().to_ascii_lowercase();
    let (number, factor) = [("mm", 1.0), ("cm", 10.0), ("in", 25.4), ("pt", 25.4 / 72.0)]
        .iter()
        .find_map(|(unit, f)| t.strip_suffix(unit).map(|n| (n, *f)))
        .unwrap_or((t.as_str(), 1.0));
    number
        .trim()
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .map(|v| v * factor)
        .ok_or_else(|| {
            BookError::invalid(format!(
                "{text:?} is not a length; write it like 8mm, 0.8cm or 0.3in"
            ))
        })
}

/// A light check of BCP 47 shape (`en`, `pt-BR`, `zh-Hant`), enough for metadata.
pub(crate) fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let first_ok = parts
        .next()
        .is_some_and(|p| (2..=3).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphabetic()));
    first_ok
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_parse_in_common_units() {
        assert_eq!(parse_length_mm("8mm").unwrap(), 8.0);
        assert_eq!(parse_length_mm("0.8 cm").unwrap(), 8.0);
        assert!((parse_length_mm("0.3in").unwrap() - 7.62).abs() < 1e-9);
        assert_eq!(parse_length_mm("7").unwrap(), 7.0);
        assert!(parse_length_mm("wide").is_err());
        assert!(parse_length_mm("NaNmm").is_err());
    }

    #[test]
    fn stored_settings_override_defaults_and_typos_are_errors() {
        let s = BookSettings::from_journal_settings(&serde_json::json!({
            "book": {"trim": "5x8", "bleed": true}
        }))
        .unwrap();
        assert_eq!(s.trim, "5x8");
        assert!(s.bleed);
        assert_eq!(s.line_spacing_mm, 8.0);
        let err =
            BookSettings::from_journal_settings(&serde_json::json!({"book": {"trimm": "5x8"}}));
        assert!(err.unwrap_err().to_string().contains("trimm"));
    }

    #[test]
    fn overrides_are_checked() {
        let over = SettingsOverride {
            line_spacing: Some("50mm".into()),
            ..Default::default()
        };
        assert!(BookSettings::default().apply(&over).is_err());
        let over = SettingsOverride {
            trim: Some("9x6".into()),
            ..Default::default()
        };
        let err = BookSettings::default()
            .apply(&over)
            .unwrap_err()
            .to_string();
        assert!(err.contains("6x9, 5x8"), "{err}");
    }

    #[test]
    fn language_tags() {
        assert!(is_language_tag("en"));
        assert!(is_language_tag("pt-BR"));
        assert!(!is_language_tag("english please"));
        assert!(!is_language_tag(""));
    }
}
