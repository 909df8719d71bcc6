//! Word's own tracked changes, for the comparison edition `<id>-changes.docx` (`plan build
//! --changes-since REV`): the document as it is now, every change since REV an insertion
//! (`<w:ins>`) or a deletion (`<w:del>`, its words in `<w:delText>`) authored "plan" and
//! dated as the PDFs are, so a lawyer accepts or rejects each in Word's review pane.
//!
//! Chapters and texts written in TOML are compared with the earlier version's as the body
//! writer writes both (so quotation marks and dashes compare as shown), lined up as `plan
//! diff` lines up sentences (`align`): a paragraph keeping a third of its words is changed
//! sentence by sentence and word by word, the others are deleted or inserted paragraphs,
//! their paragraph marks tracked too; a table's rows likewise, cell by cell. Titles, names
//! and amounts in the generated parts are looked up as the writer writes them
//! (`Writer::runs`, `replaced`): a text that replaced one earlier text alone is written as
//! that text deleted and the new one inserted, word by word.
//!
//! The changes are made on the runs the writer wrote (`runs`): each run's text is split
//! where the comparison says, and its look kept, so emphasis, links and footnote
//! references stay.

mod align;
mod replaced;
mod runs;

use std::collections::HashMap;

use super::grid::{Cell, Row, RowKind};
use super::xml::escape;
use crate::diff::{Op, PlanDiff, Segment, words};
use crate::ledger::Ledger;
use crate::model::{Language, Plan};
pub(super) use align::mark_rows;
use align::{align, compare, tables};
use replaced::{amounts, replaced_texts};
pub(super) use runs::text_of;
use runs::{Cursor, Piece, floor_char, pieces, text_run};

/// Who Word says made the changes.
const AUTHOR: &str = "plan";

/// A deleted and an inserted paragraph sharing at least this share of their words are one
/// changed paragraph (then compared sentence by sentence): less than for a sentence, as a
/// paragraph keeps its place while one of its sentences is rewritten or dropped.
const SAME_PARAGRAPH: f32 = 0.3;

/// A paragraph as written: its style and its text as shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Recorded {
    pub style: Option<String>,
    pub text: String,
}

/// A tree's paragraphs and tables as written: what the comparison compares.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Recording {
    pub paragraphs: Vec<Recorded>,
    /// Each table's rows, each row its cells' texts.
    pub tables: Vec<Vec<Vec<String>>>,
}

/// What became of the earlier version's paragraphs, paragraph by paragraph of the new one,
/// and of its tables, table by table.
#[derive(Debug, Default)]
pub(super) struct DocPlan {
    steps: Vec<Step>,
    /// The earlier paragraphs deleted after the last one.
    end: Vec<Recorded>,
    /// Each new table's rows against its earlier version's (`None`: as it was).
    tables: Vec<Option<TablePlan>>,
}

/// What became of a table's earlier rows, row by row of the new one.
#[derive(Debug, Default, Clone)]
pub(super) struct TablePlan {
    rows: Vec<RowStep>,
    /// The earlier rows deleted after the last one.
    end: Vec<Vec<String>>,
}

#[derive(Debug, Clone)]
struct RowStep {
    /// The earlier rows deleted just before this one.
    before: Vec<Vec<String>>,
    now: RowNow,
}

#[derive(Debug, Clone)]
enum RowNow {
    Same,
    /// Changed from these earlier cells.
    Changed(Vec<String>),
    Inserted,
}

#[derive(Debug)]
struct Step {
    /// The earlier paragraphs deleted just before this one.
    before: Vec<Recorded>,
    now: Now,
}

#[derive(Debug)]
enum Now {
    Same,
    /// Changed from this earlier text.
    Changed(String),
    Inserted,
}

/// What the writer of the comparison edition consults.
#[derive(Debug)]
pub(super) struct Revisions {
    /// Titles, names and amounts: the new text, and the one earlier text it replaces.
    runs: HashMap<String, String>,
    /// Each document tree's plan, by the tree's address.
    docs: HashMap<usize, DocPlan>,
    /// The changes' date, as the edition's (`crate::time::timestamp`).
    date: String,
    /// The plan's language (where sentences end).
    language: Language,
    /// The tree written now and how many of its paragraphs and tables were written.
    current: Option<usize>,
    written: usize,
    tables_written: usize,
}

/// What the writer does with a paragraph it is writing.
pub(super) struct Revised {
    /// Its runs, with the changes in them.
    pub content: String,
    /// Earlier paragraphs deleted before it, written.
    pub deleted: String,
    /// Whether the paragraph itself is new (its mark is tracked as inserted).
    pub inserted: bool,
}

