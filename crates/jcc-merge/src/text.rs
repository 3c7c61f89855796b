//! Entry bodies: merged paragraph by paragraph, then word by word inside a paragraph both
//! sides changed; what still conflicts keeps both versions of the paragraph.

use crate::seq::{merge3, union, Region};

/// The outcome of merging two texts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextMerge {
    pub text: String,
    /// Places where both versions of a paragraph were kept, one after the other, because
    /// both sides changed the same words differently: the writer should review them.
    pub conflicts: usize,
}

impl TextMerge {
    fn clean(text: &str) -> Self {
        Self {
            text: text.to_string(),
            conflicts: 0,
        }
    }
}

/// Merges `ours` (saved first) and `theirs` (saved after) against `base`.
pub fn merge_text(base: &str, ours: &str, theirs: &str) -> TextMerge {
    if ours == theirs || base == theirs {
        return TextMerge::clean(ours);
    }
    if base == ours {
        return TextMerge::clean(theirs);
    }
    let (b, o, t) = (
        paragraph_pieces(base),
        paragraph_pieces(ours),
        paragraph_pieces(theirs),
    );
    let mut out = Out::default();
    let mut conflicts = 0;
    for region in merge3(&b, &o, &t) {
        match region {
            Region::Unchanged(x) | Region::Ours(x) | Region::Theirs(x) | Region::Same(x) => {
                out.units(x)
            }
            Region::Conflict { base, ours, theirs } => {
                conflicts += resolve_paragraphs(&mut out, base, ours, theirs)
            }
        }
    }
    let mut text = out.text;
    // A merge that dropped the first paragraph must not leave the text starting with the
    // blank line that used to separate it from the second.
    if !starts_blank(base) && !starts_blank(ours) && !starts_blank(theirs) {
        text = text.trim_start_matches(['\n', '\r', ' ', '\t']).to_string();
    }
    TextMerge { text, conflicts }
}

fn starts_blank(text: &str) -> bool {
    text.starts_with(['\n', '\r'])
}

/// A paragraph or a word: its exact text, compared by what a reader sees of it (a
/// paragraph without the blank lines before it, a word without the spaces before it),
/// so a paragraph that became the first, or a word that starts a line, is still itself.
#[derive(Debug, Clone, Copy)]
struct Piece<'a> {
    raw: &'a str,
    key: &'a str,
}

impl PartialEq for Piece<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
    }
}
impl Eq for Piece<'_> {}
impl std::hash::Hash for Piece<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.key.hash(state);
    }
}
impl PartialOrd for Piece<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Piece<'_> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.key.cmp(other.key)
    }
}

fn paragraph_pieces(text: &str) -> Vec<Piece<'_>> {
    paragraphs(text)
        .into_iter()
        .map(|raw| {
            let lead = raw.len() - raw.trim_start_matches(['\n', '\r', ' ', '\t']).len();
            let cut = raw[..lead].rfind('\n').map_or(0, |i| i + 1);
            Piece {
                raw,
                key: &raw[cut..],
            }
        })
        .collect()
}

fn word_pieces(text: &str) -> Vec<Piece<'_>> {
    words(text)
        .into_iter()
        .map(|raw| Piece {
            raw,
            key: raw.trim_start_matches([' ', '\t']),
        })
        .collect()
}

