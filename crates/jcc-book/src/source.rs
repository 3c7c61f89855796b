//! What the export reads: a journal as the store returns it, its images and the author.

use jcc_store::{Entry, EntryId, Journal};
use serde::{Deserialize, Serialize};

/// A journal with the entries to print (already selected and in book order).
#[derive(Debug, Clone)]
pub struct BookSource {
    pub journal: Journal,
    pub entries: Vec<Entry>,
    /// Image attachments of those entries.
    pub images: Vec<SourceImage>,
    pub author: AuthorProfile,
}

/// An attachment's bytes; anything that is not a readable image becomes a placeholder.
#[derive(Debug, Clone)]
pub struct SourceImage {
    pub entry_id: EntryId,
    pub filename: String,
    pub mime: String,
    pub data: Vec<u8>,
}

/// Who the book is by, for the title and copyright pages (kept in the app's settings).
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AuthorProfile {
    /// Name or pen name on the title page.
    pub name: String,
    /// Copyright holder; the name when empty.
    pub copyright_holder: String,
    /// Copyright year; the year the journal was last changed when absent.
    pub year: Option<i32>,
    pub isbn: String,
    /// Publisher or imprint name.
    pub imprint: String,
}

impl AuthorProfile {
    /// Checks the fields a print service would reject.
    pub fn validate(&self) -> Result<(), String> {
        if let Some(year) = self.year {
            if !(1000..=9999).contains(&year) {
                return Err(format!("copyright year {year} is not a four-digit year"));
            }
        }
        if !self.isbn.trim().is_empty() && !isbn_is_valid(&self.isbn) {
            return Err(format!(
                "ISBN {:?} is not a valid ISBN-10 or ISBN-13 (check the digits and the check digit)",
                self.isbn
            ));
        }
        for (what, value) in [
            ("name", &self.name),
            ("copyright holder", &self.copyright_holder),
            ("imprint", &self.imprint),
        ] {
            if value.chars().count() > 200 {
                return Err(format!("the {what} is longer than 200 characters"));
            }
        }
        Ok(())
    }
}

/// ISBN-10 or ISBN-13 with a correct check digit; hyphens and spaces are ignored.
pub fn isbn_is_valid(isbn: &str) -> bool {
    let chars: Vec<char> = isbn.chars().filter(|c| !matches!(c, '-' | ' ')).collect();
    match chars.len() {
        10 => {
            let mut sum = 0;
            for (i, c) in chars.iter().enumerate() {
                let v = match (i, c) {
                    (9, 'X' | 'x') => 10,
                    (_, c) => match c.to_digit(10) {
                        Some(d) => d,
                        None => return false,
                    },
                };
                sum += v * (10 - i as u32);
            }
            sum % 11 == 0
        }
        13 => {
            let mut sum = 0;
            for (i, c) in chars.iter().enumerate() {
                let Some(d) = c.to_digit(10) else {
                    return false;
                };
                sum += if i.is_multiple_of(2) { d } else { d * 3 };
            }
            sum % 10 == 0
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn isbns() {
        assert!(isbn_is_valid("978-0-306-40615-7"));
        assert!(isbn_is_valid("0-306-40615-2"));
        assert!(isbn_is_valid("0-8044-2957-X"));
        assert!(!isbn_is_valid("978-0-306-40615-8"));
        assert!(!isbn_is_valid("hello"));
    }

    #[test]
    fn profile_checks() {
        let mut p = AuthorProfile {
            name: "Ada".into(),
            ..Default::default()
        };
        assert!(p.validate().is_ok());
        p.year = Some(26);
        assert!(p.validate().is_err());
        p.year = Some(2026);
        p.isbn = "123".into();
        assert!(p.validate().unwrap_err().contains("ISBN"));
    }
}
