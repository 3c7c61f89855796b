//! Print-on-demand rules, in one table so a reviewer can check them against the source.
//!
//! Source: Amazon KDP Help, "Paperback Submission Guidelines" and "Set Trim Size, Bleed,
//! and Margins" (kdp.amazon.com/help, black-and-white interior on white paper), as
//! summarised in the project's `book-layout.md`. Figures in inches, as KDP publishes them.

/// A trim size KDP prints, in inches (width, height).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TrimSize {
    /// The name writers type: `6x9`, `a5`, `letter`.
    pub name: &'static str,
    pub width_in: f64,
    pub height_in: f64,
}

/// Trim sizes offered (6x9 first: the default). US Letter and 8.5x11 are the same sheet.
#[rustfmt::skip]
pub const TRIM_SIZES: &[TrimSize] = &[
    TrimSize { name: "6x9", width_in: 6.0, height_in: 9.0 },
    TrimSize { name: "5x8", width_in: 5.0, height_in: 8.0 },
    TrimSize { name: "5.5x8.5", width_in: 5.5, height_in: 8.5 },
    TrimSize { name: "7x10", width_in: 7.0, height_in: 10.0 },
    TrimSize { name: "8.5x11", width_in: 8.5, height_in: 11.0 },
    TrimSize { name: "a5", width_in: 5.83, height_in: 8.27 },
    TrimSize { name: "a4", width_in: 8.27, height_in: 11.69 },
    TrimSize { name: "letter", width_in: 8.5, height_in: 11.0 },
];

/// Bleed added on the top, bottom and outside edge when images run to the edge.
pub const BLEED_IN: f64 = 0.125;

/// Fewest and most pages of a black-and-white paperback.
pub const MIN_PAGES: usize = 24;
pub const MAX_PAGES: usize = 828;

/// Smallest outside (and top/bottom) margin, measured from the trim edge, without and
/// with bleed.
pub const MIN_OUTSIDE_IN: f64 = 0.25;
pub const MIN_OUTSIDE_BLEED_IN: f64 = 0.375;

/// Smallest inside (gutter) margin by page count: (last page count of the band, inches).
#[rustfmt::skip]
pub const GUTTER_BY_PAGES: &[(usize, f64)] = &[
    (150, 0.375),
    (300, 0.5),
    (500, 0.625),
    (700, 0.75),
    (MAX_PAGES, 0.875),
];

/// The gutter KDP requires for a book of `pages` pages (the widest band above the range).
pub fn min_gutter_in(pages: usize) -> f64 {
    GUTTER_BY_PAGES
        .iter()
        .find(|(last, _)| pages <= *last)
        .map_or(0.875, |(_, inches)| *inches)
}

/// The trim size called `name` (case and spaces ignored; `us-letter`, `6 x 9` work).
pub fn trim_size(name: &str) -> Option<TrimSize> {
    let key: String = name
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .map(|c| if c == '×' { 'x' } else { c })
        .collect();
    let key = match key.as_str() {
        "usletter" | "us-letter" => "letter",
        "6x9in" => "6x9",
        other => other,
    };
    TRIM_SIZES.iter().copied().find(|t| t.name == key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gutter_follows_the_kdp_bands() {
        assert_eq!(min_gutter_in(24), 0.375);
        assert_eq!(min_gutter_in(150), 0.375);
        assert_eq!(min_gutter_in(151), 0.5);
        assert_eq!(min_gutter_in(500), 0.625);
        assert_eq!(min_gutter_in(701), 0.875);
        assert_eq!(min_gutter_in(828), 0.875);
    }

    #[test]
    fn trim_names_are_forgiving() {
        assert_eq!(trim_size("6x9").map(|t| t.width_in), Some(6.0));
        assert_eq!(trim_size(" 5.5 X 8.5 ").map(|t| t.height_in), Some(8.5));
        assert_eq!(trim_size("US-Letter").map(|t| t.name), Some("letter"));
        assert_eq!(trim_size("A5").map(|t| t.name), Some("a5"));
        assert!(trim_size("9x6").is_none());
    }
}