fn keys(pieces: &[Piece<'_>]) -> String {
    let mut out = Out::default();
    for p in pieces {
        out.unit(p.key);
    }
    out.text
}

/// Both sides changed these paragraphs; returns how many places keep both versions.
fn resolve_paragraphs(out: &mut Out, base: &[Piece], ours: &[Piece], theirs: &[Piece]) -> usize {
    // An edit beats a deletion: what one side removed and the other rewrote stays.
    if ours.is_empty() {
        out.units(theirs);
        return 0;
    }
    if theirs.is_empty() {
        out.units(ours);
        return 0;
    }
    // Both wrote new paragraphs at the same place: keep both.
    if base.is_empty() {
        out.refs(&union(ours, theirs));
        return 0;
    }
    // One side only added paragraphs around what the other rewrote: both land.
    if let Some((before, after)) = around(base, theirs) {
        out.units(before);
        out.units(ours);
        out.units(after);
        return 0;
    }
    if let Some((before, after)) = around(base, ours) {
        out.units(before);
        out.units(theirs);
        out.units(after);
        return 0;
    }
    // The same paragraphs changed on both sides: merge each one's words.
    if base.len() == ours.len() && base.len() == theirs.len() {
        let mut conflicts = 0;
        for ((b, o), t) in base.iter().zip(ours).zip(theirs) {
            if o == t || t == b {
                out.unit(o.raw);
            } else if o == b {
                out.unit(t.raw);
            } else {
                match merge_words(b.key, o.key, t.key) {
                    Some(merged) => out.unit(&merged),
                    None => {
                        out.unit(o.raw);
                        out.unit(t.raw);
                        conflicts += 1;
                    }
                }
            }
        }
        return conflicts;
    }
    // Paragraphs split, joined or added around the change: merge the stretch's words.
    if let Some(merged) = merge_words(&keys(base), &keys(ours), &keys(theirs)) {
        out.unit(&merged);
        return 0;
    }
    out.refs(&union(ours, theirs));
    1
}

/// Word-level merge of one stretch of text, or `None` if both sides changed the same
/// words differently.
fn merge_words(base: &str, ours: &str, theirs: &str) -> Option<String> {
    let (b, o, t) = (word_pieces(base), word_pieces(ours), word_pieces(theirs));
    let mut out = Out::default();
    for region in merge3(&b, &o, &t) {
        match region {
            Region::Unchanged(x) | Region::Ours(x) | Region::Theirs(x) | Region::Same(x) => {
                out.words(x)
            }
            Region::Conflict { base, ours, theirs } => {
                if ours.is_empty() {
                    out.words(theirs);
                } else if theirs.is_empty() {
                    out.words(ours);
                } else if base.is_empty() {
                    out.word_refs(&union(ours, theirs));
                } else if let Some(kept) = both_deleted(base, ours, theirs) {
                    out.word_refs(&kept);
                } else if let Some((before, after)) = around(base, theirs) {
                    out.words(before);
                    out.words(ours);
                    out.words(after);
                } else if let Some((before, after)) = around(base, ours) {
                    out.words(before);
                    out.words(theirs);
                    out.words(after);
                } else if base.len() == ours.len() && base.len() == theirs.len() {
                    // Neighbouring words changed, one by each side.
                    for ((b, o), t) in base.iter().zip(ours).zip(theirs) {
                        out.word(if o == b {
                            t.raw
                        } else if t == b || o == t {
                            o.raw
                        } else {
                            return None;
                        });
                    }
                } else {
                    return None;
                }
            }
        }
    }
    Some(out.text)
}

/// When `side` is `base` with only additions before and after it, those additions.
fn around<'s, T: PartialEq>(base: &[T], side: &'s [T]) -> Option<(&'s [T], &'s [T])> {
    if side.len() <= base.len() {
        return None;
    }
    (0..=side.len() - base.len())
        .find(|&at| side[at..at + base.len()] == *base)
        .map(|at| (&side[..at], &side[at + base.len()..]))
}

/// When each side only deleted words of the base here, the words both kept.
fn both_deleted<'b, 'a>(
    base: &'b [Piece<'a>],
    ours: &[Piece],
    theirs: &[Piece],
) -> Option<Vec<&'b Piece<'a>>> {
    let kept = |side: &[Piece]| -> Option<Vec<bool>> {
        let mut flags = vec![false; base.len()];
        let mut at = 0;
        for word in side {
            let found = base[at..].iter().position(|b| b == word)? + at;
            flags[found] = true;
            at = found + 1;
        }
        Some(flags)
    };
    let (o, t) = (kept(ours)?, kept(theirs)?);
    Some(
        base.iter()
            .zip(o.iter().zip(&t))
            .filter(|(_, (a, b))| **a && **b)
            .map(|(w, _)| w)
            .collect(),
    )
}

