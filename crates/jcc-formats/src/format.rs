//! The names of the formats the crate reads, as a user types them.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::FormatError;

/// A journal format the crate can read. Serialized as its CLI name (`"md"`, `"jrnl"`,
/// `"dayone"`, `"json"`), so requests from the UI use the same words as the CLI.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Format {
    /// A folder of Markdown files (or one `.md` file), optionally with YAML front matter.
    #[serde(rename = "md", alias = "markdown")]
    Markdown,
    /// `jrnl --export json`.
    #[serde(rename = "jrnl")]
    Jrnl,
    /// Day One's JSON export: the `.zip`, its `Journal.json`, or the unzipped folder.
    #[serde(rename = "dayone", alias = "day-one")]
    DayOne,
    /// Journal Craft Crew's own JSON export.
    #[serde(rename = "json")]
    Json,
}

impl Format {
    /// Every format, in the order help texts list them.
    pub const ALL: [Format; 4] = [Format::Markdown, Format::Jrnl, Format::DayOne, Format::Json];

    /// The short name the CLI accepts (`md`, `jrnl`, `dayone`, `json`).
    pub fn name(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Jrnl => "jrnl",
            Format::DayOne => "dayone",
            Format::Json => "json",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Format {
    type Err = FormatError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "md" | "markdown" => Ok(Format::Markdown),
            "jrnl" => Ok(Format::Jrnl),
            "dayone" | "day-one" => Ok(Format::DayOne),
            "json" => Ok(Format::Json),
            _ => Err(FormatError::UnknownFormatName { name: s.to_owned() }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_parse_and_display_round_trip() {
        for f in Format::ALL {
            assert_eq!(f.to_string().parse::<Format>().unwrap(), f);
        }
        assert_eq!("Markdown".parse::<Format>().unwrap(), Format::Markdown);
        assert_eq!("day-one".parse::<Format>().unwrap(), Format::DayOne);
        for f in Format::ALL {
            let json = serde_json::to_string(&f).unwrap();
            assert_eq!(json, format!("\"{f}\""));
            assert_eq!(serde_json::from_str::<Format>(&json).unwrap(), f);
        }
        assert_eq!(
            serde_json::from_str::<Format>("\"markdown\"").unwrap(),
            Format::Markdown
        );
        let err = "docx".parse::<Format>().unwrap_err().to_string();
        assert!(
            err.contains("\"docx\"") && err.contains("md, jrnl, dayone, json"),
            "{err}"
        );
    }
}
