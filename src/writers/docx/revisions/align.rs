//! Two versions lined up: paragraphs, tables and their rows as `plan diff` lines up
//! sentences (the unchanged ones, then pairs of mostly the same words), and a paragraph
//! compared sentence by sentence.

use super::{DocPlan, Now, Recorded, RowNow, RowStep, SAME_PARAGRAPH, Step, TablePlan};
use crate::diff::pairing::{Pairing, SAME_SENTENCE, pairings};
use crate::diff::sentences::split;
use crate::diff::{Op, Segment, words};
use crate::model::Language;

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
