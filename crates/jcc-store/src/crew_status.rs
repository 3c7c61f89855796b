//! Where a crew run and each of its steps stand, as the library stores them (the same
//! words as always: `running`, `finished`, ...) and as the window receives them.

use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A crew run: running, or stopped in one of four ways. A run left `running` by a process
/// that died resumes like any other stopped run.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RunStatus {
    Running,
    /// Waiting for the writer's answer to a question.
    Paused,
    Finished,
    Failed,
    Cancelled,
}

/// A saved crew step. (A step only has a row once it ended.)
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepStatus {
    Finished,
    /// Not needed (its input was given) or optional and unusable: nothing written.
    Skipped,
    /// The default, so a row saved without saying how the step went never claims success.
    #[default]
    Failed,
}

impl RunStatus {
    pub const ALL: [Self; 5] = [
        Self::Running,
        Self::Paused,
        Self::Finished,
        Self::Failed,
        Self::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Running => "running",
            Self::Paused => "paused",
            Self::Finished => "finished",
            Self::Failed => "failed",
            Self::Cancelled => "cancelled",
        }
    }

    /// The run is over (it can still be resumed unless finished): its end is stamped.
    pub fn is_final(self) -> bool {
        matches!(self, Self::Finished | Self::Failed | Self::Cancelled)
    }
}

impl StepStatus {
    pub const ALL: [Self; 3] = [Self::Finished, Self::Skipped, Self::Failed];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Finished => "finished",
            Self::Skipped => "skipped",
            Self::Failed => "failed",
        }
    }
}

macro_rules! text_enum {
    ($t:ty, $what:literal) => {
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                // `pad`, so `{:<9}` lines up a table.
                f.pad(self.as_str())
            }
        }

        impl std::str::FromStr for $t {
            type Err = String;

            fn from_str(s: &str) -> Result<Self, String> {
                Self::ALL
                    .into_iter()
                    .find(|v| v.as_str() == s)
                    .ok_or_else(|| format!("unknown {} {s:?}", $what))
            }
        }

        impl ToSql for $t {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::from(self.as_str()))
            }
        }

        impl FromSql for $t {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                value
                    .as_str()?
                    .parse()
                    .map_err(|e: String| FromSqlError::Other(e.into()))
            }
        }
    };
}

text_enum!(RunStatus, "crew run status");
text_enum!(StepStatus, "crew step status");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_keep_the_words_the_library_has_always_stored() {
        for s in RunStatus::ALL {
            assert_eq!(s.as_str().parse::<RunStatus>().unwrap(), s);
            assert_eq!(serde_json::to_value(s).unwrap(), s.as_str());
        }
        for s in StepStatus::ALL {
            assert_eq!(s.as_str().parse::<StepStatus>().unwrap(), s);
            assert_eq!(serde_json::to_value(s).unwrap(), s.as_str());
        }
        assert_eq!(format!("{:<9}|", RunStatus::Paused), "paused   |");
        assert!("done".parse::<StepStatus>().is_err());
    }
}
