//! Heading numbers and outline entries of one document, worked out before layout.
//!
//! Typst numbers headings with a counter, and fills the contents and the lists of figures
//! and tables by querying the laid-out document. Both come out wrong or empty in the first
//! layout pass, and the page numbers settle only in a third pass: at ten times the example
//! plan's size that pass takes 0.4 s of a 4 s build. But `plan` knows every chapter heading
//! and where each generated part starts. So it numbers the headings itself, and gives the
//! contents and the lists their entries up front. Typst then only looks up page numbers,
//! and two passes are enough.
//!
//! The numbers are those of typst's `"1.1."` numbering: a heading steps the counter at its
//! level, and a generated part is one first-level heading (its template numbers its own
//! subheadings from the part's number). A chapter is numbered per document, so its markup
//! is written once per document that includes it, after a short preamble of numbers.

use crate::model::{Document, Part};
use crate::writers::typst::{Chapter, PRELUDE, escape};

/// What each part of a document is numbered, in the order of its parts.
#[derive(Debug, PartialEq)]
pub(crate) struct Numbered {
    pub parts: Vec<PartNumbers>,
    /// The changes annex's number, when the document has it.
    pub annex: Option<String>,
    /// The number of each chapter heading with an `{#id}`, as references print it ("3.2").
    pub refs: Vec<(String, String)>,
}

/// The numbers of one part.
#[derive(Debug, PartialEq)]
pub(crate) enum PartNumbers {
    /// Each heading of a chapter: its level and its number as the heading shows it ("3.2.").
    Chapter(Vec<(u8, String)>),
    /// A generated part's number ("11"); it shows as "11." and its subheadings as "11.1.".
    Generated(String),
}

/// Numbers the headings of `document` (and of the changes annex after its parts, when
/// `annex`), as typst's counter would.
pub(crate) fn number(
    document: &Document,
    annex: bool,
    chapters: &std::collections::BTreeMap<String, Chapter>,
) -> Numbered {
    let mut counter = Counter::default();
    let mut refs = Vec::new();
    // The level of the heading before, for heading levels that never skip one: accessible
    // PDF forbids it, and the document's first heading must be of level 1. A chapter's own
    // levels are consecutive already (understanding sees to that, with a warning);
    // what comes before it depends on the document.
    let mut last = 0;
    let parts = document
        .parts
        .iter()
        .map(|part| match part {
            Part::Chapter(path) => {
                let headings = chapters.get(path).map_or(&[][..], |c| &c.outline.headings);
                PartNumbers::Chapter(
                    headings
                        .iter()
                        .map(|h| {
                            let level = h.level.min(last + 1);
                            last = level;
                            let number = counter.step(level.into());
                            if let Some(id) = &h.id {
                                refs.push((id.clone(), number.clone()));
                            }
                            (level, format!("{number}."))
                        })
                        .collect(),
                )
            }
            Part::Generated(_) => {
                last = 1;
                PartNumbers::Generated(counter.step(1))
            }
        })
        .collect();
    Numbered {
        parts,
        annex: annex.then(|| counter.step(1)),
        refs,
    }
}

/// The state of a heading counter: one number per level.
#[derive(Default)]
struct Counter(Vec<u32>);

impl Counter {
    /// Steps the counter at `level` (1 for a top-level heading) and returns the number,
    /// e.g. "3.2". Missing levels above count as 0, as in typst: "0.1" for a second-level
    /// heading before any first-level one.
    fn step(&mut self, level: usize) -> String {
        let level = level.max(1);
        self.0.truncate(level);
        self.0.resize(level, 0);
        if let Some(last) = self.0.last_mut() {
            *last += 1;
        }
        let parts: Vec<String> = self.0.iter().map(u32::to_string).collect();
        parts.join(".")
    }
}

/// The preamble of a chapter's markup in one document: the levels and numbers of its
/// headings, and the numbers of every heading in the document that references can name
/// (`refs`, imported from the module at `refs`).
pub(super) fn chapter_preamble(headings: &[(u8, String)], refs: &str) -> String {
    let levels: Vec<String> = headings.iter().map(|(l, _)| l.to_string()).collect();
    let numbers: Vec<String> = headings.iter().map(|(_, n)| escape::string(n)).collect();
    format!(
        "{}#let levels = {}\n#let numbers = {}.map(md.fixed)\n#import {}: refs\n\n",
        PRELUDE,
        array(&levels),
        array(&numbers),
        escape::string(refs)
    )
}

