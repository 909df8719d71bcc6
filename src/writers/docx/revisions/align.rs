//! Two versions lined up: paragraphs, tables and their rows as `plan diff` lines up
//! sentences (the unchanged ones, then pairs of mostly the same words), and a paragraph
//! compared sentence by sentence.

use similar::{Algorithm, DiffTag, capture_diff_slices, get_diff_ratio};

use super::{
    DocPlan, Now, Recorded, RowNow, RowStep, SAME_PARAGRAPH, SAME_SENTENCE, Step, TablePlan, WINDOW,
};
use crate::diff::sentences::split;
use crate::diff::{Op, Segment, words};
use crate::model::Language;

/// How an earlier list of texts (paragraphs, sentences) became the new one, in the new
/// one's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pairing {
    /// The earlier text `k` is gone.
    Deleted(usize),
    /// The new text `j` is new.
    Inserted(usize),
    /// The earlier text `k` is the new text `j`, as it was or changed.
    Kept(usize, usize),
}

/// Aligns two lists of texts as `plan diff` aligns sentences: the unchanged ones, then in
/// each run between them, a deleted and an inserted text sharing at least `same` of their
/// words are one text changed, in order; the rest are deleted or inserted where they stand.
fn pairings(old: &[&str], new: &[&str], same: f32) -> Vec<Pairing> {
    let mut out = Vec::new();
    let (mut deleted, mut inserted) = (Vec::new(), Vec::new());
    for op in capture_diff_slices(Algorithm::Myers, old, new) {
        let (tag, before, after) = op.as_tag_tuple();
        if tag == DiffTag::Equal {
            hunk(old, new, &deleted, &inserted, same, &mut out);
            deleted.clear();
            inserted.clear();
            out.extend(before.zip(after).map(|(k, j)| Pairing::Kept(k, j)));
        } else {
            deleted.extend(before);
            inserted.extend(after);
        }
    }
    hunk(old, new, &deleted, &inserted, same, &mut out);
    out
}

/// A run of deleted and inserted texts between unchanged ones.
fn hunk(
    old: &[&str],
    new: &[&str],
    deleted: &[usize],
    inserted: &[usize],
    same: f32,
    out: &mut Vec<Pairing>,
) {
    let mut pairs = Vec::new();
    let mut next = 0;
    for (d, &k) in deleted.iter().enumerate() {
        let best = inserted[next..]
            .iter()
            .take(WINDOW)
            .enumerate()
            .map(|(i, &j)| (next + i, similarity(old[k], new[j])))
            .filter(|(_, ratio)| *ratio >= same)
            .reduce(|best, this| if this.1 > best.1 { this } else { best });
        if let Some((i, _)) = best {
            pairs.push((d, i));
            next = i + 1;
        }
    }
    let (mut d, mut i) = (0, 0);
    for (pd, pi) in pairs.into_iter().chain([(deleted.len(), inserted.len())]) {
        out.extend(deleted[d..pd].iter().map(|&k| Pairing::Deleted(k)));
        out.extend(inserted[i..pi].iter().map(|&j| Pairing::Inserted(j)));
        if let (Some(&k), Some(&j)) = (deleted.get(pd), inserted.get(pi)) {
            out.push(Pairing::Kept(k, j));
        }
        (d, i) = (pd + 1, pi + 1);
    }
}

/// A table's XML with each row's mark (`marks`, in row order) put last in its properties.
pub(crate) fn mark_rows(xml: &str, marks: &[Option<String>]) -> String {
    if marks.iter().all(Option::is_none) {
        return xml.to_string();
    }
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    let mut row = 0;
    while let Some(at) = rest.find("</w:trPr>") {
        out.push_str(&rest[..at]);
        if let Some(Some(mark)) = marks.get(row) {
            out.push_str(mark);
        }
        out.push_str("</w:trPr>");
        rest = &rest[at + "</w:trPr>".len()..];
        row += 1;
    }
    out.push_str(rest);
    out
}

/// A row's text, to line rows up by.
fn row_text(cells: &[String]) -> String {
    cells.join(" | ")
}

/// The earlier version's tables lined up with the new one's, and each new one's rows with
/// its earlier version's; a table that is new has every row inserted.
pub(super) fn tables(old: &[Vec<Vec<String>>], new: &[Vec<Vec<String>>]) -> Vec<Option<TablePlan>> {
    let text = |t: &Vec<Vec<String>>| t.iter().map(|r| row_text(r)).collect::<Vec<_>>().join("\n");
    let a: Vec<String> = old.iter().map(text).collect();
    let b: Vec<String> = new.iter().map(text).collect();
    let a: Vec<&str> = a.iter().map(String::as_str).collect();
    let b: Vec<&str> = b.iter().map(String::as_str).collect();
    let mut out = vec![None; new.len()];
    for pairing in pairings(&a, &b, SAME_PARAGRAPH) {
        match pairing {
            Pairing::Kept(k, j) if a[k] != b[j] => out[j] = Some(rows(&old[k], &new[j])),
            Pairing::Inserted(j) => out[j] = Some(rows(&[], &new[j])),
            _ => {}
        }
    }
    out
}