/// The address of a tree: its key in [`Revisions::docs`].
pub(super) fn key<T>(doc: &T) -> usize {
    std::ptr::from_ref(doc) as usize
}

impl Revisions {
    /// The revisions of a comparison dated `date` (`2021-11-30T00:00:00Z`): titles, names
    /// and amounts from `diff`, the amounts only where the new plan (`plan`, `ledger`)
    /// writes that amount nowhere else; the trees' plans are added with [`Revisions::add`].
    pub(super) fn new(diff: &PlanDiff, plan: &Plan, ledger: &Ledger, date: String) -> Revisions {
        Revisions {
            runs: replaced_texts(diff, &amounts(plan, ledger)),
            date,
            language: diff.language,
            docs: HashMap::new(),
            current: None,
            written: 0,
            tables_written: 0,
        }
    }

    /// Compares a tree written now (`new`) with its earlier version's (`old`; `None`: it
    /// is new).
    pub(super) fn add(&mut self, key: usize, old: Option<&Recording>, new: &Recording) {
        let empty = Recording::default();
        let plan = match old {
            Some(old) if old == new => return,
            Some(old) => {
                let mut plan = align(&old.paragraphs, &new.paragraphs);
                plan.tables = tables(&old.tables, &new.tables);
                plan
            }
            None => {
                let mut plan = align(&[], &new.paragraphs);
                plan.tables = tables(&empty.tables, &new.tables);
                plan
            }
        };
        self.docs.insert(key, plan);
    }

    /// The plan of the next table of the tree written now, if it changed.
    pub(super) fn table(&mut self) -> Option<TablePlan> {
        let key = self.current?;
        let index = self.tables_written;
        self.tables_written += 1;
        self.docs.get(&key)?.tables.get(index)?.clone()
    }

    /// A table's rows with its changes: cells changed word by word, rows inserted, the
    /// earlier rows deleted where they stood; and each row's mark (`w:ins`, `w:del`), to go
    /// in its properties.
    pub(super) fn rows(
        &self,
        plan: &TablePlan,
        rows: Vec<Row>,
        ids: &mut u32,
    ) -> (Vec<Row>, Vec<Option<String>>) {
        let mut out = Vec::new();
        let mut marks = Vec::new();
        let deleted = |cells: &[String],
                       out: &mut Vec<Row>,
                       marks: &mut Vec<Option<String>>,
                       ids: &mut u32| {
            let cells = cells
                .iter()
                .map(|text| Cell::of(self.wrap("del", "", text, ids)))
                .collect();
            out.push(Row::new(RowKind::Body, cells));
            marks.push(Some(self.mark("del", ids)));
        };
        for (j, mut row) in rows.into_iter().enumerate() {
            let step = plan.rows.get(j);
            for cells in step.map_or(&[][..], |s| s.before.as_slice()) {
                deleted(cells, &mut out, &mut marks, ids);
            }
            let mark = match step.map(|s| &s.now) {
                None | Some(RowNow::Same) => None,
                Some(RowNow::Changed(old)) => {
                    for (c, cell) in row.cells.iter_mut().enumerate() {
                        let new = text_of(&cell.runs);
                        let old = old.get(c).map_or("", String::as_str);
                        if old != new {
                            cell.runs =
                                self.track(&cell.runs, &compare(old, &new, self.language), ids);
                        }
                    }
                    None
                }
                Some(RowNow::Inserted) => {
                    for cell in &mut row.cells {
                        let new = text_of(&cell.runs);
                        let inserted = [Segment {
                            op: Op::Insert,
                            text: new,
                        }];
                        cell.runs = self.track(&cell.runs, &inserted, ids);
                    }
                    Some(self.mark("ins", ids))
                }
            };
            out.push(row);
            marks.push(mark);
        }
        for cells in &plan.end {
            deleted(cells, &mut out, &mut marks, ids);
        }
        (out, marks)
    }

    /// Starts writing the tree at `key`.
    pub(super) fn begin(&mut self, key: usize) {
        self.current = Some(key);
        self.written = 0;
        self.tables_written = 0;
    }

    /// Ends the tree written now: the earlier paragraphs deleted after its last one.
    pub(super) fn finish(&mut self, ids: &mut u32) -> String {
        let Some(key) = self.current.take() else {
            return String::new();
        };
        let end = self
            .docs
            .get(&key)
            .map(|p| p.end.clone())
            .unwrap_or_default();
        end.iter().map(|old| self.deleted(old, ids)).collect()
    }