/// Splits a text into paragraphs; each but the first starts with the blank line(s) that
/// separate it from the one before, so text added at the end is one new paragraph and
/// the pieces join back into the exact text.
pub fn paragraphs(text: &str) -> Vec<&str> {
    let bytes = text.as_bytes();
    let mut cuts = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\n' {
            let after = blank_lines_after(bytes, i + 1);
            if after > i + 1 {
                if i > 0 {
                    cuts.push(i);
                }
                i = after;
                continue;
            }
        }
        i += 1;
    }
    let mut pieces = Vec::with_capacity(cuts.len() + 1);
    let mut start = 0;
    for cut in cuts {
        pieces.push(&text[start..cut]);
        start = cut;
    }
    if start < text.len() {
        pieces.push(&text[start..]);
    }
    pieces
}

/// The end of the run of whitespace-only lines starting at `from` (`from` if none).
fn blank_lines_after(bytes: &[u8], from: usize) -> usize {
    let mut end = from;
    let mut k = from;
    while k < bytes.len() {
        match bytes[k] {
            b' ' | b'\t' | b'\r' => k += 1,
            b'\n' => {
                k += 1;
                end = k;
            }
            _ => break,
        }
    }
    end
}

/// Splits into words, each with the whitespace before it, so inserted words carry their
/// own space and the pieces join back into the exact text.
fn words(text: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut in_word = false;
    for (i, c) in text.char_indices() {
        let space = c.is_whitespace();
        if space && in_word {
            pieces.push(&text[start..i]);
            start = i;
        }
        in_word = !space;
    }
    if start < text.len() {
        pieces.push(&text[start..]);
    }
    pieces
}

/// The merged text being built, keeping pieces that were next to nothing apart.
#[derive(Default)]
struct Out {
    text: String,
}

impl Out {
    fn unit(&mut self, paragraph: &str) {
        // A paragraph that was first in its version has no blank line before it.
        if !self.text.is_empty() && !paragraph.starts_with(['\n', '\r']) {
            while !self.text.ends_with("\n\n") {
                self.text.push('\n');
            }
        }
        self.text.push_str(paragraph);
    }

    fn units(&mut self, paragraphs: &[Piece]) {
        paragraphs.iter().for_each(|p| self.unit(p.raw));
    }

    fn refs(&mut self, paragraphs: &[&Piece]) {
        paragraphs.iter().for_each(|p| self.unit(p.raw));
    }

    fn word(&mut self, word: &str) {
        if !self.text.is_empty()
            && !self.text.ends_with(char::is_whitespace)
            && !word.starts_with(char::is_whitespace)
        {
            self.text.push(' ');
        }
        self.text.push_str(word);
    }

    fn words(&mut self, words: &[Piece]) {
        words.iter().for_each(|w| self.word(w.raw));
    }