/// The typst dictionary of heading numbers by id.
pub(super) fn refs_dictionary(refs: &[(String, String)]) -> String {
    if refs.is_empty() {
        return "(:)".into();
    }
    let entries: Vec<String> = refs
        .iter()
        .map(|(id, n)| format!("{}: {}", escape::string(id), escape::string(n)))
        .collect();
    format!("({})", entries.join(", "))
}

/// The outline entries of a chapter in one document, as a typst dictionary: its headings
/// (level, number, title) and its captioned figures and tables (kind, caption), written as
/// `templates/contents.typ` reads them.
pub(super) fn chapter_outline(chapter: Option<&Chapter>, numbers: &[(u8, String)]) -> String {
    let Some(chapter) = chapter else {
        return "(headings: (), figures: ())".into();
    };
    let headings: Vec<String> = chapter
        .outline
        .headings
        .iter()
        .zip(numbers)
        .map(|(h, (level, n))| {
            format!(
                "(level: {level}, number: {}, body: [{}])",
                escape::string(n),
                h.title
            )
        })
        .collect();
    let figures: Vec<String> = chapter
        .outline
        .figures
        .iter()
        .map(|f| {
            let kind = if f.table { "table" } else { "image" };
            format!("(kind: {kind}, caption: {})", f.caption)
        })
        .collect();
    format!(
        "(headings: {}, figures: {})",
        array(&headings),
        array(&figures)
    )
}

/// A typst array of the given items (with the trailing comma a single item needs).
pub(super) fn array(items: &[String]) -> String {
    match items {
        [] => "()".into(),
        [one] => format!("({one},)"),
        _ => format!("({})", items.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Generated;
    use crate::writers::typst::{Heading, Outline};

    fn chapter(levels: &[(u8, Option<&str>)]) -> Chapter {
        Chapter {
            markup: String::new(),
            outline: Outline {
                headings: levels
                    .iter()
                    .map(|(level, id)| Heading {
                        level: *level,
                        title: "T".into(),
                        id: id.map(Into::into),
                    })
                    .collect(),
                figures: Vec::new(),
            },
            map: Default::default(),
        }
    }

    fn chapter_numbers(headings: &[(u8, &str)]) -> PartNumbers {
        PartNumbers::Chapter(headings.iter().map(|(l, n)| (*l, n.to_string())).collect())
    }

    /// Numbers as typst's counter gives them (a generated part is one first-level
    /// heading), for levels made consecutive.
    #[test]
    fn headings_are_numbered_as_typst_numbers_them() {
        let chapters = [
            (
                "a.md".to_string(),
                chapter(&[(2, None), (1, None), (3, Some("deep"))]),
            ),
            (
                "b.md".to_string(),
                chapter(&[(1, None), (2, Some("two")), (2, None)]),
            ),
        ]
        .into_iter()
        .collect();
        let document = Document {
            parts: vec![
                Part::Chapter("a.md".into()),
                Part::Generated(Generated::Strategy),
                Part::Chapter("b.md".into()),
                Part::Chapter("missing.md".into()),
                Part::Generated(Generated::Funding),
            ],
            id: "plan".into(),
            title: "Plan".into(),
            annex: None,
            annex_parts: Default::default(),
            cards: Vec::new(),
            formats: Vec::new(),
            report: None,
            date: None,
            version: None,
            status: None,
            form: None,
            approval: None,
        };
        let numbered = number(&document, true, &chapters);
        assert_eq!(
            numbered,
            Numbered {
                parts: vec![
                    // The document's first heading is of level 1, and none skips a level.
                    chapter_numbers(&[(1, "1."), (1, "2."), (2, "2.1.")]),
                    PartNumbers::Generated("3".into()),
                    chapter_numbers(&[(1, "4."), (2, "4.1."), (2, "4.2.")]),
                    PartNumbers::Chapter(vec![]),
                    PartNumbers::Generated("5".into()),
                ],
                annex: Some("6".into()),
                refs: vec![("deep".into(), "2.1".into()), ("two".into(), "4.1".into())],
            }
        );
    }
}