    /// The next paragraph of the tree written now, its runs `content`.
    pub(super) fn paragraph(&mut self, content: String, ids: &mut u32) -> Revised {
        let unchanged = |content| Revised {
            content,
            deleted: String::new(),
            inserted: false,
        };
        let Some(key) = self.current else {
            return unchanged(content);
        };
        let index = self.written;
        self.written += 1;
        let Some(step) = self.docs.get(&key).and_then(|p| p.steps.get(index)) else {
            return unchanged(content);
        };
        let before: Vec<Recorded> = step.before.clone();
        let now = match &step.now {
            Now::Same => None,
            Now::Changed(old) => Some((old.clone(), false)),
            Now::Inserted => Some((String::new(), true)),
        };
        let deleted = before.iter().map(|old| self.deleted(old, ids)).collect();
        let (content, inserted) = match now {
            None => (content, false),
            Some((old, inserted)) => {
                let new = text_of(&content);
                (
                    self.track(&content, &compare(&old, &new, self.language), ids),
                    inserted,
                )
            }
        };
        Revised {
            content,
            deleted,
            inserted,
        }
    }

    /// A title, name or amount as runs: word by word against the earlier text it replaced,
    /// when it replaced one; `None` when it is as it was.
    pub(super) fn runs(&self, raw: &str, shown: &str, run: &str, ids: &mut u32) -> Option<String> {
        let old = self.runs.get(raw)?;
        let old = crate::writers::typst::escape::Quotes::default().typeset_text(old, self.language);
        Some(self.track(run, &words(&old, shown), ids))
    }

    /// A paragraph's XML with its mark tracked as inserted.
    pub(super) fn inserted_mark(&self, paragraph: &str, ids: &mut u32) -> String {
        let mark = format!("<w:rPr>{}</w:rPr>", self.mark("ins", ids));
        if let Some(at) = paragraph.find("</w:pPr>") {
            format!("{}{mark}{}", &paragraph[..at], &paragraph[at..])
        } else {
            paragraph.replacen("<w:p>", &format!("<w:p><w:pPr>{mark}</w:pPr>"), 1)
        }
    }

    /// An empty `<w:ins …/>` or `<w:del …/>` (a paragraph mark's).
    fn mark(&self, tag: &str, ids: &mut u32) -> String {
        format!("<w:{tag} {}/>", self.attributes(ids))
    }

    fn attributes(&self, ids: &mut u32) -> String {
        let id = *ids;
        *ids += 1;
        format!(
            "w:id=\"{id}\" w:author=\"{AUTHOR}\" w:date=\"{}\"",
            self.date
        )
    }

    /// An earlier paragraph, deleted: its text and its mark.
    fn deleted(&self, old: &Recorded, ids: &mut u32) -> String {
        let style = old.style.as_deref().map_or_else(String::new, |s| {
            format!("<w:pStyle w:val=\"{}\"/>", escape(s))
        });
        let mark = self.mark("del", ids);
        let runs = self.wrap("del", "", &old.text, ids);
        format!("<w:p><w:pPr>{style}<w:rPr>{mark}</w:rPr></w:pPr>{runs}</w:p>")
    }

    /// Text as a run of look `properties` (`<w:rPr>…</w:rPr>` or nothing) inside
    /// `<w:ins>` or `<w:del>`; a deleted text is `w:delText`.
    fn wrap(&self, tag: &str, properties: &str, text: &str, ids: &mut u32) -> String {
        if text.is_empty() {
            return String::new();
        }
        let attributes = self.attributes(ids);
        format!(
            "<w:{tag} {attributes}>{}</w:{tag}>",
            text_run(properties, text, tag == "del")
        )
    }

