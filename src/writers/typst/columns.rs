//! A Markdown table's columns: which hold numbers (set flush right), and how wide each is,
//! by its content. Widths are counted in characters of the table's type and handed to
//! typst as fractions of the text width: a column of numbers is as wide as its widest
//! number (its heading's words wrap above it, hyphenated past 7 characters; a table with
//! room to spare gives it room for its heading on two lines), the text columns share the rest in
//! proportion to their longest cell, none narrower than its longest word (up to 14
//! characters, then hyphenation takes over), so that no column starves.

use crate::understand::tree::{Inline, InlineKind, Table};

/// Characters of the table's type across the text of a portrait page, and a landscape one.
const PORTRAIT: f64 = 100.0;
const LANDSCAPE: f64 = 150.0;
/// A cell's insets, in characters.
const INSET: f64 = 2.0;
/// The narrowest a text column may be: its longest word, within these bounds.
const LEAST: (f64, f64) = (4.0, 14.0);
/// A text column never asks for more than this.
const MOST: f64 = 60.0;
/// A column of numbers is at least as wide as its heading's longest word up to this many
/// characters; a longer word is hyphenated.
const NUMBER_HEADING: f64 = 7.0;
/// A column of numbers asks for room to set its heading on two lines, up to this many
/// characters a line, when the table has room to spare.
const NUMBER_WANT: f64 = 12.0;
/// Bold header text is wider than the body's.
const BOLD: f64 = 1.1;

/// The columns' relative widths, by content.
pub(super) fn columns(table: &Table, numbers: &[bool], landscape: bool) -> Vec<f64> {
    let available = if landscape { LANDSCAPE } else { PORTRAIT };
    let count = numbers.len();
    let mut fixed = vec![0.0; count];
    let mut least = vec![0.0; count];
    let mut want = vec![0.0; count];
    // What a column of numbers asks for in a table with room to spare: its heading on two
    // lines, however long ("Vaikų, mokinių ar studentų skaičius" hyphenated into four
    // narrow lines beside a half-empty text column read badly).
    let mut roomy = vec![0.0; count];
    for (c, &number) in numbers.iter().enumerate() {
        let (mut longest, mut word, mut header_word) = (0.0_f64, 0.0_f64, 0.0_f64);
        // The heading's length: a column of numbers asks for room to set it on two lines.
        let mut heading_length = 0.0_f64;
        // The heading's longest words that typography binds ("tūkst. Eur", "2021 m."):
        // they cannot break, not even by hyphenation.
        let mut header_bound = 0.0_f64;
        for row in &table.rows {
            let text = row.cells.get(c).map(|cell| plain(cell)).unwrap_or_default();
            let scale = if row.header { BOLD } else { 1.0 };
            let runs = unbreakable(&text);
            let longest_run = |bound: bool| {
                runs.iter()
                    .filter(|r| r.1 || !bound)
                    .map(|r| r.0 as f64 * scale)
                    .fold(0.0, f64::max)
            };
            let (words, bound) = (longest_run(false), longest_run(true));
            if row.header {
                header_word = header_word.max(words);
                header_bound = header_bound.max(bound);
                heading_length = heading_length.max(text.chars().count() as f64 * scale);
            } else {
                word = word.max(words);
                longest = longest.max(text.chars().count() as f64);
            }
        }
        if number {
            // Numbers never wrap; the heading's words do, hyphenated past 7 characters.
            let heading = header_word.min(NUMBER_HEADING).max(header_bound);
            fixed[c] = longest.max(heading).max(3.0) + INSET;
            want[c] = fixed[c].max((heading_length / 2.0).min(NUMBER_WANT) + INSET);
            // Half the heading: more lets the first line take a hyphenated piece of the
            // second ("Vaikų, mokinių ar stu-").
            roomy[c] = fixed[c].max(heading_length / 2.0 + INSET);
        } else {
            let header = header_word.clamp(LEAST.0, LEAST.1);
            least[c] = word.clamp(LEAST.0, LEAST.1).max(header) + INSET;
            want[c] = longest.min(MOST).max(least[c] - INSET) + INSET;
        }
    }
    let text: Vec<usize> = (0..count).filter(|&c| !numbers[c]).collect();
    let headings_two_lines: f64 = (0..count).filter(|&c| numbers[c]).map(|c| roomy[c]).sum();
    if headings_two_lines + text.iter().map(|&c| least[c]).sum::<f64>() <= available {
        // Text wraps well; a column of numbers' heading hyphenated into many narrow lines
        // does not: the columns of numbers take room for their headings first.
        for c in (0..count).filter(|&c| numbers[c]) {
            fixed[c] = roomy[c];
            want[c] = roomy[c];
        }
    }
    if want.iter().sum::<f64>() <= available {
        // Everything fits as it asks: the columns share the width in proportion.
        return want.iter().map(|w| w.max(1.0)).collect();
    }
    let rest = available - fixed.iter().sum::<f64>();
    let asked: f64 = text.iter().map(|&c| want[c]).sum();
    if asked <= rest {
        // The text fits as it asks; the columns of numbers share what is left over,
        // towards room for their headings.
        let spare = rest - asked;
        let more: f64 = (0..count)
            .filter(|&c| numbers[c])
            .map(|c| want[c] - fixed[c])
            .sum();
        return (0..count)
            .map(|c| match numbers[c] {
                true if more > 0.0 => fixed[c] + (want[c] - fixed[c]) / more * spare.min(more),
                true => fixed[c],
                false => want[c] / asked * (rest - spare.min(more)),
            })
            .map(|w| w.max(1.0))
            .collect();
    }
    // Too wide: the text columns share what is left in proportion to what they ask, none
    // below its least; those held at their least leave the rest to the others.
    let mut share = vec![0.0; count];
    let mut held: Vec<usize> = Vec::new();
    loop {
        let free: Vec<usize> = text.iter().copied().filter(|c| !held.contains(c)).collect();
        let left = rest - held.iter().map(|&c| least[c]).sum::<f64>();
        let asked: f64 = free.iter().map(|&c| want[c]).sum();
        let starved: Vec<usize> = free
            .iter()
            .copied()
            .filter(|&c| asked <= 0.0 || want[c] / asked * left < least[c])
            .collect();
        if starved.is_empty() {
            for &c in &free {
                share[c] = want[c] / asked * left;
            }
            break;
        }
        held.extend(starved);
        if held.len() == text.len() {
            break;
        }
    }
    for &c in &held {
        share[c] = least[c];
    }
    (0..count)
        .map(|c| if numbers[c] { fixed[c] } else { share[c] })
        .map(|w| w.max(1.0))
        .collect()
}

