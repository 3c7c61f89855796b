//! Page geometry: the settings and KDP's rules turned into millimetres for the layout.

use crate::error::{BookError, BookResult};
use crate::kdp;
use crate::settings::BookSettings;
use serde::Serialize;

const MM_PER_IN: f64 = 25.4;

/// Smallest text area that still makes a readable page.
const MIN_TEXT_W_MM: f64 = 50.0;
const MIN_TEXT_H_MM: f64 = 75.0;

/// Margins are measured from the trim edge; the bleed lies outside the trim.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Geometry {
    pub trim_w_mm: f64,
    pub trim_h_mm: f64,
    pub bleed_mm: f64,
    pub inside_mm: f64,
    pub outside_mm: f64,
    pub top_mm: f64,
    pub bottom_mm: f64,
    pub text_w_mm: f64,
    pub text_h_mm: f64,
    pub line_spacing_mm: f64,
    pub font_size_pt: f64,
    /// Writing lines that fit on a page with nothing else on it.
    pub lines_per_page: u32,
}

impl Geometry {
    /// The geometry of a book of `pages` pages (the gutter grows with the page count).
    pub fn new(settings: &BookSettings, pages: usize) -> BookResult<Self> {
        let trim = settings.trim_size()?;
        let min_edge = if settings.bleed {
            kdp::MIN_OUTSIDE_BLEED_IN
        } else {
            kdp::MIN_OUTSIDE_IN
        };
        let inside = kdp::min_gutter_in(pages) + settings.extra_gutter_in;
        let outside = settings.outside_margin_in.max(min_edge);
        let top = settings.top_margin_in.max(min_edge);
        let bottom = settings.bottom_margin_in.max(min_edge);
        let text_w_mm = (trim.width_in - inside - outside) * MM_PER_IN;
        let text_h_mm = (trim.height_in - top - bottom) * MM_PER_IN;
        if text_w_mm < MIN_TEXT_W_MM || text_h_mm < MIN_TEXT_H_MM {
            return Err(BookError::invalid(format!(
                "a {} page with these margins leaves a text area of {:.0} x {:.0} mm; \
                 at least {MIN_TEXT_W_MM:.0} x {MIN_TEXT_H_MM:.0} mm is needed, so choose \
                 smaller margins or a larger trim size",
                trim.name,
                text_w_mm.max(0.0),
                text_h_mm.max(0.0)
            )));
        }
        // Validated to be at least 4 mm, and the text area is at most a few hundred mm.
        let lines_per_page = (text_h_mm / settings.line_spacing_mm).floor().max(1.0) as u32;
        Ok(Self {
            trim_w_mm: trim.width_in * MM_PER_IN,
            trim_h_mm: trim.height_in * MM_PER_IN,
            bleed_mm: if settings.bleed {
                kdp::BLEED_IN * MM_PER_IN
            } else {
                0.0
            },
            inside_mm: inside * MM_PER_IN,
            outside_mm: outside * MM_PER_IN,
            top_mm: top * MM_PER_IN,
            bottom_mm: bottom * MM_PER_IN,
            text_w_mm,
            text_h_mm,
            line_spacing_mm: settings.line_spacing_mm,
            font_size_pt: settings.font_size_pt,
            lines_per_page,
        })
    }

    /// Page size including bleed, in PostScript points (what `pdfinfo` reports).
    pub fn page_size_pt(&self) -> (f64, f64) {
        let pt = 72.0 / MM_PER_IN;
        (
            (self.trim_w_mm + self.bleed_mm) * pt,
            (self.trim_h_mm + 2.0 * self.bleed_mm) * pt,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn six_by_nine_with_bleed_is_kdps_size() {
        let s = BookSettings {
            bleed: true,
            ..Default::default()
        };
        let g = Geometry::new(&s, 100).unwrap();
        let (w, h) = g.page_size_pt();
        assert!((w - 6.125 * 72.0).abs() < 0.01, "{w}");
        assert!((h - 9.25 * 72.0).abs() < 0.01, "{h}");
        assert!(g.outside_mm >= 0.375 * 25.4);
    }

    #[test]
    fn gutter_widens_with_pages() {
        let s = BookSettings::default();
        let thin = Geometry::new(&s, 100).unwrap();
        let thick = Geometry::new(&s, 800).unwrap();
        assert!(thick.inside_mm > thin.inside_mm);
        assert!((thin.inside_mm - (0.375 + 0.25) * 25.4).abs() < 1e-9);
    }

    #[test]
    fn margins_that_leave_no_text_area_are_refused() {
        let s = BookSettings {
            trim: "5x8".into(),
            outside_margin_in: 2.5,
            ..Default::default()
        };
        let err = Geometry::new(&s, 100).unwrap_err().to_string();
        assert!(err.contains("text area"), "{err}");
    }
}