    fn word_refs(&mut self, words: &[&Piece]) {
        words.iter().for_each(|w| self.word(w.raw));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn merged(base: &str, ours: &str, theirs: &str) -> (String, usize) {
        let m = merge_text(base, ours, theirs);
        (m.text, m.conflicts)
    }

    #[test]
    fn paragraphs_and_words_join_back_exactly() {
        for text in [
            "",
            "one",
            "a\n\nb",
            "a\n\n\n  \nb\n",
            "\n\nlead",
            "list:\n- x\n- y\n\nend\n\n",
        ] {
            assert_eq!(paragraphs(text).concat(), text);
            assert_eq!(words(text).concat(), text);
        }
        assert_eq!(paragraphs("a\n\nb\n\nc"), vec!["a", "\n\nb", "\n\nc"]);
    }

    #[test]
    fn edits_to_different_paragraphs_both_land() {
        let base = "Morning.\n\nNoon.\n\nEvening.";
        let ours = "Morning light.\n\nNoon.\n\nEvening.";
        let theirs = "Morning.\n\nNoon.\n\nEvening rain.";
        assert_eq!(
            merged(base, ours, theirs),
            ("Morning light.\n\nNoon.\n\nEvening rain.".into(), 0)
        );
    }

    #[test]
    fn both_appending_keeps_both_paragraphs_in_order() {
        let base = "Day one.";
        let (text, conflicts) = merged(
            base,
            "Day one.\n\nFrom the laptop.",
            "Day one.\n\nFrom the phone.",
        );
        assert_eq!(text, "Day one.\n\nFrom the laptop.\n\nFrom the phone.");
        assert_eq!(conflicts, 0);
    }

    #[test]
    fn one_paragraph_changed_in_different_words_merges_by_word() {
        let base = "I walked to the shop and bought bread.";
        let ours = "I walked slowly to the shop and bought bread.";
        let theirs = "I walked to the shop and bought fresh bread.";
        assert_eq!(
            merged(base, ours, theirs),
            (
                "I walked slowly to the shop and bought fresh bread.".into(),
                0
            )
        );
    }

    #[test]
    fn neighbouring_words_changed_by_each_side_merge() {
        let (text, conflicts) = merged("the red car", "the blue car", "the red bus");
        assert_eq!((text.as_str(), conflicts), ("the blue bus", 0));
    }

    #[test]
    fn the_same_words_changed_differently_keep_both_versions() {
        let base = "Intro.\n\nThe car was red.\n\nEnd.";
        let ours = "Intro.\n\nThe car was blue.\n\nEnd.";
        let theirs = "Intro.\n\nThe car was green.\n\nEnd.";
        assert_eq!(
            merged(base, ours, theirs),
            (
                "Intro.\n\nThe car was blue.\n\nThe car was green.\n\nEnd.".into(),
                1
            )
        );
    }

    #[test]
    fn an_edit_beats_a_deletion() {
        let base = "Keep.\n\nDoomed line.\n\nAlso keep.";
        let ours = "Keep.\n\nAlso keep.";
        let theirs = "Keep.\n\nDoomed line, rescued.\n\nAlso keep.";
        assert_eq!(merged(base, ours, theirs).0, theirs);
        assert_eq!(merged(base, theirs, ours).0, theirs);
    }

    #[test]
    fn a_deletion_nobody_contests_is_made() {
        let base = "A.\n\nB.\n\nC.";
        assert_eq!(
            merged(base, "A.\n\nC.", "A.\n\nB.\n\nC. More.").0,
            "A.\n\nC. More."
        );
    }

    #[test]
    fn a_sentence_typed_on_both_sides_is_not_doubled() {
        let base = "Notes.";
        let both = "Notes.\n\nCall mum.";
        let (text, _) = merged(
            base,
            &format!("{both}\n\nBuy milk."),
            &format!("{both}\n\nWater plants."),
        );
        assert_eq!(text, "Notes.\n\nCall mum.\n\nBuy milk.\n\nWater plants.");
        assert_eq!(text.matches("Call mum.").count(), 1);
    }

    #[test]
    fn first_paragraph_dropped_leaves_no_leading_blank_line() {
        let base = "Old opening.\n\nMiddle.\n\nEnd.";
        let ours = "Middle.\n\nEnd.";
        let theirs = "Old opening.\n\nMiddle.\n\nEnd, edited.";
        assert_eq!(merged(base, ours, theirs).0, "Middle.\n\nEnd, edited.");
    }

    #[test]
    fn a_paragraph_added_after_one_the_other_side_rewrote() {
        let base = "The rain on the tin roof.";
        let ours = "The rain stopped. Birds came out.";
        let theirs = "The rain on the tin roof.\n\nA dog barked.";
        assert_eq!(
            merged(base, ours, theirs),
            (
                "The rain stopped. Birds came out.\n\nA dog barked.".into(),
                0
            )
        );
        assert_eq!(
            merged(base, theirs, ours),
            (
                "The rain stopped. Birds came out.\n\nA dog barked.".into(),
                0
            )
        );
    }

    #[test]
    fn no_common_text_keeps_everything_once() {
        // An empty base (no shared ancestor): a union, shared paragraphs once.
        let (text, _) = merged("", "Same.\n\nMine.", "Same.\n\nYours.");
        assert_eq!(text, "Same.\n\nMine.\n\nYours.");
    }
}
