//! A word-level comparison, for the titles and texts of items and for chapter sentences.

use similar::{ChangeTag, TextDiff};

use super::{Op, Segment};

/// A word-level comparison, with runs of the same kind merged.
pub fn words(old: &str, new: &str) -> Vec<Segment> {
    let (old, new) = (tokens(old), tokens(new));
    let diff = TextDiff::from_slices(&old, &new);
    let mut segments: Vec<Segment> = Vec::new();
    for change in diff.iter_all_changes() {
        let op = match change.tag() {
            ChangeTag::Equal => Op::Equal,
            ChangeTag::Delete => Op::Delete,
            ChangeTag::Insert => Op::Insert,
        };
        match segments.last_mut() {
            Some(last) if last.op == op => last.text.push_str(change.value()),
            _ => segments.push(Segment {
                op,
                text: change.value().to_string(),
            }),
        }
    }
    segments
}

/// Whether the character at `i` of `chars` separates words. A no-break space between
/// digits does not: it groups an amount's thousands ("2 070,5"), which change as one word.
fn separates(chars: &[(usize, char)], i: usize) -> bool {
    let c = chars[i].1;
    let digit = |j: Option<usize>| {
        j.and_then(|j| chars.get(j))
            .is_some_and(|(_, c)| c.is_ascii_digit())
    };
    let grouping = matches!(c, '\u{a0}' | '\u{202f}' | '\u{2007}')
        && digit(i.checked_sub(1))
        && digit(Some(i + 1));
    c.is_whitespace() && !grouping
}

/// Words and the spaces between them, in turn.
fn tokens(text: &str) -> Vec<&str> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut start = 0;
    let mut space = None;
    for (k, &(i, _)) in chars.iter().enumerate() {
        let is_space = separates(&chars, k);
        if space.is_some_and(|s| s != is_space) {
            out.push(&text[start..i]);
            start = i;
        }
        space = Some(is_space);
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(old: &str, new: &str) -> String {
        words(old, new)
            .iter()
            .map(|s| match s.op {
                Op::Equal => s.text.clone(),
                Op::Delete => format!("[-{}-]", s.text),
                Op::Insert => format!("{{+{}+}}", s.text),
            })
            .collect()
    }

    #[test]
    fn an_amount_bound_by_no_break_spaces_changes_as_one_word() {
        assert_eq!(
            marked(
                "numatyta 2\u{a0}070,5 tūkst.",
                "numatyta 1\u{a0}494,5 tūkst."
            ),
            "numatyta [-2\u{a0}070,5-]{+1\u{a0}494,5+} tūkst."
        );
    }

    #[test]
    fn an_inserted_word_keeps_its_space() {
        assert_eq!(
            marked("jaunimui senjorams", "jaunimui ir senjorams"),
            "jaunimui {+ir +}senjorams"
        );
        assert_eq!(tokens("a  b\nc"), ["a", "  ", "b", "\n", "c"]);
        // A no-break space after a one-letter word separates it, as a space does.
        assert_eq!(tokens("a\u{a0}green"), ["a", "\u{a0}", "green"]);
    }
}
