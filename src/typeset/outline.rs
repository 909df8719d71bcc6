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

use crate::markdown::{Chapter, escape};
use crate::model::{Document, Part};

/// What each part of a document is numbered, in the order of its parts.
#[derive(Debug, PartialEq)]
pub struct Numbered {
    pub parts: Vec<PartNumbers>,
    /// The changes annex's number, when the document has it.
    pub annex: Option<String>,
    /// The number of each chapter heading with an `{#id}`, as references print it ("3.2").
    pub refs: Vec<(String, String)>,
}

/// The numbers of one part.
#[derive(Debug, PartialEq)]
pub enum PartNumbers {
    /// Each heading of a chapter, as its heading shows it ("3.2.").
    Chapter(Vec<String>),
    /// A generated part's number ("11"); it shows as "11." and its subheadings as "11.1.".
    Generated(String),
}

/// Numbers the headings of `document` (and of the changes annex after its parts, when
/// `annex`), as typst's counter would.
pub fn number(
    document: &Document,
    annex: bool,
    chapters: &std::collections::BTreeMap<String, Chapter>,
) -> Numbered {
    let mut counter = Counter::default();
    let mut refs = Vec::new();
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
                            let number = counter.step(h.level.into());
                            if let Some(id) = &h.id {
                                refs.push((id.clone(), number.clone()));
                            }
                            format!("{number}.")
                        })
                        .collect(),
                )
            }
            Part::Generated(_) => PartNumbers::Generated(counter.step(1)),
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

/// The preamble of a chapter's markup in one document: the numbers of its headings, and
/// those of every heading in the document that references can name.
pub fn chapter_preamble(numbers: &[String], refs: &[(String, String)]) -> String {
    let numbers: Vec<String> = numbers.iter().map(|n| escape::string(n)).collect();
    format!(
        "{}#let numbers = {}.map(md.fixed)\n#let refs = {}\n\n",
        crate::markdown::PRELUDE,
        array(&numbers),
        refs_dictionary(refs)
    )
}

/// The typst dictionary of heading numbers by id.
pub fn refs_dictionary(refs: &[(String, String)]) -> String {
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
pub fn chapter_outline(chapter: Option<&Chapter>, numbers: &[String]) -> String {
    let Some(chapter) = chapter else {
        return "(headings: (), figures: ())".into();
    };
    let headings: Vec<String> = chapter
        .outline
        .headings
        .iter()
        .zip(numbers)
        .map(|(h, n)| {
            format!(
                "(level: {}, number: {}, body: [{}])",
                h.level,
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
pub fn array(items: &[String]) -> String {
    match items {
        [] => "()".into(),
        [one] => format!("({one},)"),
        _ => format!("({})", items.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::{Heading, Outline};
    use crate::model::Generated;

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
        }
    }

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
        };
        let numbered = number(&document, true, &chapters);
        assert_eq!(
            numbered,
            Numbered {
                parts: vec![
                    PartNumbers::Chapter(vec!["0.1.".into(), "1.".into(), "1.0.1.".into()]),
                    PartNumbers::Generated("2".into()),
                    PartNumbers::Chapter(vec!["3.".into(), "3.1.".into(), "3.2.".into()]),
                    PartNumbers::Chapter(vec![]),
                    PartNumbers::Generated("4".into()),
                ],
                annex: Some("5".into()),
                refs: vec![
                    ("deep".into(), "1.0.1".into()),
                    ("two".into(), "3.1".into())
                ],
            }
        );
    }
}