/// A width as typst reads it: at most two decimals, no trailing zeros.
pub(super) fn fr(width: f64) -> String {
    let text = format!("{:.2}", width);
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Whether every cell under the header of column `c` that holds something reads as a
/// number ("1 234,5", "1,234.5", "12 %", "−3", "45 €"), and one does at least; a dash
/// stands for no value.
pub(crate) fn numeric_column(table: &Table, c: usize) -> bool {
    let mut any = false;
    for row in table.rows.iter().filter(|r| !r.header) {
        let text = row.cells.get(c).map(|cell| plain(cell)).unwrap_or_default();
        let text = text.trim();
        if text.is_empty() || matches!(text, "-" | "–" | "—") {
            continue;
        }
        if !is_number(text) {
            return false;
        }
        any = true;
    }
    any
}

/// A number as people write them in either language, with an optional sign and unit
/// (read by [`crate::format::reads_as_number`]).
fn is_number(text: &str) -> bool {
    let mut text = text.trim();
    for unit in ["‰", "€", "Eur", "EUR", "eur", "$"] {
        if let Some(before) = text.strip_suffix(unit) {
            text = before.trim_end_matches([' ', '\u{a0}', '\u{202f}']);
            break;
        }
    }
    // A range's or a tolerance's sign.
    let text = text.strip_prefix(['±', '–']).unwrap_or(text);
    crate::format::reads_as_number(text)
}

/// The words of a text, as runs typography keeps on one line: each word, or words it binds
/// together with a no-break space ("tūkst. Eur"); their lengths in characters, and
/// whether each is such a bound run.
fn unbreakable(text: &str) -> Vec<(usize, bool)> {
    let mut out: Vec<(usize, bool)> = Vec::new();
    let mut previous: Option<&str> = None;
    for word in text.split_whitespace() {
        let length = word.chars().count();
        match (previous, out.last_mut()) {
            (Some(before), Some(last)) if crate::format::binds(before, word) => {
                *last = (last.0 + 1 + length, true)
            }
            _ => out.push((length, false)),
        }
        previous = Some(word);
    }
    out
}

/// The text a cell shows, as near as counting characters needs.
fn plain(inlines: &[Inline]) -> String {
    let mut out = String::new();
    for inline in inlines {
        match &inline.kind {
            InlineKind::Text(segments) => segments.iter().for_each(|s| out.push_str(s.text())),
            InlineKind::SoftBreak | InlineKind::LineBreak => out.push(' '),
            InlineKind::Code(code) => out.push_str(&code.text),
            InlineKind::Html(html) => out.push_str(&html.text),
            InlineKind::Link {
                content: None,
                shown,
                ..
            } => out.push_str(&shown.text),
            InlineKind::Item {
                number,
                content: None,
                ..
            } => out.push_str(number),
            InlineKind::Label { content: None, .. } => out.push_str("1.1"),
            InlineKind::Picture(_) => out.push_str("xx"),
            InlineKind::Note(_) => out.push('1'),
            kind => out.push_str(&plain(kind.content().unwrap_or_default())),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_either_language() {
        for yes in [
            "1 234,5", "1,234.5", "12 %", "12%", "−3", "-3,5", "45 €", "2021", "0",
        ] {
            assert!(is_number(yes), "{yes}");
        }
        for no in [
            "Centras",
            "12 a",
            "1..2",
            "%",
            "",
            "T-12",
            "2021–2030",
            "3 m.",
        ] {
            assert!(!is_number(no), "{no}");
        }
    }

    #[test]
    fn widths_as_typst_reads_them() {
        assert_eq!(fr(3.0), "3");
        assert_eq!(fr(2.5), "2.5");
        assert_eq!(fr(12.3456), "12.35");
    }
}
