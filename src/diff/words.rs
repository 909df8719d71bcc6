//! A word-level comparison, for the titles and texts of items and for chapter sentences.

use similar::{ChangeTag, TextDiff};

use super::{Op, Segment};

/// A word-level comparison, with runs of the same kind merged.
pub fn words(old: &str, new: &str) -> Vec<Segment> {
    let diff = TextDiff::from_words(old, new);
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