/// A table's earlier rows lined up with its new ones.
pub(super) fn rows(old: &[Vec<String>], new: &[Vec<String>]) -> TablePlan {
    let a: Vec<String> = old.iter().map(|r| row_text(r)).collect();
    let b: Vec<String> = new.iter().map(|r| row_text(r)).collect();
    let a: Vec<&str> = a.iter().map(String::as_str).collect();
    let b: Vec<&str> = b.iter().map(String::as_str).collect();
    let mut plan = TablePlan::default();
    let mut pending = Vec::new();
    for pairing in pairings(&a, &b, SAME_PARAGRAPH) {
        let now = match pairing {
            Pairing::Deleted(k) => {
                pending.push(old[k].clone());
                continue;
            }
            Pairing::Inserted(_) => RowNow::Inserted,
            Pairing::Kept(k, j) if a[k] == b[j] => RowNow::Same,
            Pairing::Kept(k, _) => RowNow::Changed(old[k].clone()),
        };
        plan.rows.push(RowStep {
            before: std::mem::take(&mut pending),
            now,
        });
    }
    plan.end = pending;
    plan
}

/// The earlier version's paragraphs aligned with the new one's.
pub(super) fn align(old: &[Recorded], new: &[Recorded]) -> DocPlan {
    let a: Vec<&str> = old.iter().map(|r| r.text.as_str()).collect();
    let b: Vec<&str> = new.iter().map(|r| r.text.as_str()).collect();
    let mut plan = DocPlan::default();
    let mut pending: Vec<Recorded> = Vec::new();
    for pairing in pairings(&a, &b, SAME_PARAGRAPH) {
        let now = match pairing {
            Pairing::Deleted(k) => {
                pending.push(old[k].clone());
                continue;
            }
            Pairing::Inserted(_) => Now::Inserted,
            Pairing::Kept(k, j) if a[k] == b[j] => Now::Same,
            Pairing::Kept(k, _) => Now::Changed(old[k].text.clone()),
        };
        plan.steps.push(Step {
            before: std::mem::take(&mut pending),
            now,
        });
    }
    plan.end = pending;
    plan
}

/// A paragraph compared as `plan diff` compares chapters: sentence by sentence, a sentence
/// keeping half its words changed word by word, the others deleted or inserted whole. The
/// equal and inserted segments are the new text exactly (the spaces between sentences
/// kept).
pub(super) fn compare(old: &str, new: &str, language: Language) -> Vec<Segment> {
    let a = split(old, language);
    let b = split(new, language);
    let mut out: Vec<Segment> = Vec::new();
    let mut push = |op: Op, text: &str| {
        if text.is_empty() {
            return;
        }
        match out.last_mut() {
            Some(last) if last.op == op => last.text.push_str(text),
            _ => out.push(Segment {
                op,
                text: text.to_string(),
            }),
        }
    };
    // Where each new sentence starts in `new`, to keep what lies between them.
    let offset = |sentence: &str| sentence.as_ptr() as usize - new.as_ptr() as usize;
    let mut written = 0;
    let gap_to = |push: &mut dyn FnMut(Op, &str), j: usize, written: &mut usize| {
        let start = offset(b[j]);
        if start >= *written {
            push(Op::Equal, &new[*written..start]);
        }
        *written = start + b[j].len();
    };
    for pairing in pairings(&a, &b, SAME_SENTENCE) {
        match pairing {
            // Kept a space apart from the sentence before it (or after, at the start).
            Pairing::Deleted(k) if written > 0 => push(Op::Delete, &format!(" {}", a[k])),
            Pairing::Deleted(k) => push(Op::Delete, &format!("{} ", a[k])),
            Pairing::Inserted(j) => {
                gap_to(&mut push, j, &mut written);
                push(Op::Insert, b[j]);
            }
            Pairing::Kept(k, j) => {
                gap_to(&mut push, j, &mut written);
                for s in words(a[k], b[j]) {
                    push(s.op, &s.text);
                }
            }
        }
    }
    if written < new.len() {
        push(Op::Equal, &new[written..]);
    }
    out
}

/// The share of words two texts have in common, from 0 to 1.
fn similarity(a: &str, b: &str) -> f32 {
    let a: Vec<&str> = a.split_whitespace().collect();
    let b: Vec<&str> = b.split_whitespace().collect();
    get_diff_ratio(
        &capture_diff_slices(Algorithm::Myers, &a, &b),
        a.len(),
        b.len(),
    )
}
