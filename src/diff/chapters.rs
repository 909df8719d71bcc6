//! Chapters compared sentence by sentence. Each version's chapters come as plain-text
//! blocks from the text writer; the blocks are split into sentences (`sentences`), the two
//! lists aligned, and a deleted sentence paired with an inserted one that keeps most of
//! its words is one changed sentence, marked word by word. Each change keeps where it is:
//! the heading it is under and its line in the chapter file.

use std::collections::BTreeMap;

use serde::Serialize;

use super::pairing::{Pairing, SAME_SENTENCE, pairings};
use super::sentences::split;
use super::{Op, Segment, Version, words};
use crate::model::Language;
use crate::writers::text::{TextBlock, chapter_text};

#[derive(Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct ChapterChange {
    pub path: String,
    /// The chapter's first heading as the reader sees it (the old version's for a removed
    /// chapter); `None` when it has no heading.
    pub title: Option<String>,
    pub status: ChapterStatus,
    /// Words inserted into and deleted from the Markdown file, markup included.
    pub inserted_words: usize,
    pub deleted_words: usize,
    /// The sentences that changed, in reading order; empty for a chapter added or removed
    /// as a whole.
    pub sentences: Vec<SentenceChange>,
}

#[derive(Debug, Clone, Copy, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChapterStatus {
    Added,
    Removed,
    Changed,
}

/// A sentence inserted, deleted or changed.
#[derive(Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct SentenceChange {
    pub op: SentenceOp,
    /// The sentence before (none for an inserted one).
    pub old: Option<String>,
    /// The sentence after (none for a deleted one).
    pub new: Option<String>,
    /// The sentence word by word: a changed one's words deleted, inserted and kept; an
    /// inserted or deleted one as a single segment.
    pub words: Vec<Segment>,
    /// The line of the old chapter file its block starts on (none for an inserted one).
    pub old_line: Option<usize>,
    /// The line of the new chapter file its block starts on (none for a deleted one).
    pub new_line: Option<usize>,
    /// The heading it is under, as the reader sees it: the new version's, or the old one's
    /// for a deleted sentence.
    pub heading: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SentenceOp {
    Inserted,
    Deleted,
    Changed,
}

/// A sentence of a chapter and where it is.
#[derive(Debug)]
struct Sentence {
    text: String,
    line: usize,
    heading: Option<String>,
}

/// The chapters that differ between two versions, by path.
pub(super) fn compare_chapters(old: &Version, new: &Version) -> Vec<ChapterChange> {
    let language = new.plan.meta.language;
    let (old_blocks, new_blocks) = (
        chapter_text(old.plan, old.numbers, old.ledger, old.sources),
        chapter_text(new.plan, new.numbers, new.ledger, new.sources),
    );
    let mut paths: Vec<&str> = old
        .plan
        .chapters
        .iter()
        .chain(&new.plan.chapters)
        .map(|c| c.path.as_str())
        .collect();
    paths.sort_unstable();
    paths.dedup();
    paths
        .into_iter()
        .filter_map(|path| {
            let (a, b) = (
                chapter(old, &old_blocks, path),
                chapter(new, &new_blocks, path),
            );
            let empty = ("", &[][..]);
            let (status, a, b) = match (a, b) {
                (None, Some(b)) => (ChapterStatus::Added, empty, b),
                (Some(a), None) => (ChapterStatus::Removed, a, empty),
                (Some(a), Some(b)) if a.0 != b.0 => (ChapterStatus::Changed, a, b),
                _ => return None,
            };
            let (old_title, old_sentences) = sentences(a.1, language);
            let (new_title, new_sentences) = sentences(b.1, language);
            let segments = words(a.0, b.0);
            let count = |op: Op| {
                segments
                    .iter()
                    .filter(|s| s.op == op)
                    .map(|s| s.text.split_whitespace().count())
                    .sum()
            };
            Some(ChapterChange {
                path: path.to_string(),
                title: new_title.or(old_title),
                status,
                inserted_words: count(Op::Insert),
                deleted_words: count(Op::Delete),
                sentences: match status {
                    ChapterStatus::Changed => align(&old_sentences, &new_sentences),
                    ChapterStatus::Added | ChapterStatus::Removed => Vec::new(),
                },
            })
        })
        .collect()
}

/// A chapter of one version: its Markdown and its text blocks.
fn chapter<'a>(
    version: &Version<'a>,
    blocks: &'a BTreeMap<String, Vec<TextBlock>>,
    path: &str,
) -> Option<(&'a str, &'a [TextBlock])> {
    let file = version.plan.chapters.iter().find(|c| c.path == path)?.file;
    let blocks = blocks.get(path).map_or(&[][..], Vec::as_slice);
    Some((version.sources.text(file), blocks))
}