    /// Runs (`content`, as the writer wrote them) with the changes `segments` made in
    /// them: the equal and inserted segments' text is the runs' text.
    fn track(&self, content: &str, segments: &[Segment], ids: &mut u32) -> String {
        let mut cursor = Cursor {
            segments,
            at: 0,
            offset: 0,
        };
        let mut out = String::new();
        let mut last = String::new();
        for piece in pieces(content) {
            match piece {
                Piece::Other(xml) => out.push_str(xml),
                Piece::Opaque { properties, inner } => {
                    out.push_str(&format!("<w:r>{properties}{inner}</w:r>"));
                }
                Piece::Text { properties, text } => {
                    let mut rest = text.as_str();
                    while !rest.is_empty() {
                        for gone in cursor.deletions() {
                            out.push_str(&self.wrap("del", properties, gone, ids));
                        }
                        let Some((op, n)) = cursor.take(rest.len()) else {
                            // The comparison ran out (it cannot, the texts being the
                            // same): the rest as it is.
                            out.push_str(&text_run(properties, rest, false));
                            break;
                        };
                        let n = floor_char(rest, n);
                        let (this, after) = rest.split_at(n.max(1).min(rest.len()));
                        if op == Op::Insert {
                            out.push_str(&self.wrap("ins", properties, this, ids));
                        } else {
                            out.push_str(&text_run(properties, this, false));
                        }
                        rest = after;
                    }
                    last = properties.to_string();
                }
            }
        }
        for gone in cursor.deletions() {
            out.push_str(&self.wrap("del", &last, gone, ids));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::align::{align, compare, rows};
    use super::*;
    use crate::diff::Change;

    fn revisions() -> Revisions {
        Revisions {
            runs: HashMap::from([("Clean air".to_string(), "Fresh air".to_string())]),
            docs: HashMap::new(),
            date: "2021-11-30T00:00:00Z".into(),
            language: Language::En,
            current: None,
            written: 0,
            tables_written: 0,
        }
    }

    #[test]
    fn changed_words_are_split_out_of_their_runs_keeping_their_look() {
        let content = "<w:r><w:t xml:space=\"preserve\">Planas rengiamas </w:t></w:r>\
                       <w:r><w:rPr><w:b/><w:bCs/></w:rPr><w:t xml:space=\"preserve\">dešimčiai</w:t></w:r>\
                       <w:r><w:t xml:space=\"preserve\"> metų.</w:t></w:r>";
        let segments = words("Planas rengiamas penkeriems metams.", &text_of(content));
        let mut ids = 1;
        let out = revisions().track(content, &segments, &mut ids);
        assert_eq!(
            text_of(&out.replace("w:delText", "w:skip")),
            "Planas rengiamas dešimčiai metų."
        );
        assert!(out.contains("<w:ins w:id=\"2\" w:author=\"plan\" w:date=\"2021-11-30T00:00:00Z\"><w:r><w:rPr><w:b/><w:bCs/></w:rPr><w:t xml:space=\"preserve\">dešimčiai</w:t></w:r></w:ins>"), "{out}");
        assert!(
            out.contains("<w:delText xml:space=\"preserve\">penkeriems</w:delText>"),
            "{out}"
        );
        assert!(
            out.starts_with("<w:r><w:t xml:space=\"preserve\">Planas rengiamas </w:t></w:r>"),
            "{out}"
        );
    }

    #[test]
    fn paragraphs_are_aligned_changed_deleted_and_inserted() {
        let p = |t: &str| Recorded {
            style: None,
            text: t.into(),
        };
        let old = [
            p("Pirmas sakinys lieka."),
            p("Antras sakinys keičiamas šiek tiek."),
            p("Trečias dingsta visai."),
        ];
        let new = [
            p("Pirmas sakinys lieka."),
            p("Antras sakinys keičiamas gerokai."),
            p("Visai kitas naujas tekstas apie biudžetą."),
        ];
        let plan = align(&old, &new);
        assert!(
            matches!(&plan.steps[1].now, Now::Changed(old) if old == "Antras sakinys keičiamas šiek tiek.")
        );
        let kinds: Vec<&str> = plan
            .steps
            .iter()
            .map(|s| match s.now {
                Now::Same => "same",
                Now::Changed(_) => "changed",
                Now::Inserted => "inserted",
            })
            .collect();
        assert_eq!(kinds, ["same", "changed", "inserted"]);
        assert_eq!(plan.steps[2].before, [p("Trečias dingsta visai.")]);
        assert!(plan.end.is_empty());
    }

    #[test]
    fn a_table_row_deleted_is_a_deleted_row_where_it_stood() {
        let cells = |row: &[&str]| row.iter().map(|c| c.to_string()).collect::<Vec<_>>();
        let old = vec![
            cells(&["Centras", "5 200"]),
            cells(&["Šiaurė", "4 100"]),
            cells(&["Pietūs", "3 100"]),
        ];
        let new = vec![cells(&["Centras", "5 200"]), cells(&["Pietūs", "3 100"])];
        let plan = rows(&old, &new);
        let grid_rows = new
            .iter()
            .map(|r| {
                Row::new(
                    RowKind::Body,
                    r.iter()
                        .map(|c| Cell::of(crate::writers::docx::xml::run(c, Default::default())))
                        .collect(),
                )
            })
            .collect();
        let mut ids = 1;
        let (written, marks) = revisions().rows(&plan, grid_rows, &mut ids);
        assert_eq!(written.len(), 3);
        assert!(marks[0].is_none() && marks[2].is_none(), "{marks:?}");
        assert!(
            marks[1]
                .as_deref()
                .is_some_and(|m| m.starts_with("<w:del ")),
            "{marks:?}"
        );
        assert!(
            written[1].cells[0]
                .runs
                .contains("<w:delText xml:space=\"preserve\">Šiaurė</w:delText>")
        );
        let xml = "<w:tr><w:trPr><w:cantSplit/></w:trPr></w:tr>".repeat(3);
        let marked = mark_rows(&xml, &marks);
        assert_eq!(marked.matches("<w:del ").count(), 1);
        assert!(marked.contains("<w:cantSplit/><w:del "), "{marked}");
    }

    #[test]
    fn a_paragraph_is_compared_sentence_by_sentence_keeping_its_spaces() {
        let old = "The plan grows. It was prepared by many people together.";
        let new = "The plan grows and changes.  A wholly new sentence here.";
        let segments = compare(old, new, Language::En);
        let kept: String = segments
            .iter()
            .filter(|s| s.op != Op::Delete)
            .map(|s| s.text.as_str())
            .collect();
        assert_eq!(kept, new);
        let deleted: Vec<&str> = segments
            .iter()
            .filter(|s| s.op == Op::Delete)
            .map(|s| s.text.trim())
            .collect();
        assert_eq!(
            deleted,
            ["grows.", "It was prepared by many people together."]
        );
    }

    fn diff() -> PlanDiff {
        use crate::diff::{Amount, FundingChange, ItemChange, Kind};
        let amount = |text: &str| Amount {
            value: 0.0,
            text: text.into(),
        };
        let title = |id: &str, old: &str, new: &str| ItemChange {
            kind: Kind::Measure,
            id: id.into(),
            old_number: None,
            new_number: None,
            title: new.into(),
            changes: vec![Change::Title {
                old: old.into(),
                new: new.into(),
                words: words(old, new),
            }],
        };
        let funding = |id: &str, old: &str, new: &str| FundingChange {
            kind: Kind::Measure,
            id: Some(id.into()),
            number: None,
            title: String::new(),
            sources: Vec::new(),
            old_total: amount(old),
            new_total: amount(new),
            delta: amount(""),
        };
        PlanDiff {
            old: "HEAD~1".into(),
            new: String::new(),
            old_name: "version 1.0 of 1 March 2021".into(),
            new_name: "version 1.1 of 1 April 2021".into(),
            language: Language::En,
            money_unit: "EUR".into(),
            plan: Vec::new(),
            items: vec![
                title("a", "Fresh air", "Clean air"),
                title("b", "Safe water", "Water for all"),
                title("c", "Clean water", "Water for all"),
            ],
            funding: vec![
                funding("a", "1,000.00", "1,200.00"),
                funding("b", "500.00", "700.00"),
            ],
            indicators: Vec::new(),
            monitoring: Vec::new(),
            data: Vec::new(),
            chapters: Vec::new(),
        }
    }

    #[test]
    fn only_texts_that_replaced_one_earlier_text_alone_are_marked() {
        // 700.00 is also another item's amount, unchanged: it is not marked anywhere.
        let amounts = HashMap::from([("1,200.00".to_string(), 1), ("700.00".to_string(), 2)]);
        let runs = replaced_texts(&diff(), &amounts);
        assert_eq!(runs.get("Clean air").map(String::as_str), Some("Fresh air"));
        assert_eq!(runs.get("1,200.00").map(String::as_str), Some("1,000.00"));
        assert!(!runs.contains_key("700.00"), "{runs:?}");
        // Two titles became the same: which one a cell held is not known.
        assert!(!runs.contains_key("Water for all"), "{runs:?}");
        assert_eq!(runs.len(), 2, "{runs:?}");
    }

    #[test]
    fn a_changed_title_is_its_earlier_words_deleted_and_new_ones_inserted() {
        let mut ids = 7;
        let r = revisions();
        let plain = "<w:r><w:t xml:space=\"preserve\">Clean air</w:t></w:r>";
        let out = r
            .runs("Clean air", "Clean air", plain, &mut ids)
            .expect("tracked");
        assert!(
            out.contains("<w:delText xml:space=\"preserve\">Fresh</w:delText>"),
            "{out}"
        );
        assert!(
            out.contains("<w:t xml:space=\"preserve\">Clean</w:t></w:r></w:ins>"),
            "{out}"
        );
        assert!(
            out.ends_with("<w:r><w:t xml:space=\"preserve\"> air</w:t></w:r>"),
            "{out}"
        );
        assert_eq!(ids, 9);
        assert!(r.runs("Fresh air", "Fresh air", plain, &mut ids).is_none());
    }
}