/// A chapter's first heading and its sentences, each with the heading it is under (a
/// heading's own: the one before it).
fn sentences(blocks: &[TextBlock], language: Language) -> (Option<String>, Vec<Sentence>) {
    let (mut title, mut heading) = (None, None);
    let mut out = Vec::new();
    for block in blocks {
        let under = heading.clone();
        if block.heading {
            title.get_or_insert_with(|| block.text.clone());
            heading = Some(block.text.clone());
        }
        out.extend(split(&block.text, language).into_iter().map(|s| Sentence {
            text: s.to_string(),
            line: block.line,
            heading: under.clone(),
        }));
    }
    (title, out)
}

/// The sentence changes between two lists of sentences, in reading order: pairs of mostly
/// the same words are changed sentences (`pairing`), the rest deleted or inserted.
fn align(old: &[Sentence], new: &[Sentence]) -> Vec<SentenceChange> {
    let a: Vec<&str> = old.iter().map(|s| s.text.as_str()).collect();
    let b: Vec<&str> = new.iter().map(|s| s.text.as_str()).collect();
    pairings(&a, &b, SAME_SENTENCE)
        .into_iter()
        .filter_map(|pairing| match pairing {
            Pairing::Deleted(k) => Some(gone(&old[k])),
            Pairing::Inserted(j) => Some(came(&new[j])),
            Pairing::Kept(k, j) if a[k] == b[j] => None,
            Pairing::Kept(k, j) => {
                let (before, after) = (&old[k], &new[j]);
                Some(SentenceChange {
                    op: SentenceOp::Changed,
                    old: Some(before.text.clone()),
                    new: Some(after.text.clone()),
                    words: words(&before.text, &after.text),
                    old_line: Some(before.line),
                    new_line: Some(after.line),
                    heading: after.heading.clone(),
                })
            }
        })
        .collect()
}

fn gone(sentence: &Sentence) -> SentenceChange {
    SentenceChange {
        op: SentenceOp::Deleted,
        old: Some(sentence.text.clone()),
        new: None,
        words: vec![Segment {
            op: Op::Delete,
            text: sentence.text.clone(),
        }],
        old_line: Some(sentence.line),
        new_line: None,
        heading: sentence.heading.clone(),
    }
}

fn came(sentence: &Sentence) -> SentenceChange {
    SentenceChange {
        op: SentenceOp::Inserted,
        old: None,
        new: Some(sentence.text.clone()),
        words: vec![Segment {
            op: Op::Insert,
            text: sentence.text.clone(),
        }],
        old_line: None,
        new_line: Some(sentence.line),
        heading: sentence.heading.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentence(text: &str, line: usize) -> Sentence {
        Sentence {
            text: text.to_string(),
            line,
            heading: Some("Įvadas".to_string()),
        }
    }

    #[test]
    fn a_sentence_mostly_kept_is_changed_the_others_inserted_or_deleted() {
        let old = [
            sentence("Planas rengiamas dešimčiai metų.", 3),
            sentence("Jame nustatoma miesto vizija.", 3),
            sentence("Šis sakinys išbrauktas visai.", 5),
            sentence("Pabaiga.", 7),
        ];
        let new = [
            sentence("Planas rengiamas dešimčiai metų.", 3),
            sentence("Jame nustatoma miesto vizija ir misija.", 3),
            sentence("Visai naujas teiginys apie biudžetą.", 6),
            sentence("Pabaiga.", 8),
        ];
        let changes = align(&old, &new);
        let ops: Vec<SentenceOp> = changes.iter().map(|c| c.op).collect();
        assert_eq!(
            ops,
            [
                SentenceOp::Changed,
                SentenceOp::Deleted,
                SentenceOp::Inserted
            ]
        );
        let marked: Vec<(Op, &str)> = changes[0]
            .words
            .iter()
            .map(|s| (s.op, s.text.trim()))
            .collect();
        assert!(marked.contains(&(Op::Delete, "vizija.")), "{marked:?}");
        assert!(
            marked.contains(&(Op::Insert, "vizija ir misija.")),
            "{marked:?}"
        );
        assert_eq!((changes[1].old_line, changes[1].new_line), (Some(5), None));
        assert_eq!((changes[2].old_line, changes[2].new_line), (None, Some(6)));
    }
}
