//! The plain-text writer: the understood tree as a reader reads it, block by block, for
//! `plan diff` to compare chapters sentence by sentence. Facts are filled in, references
//! show the item's number or the heading's, figure's or table's title in quotation marks
//! („Gyventojų skaičius“ pav.), a footnote follows the block that first refers to it, and
//! no markup is left; whitespace is collapsed.
//!
//! Titles, not numbers, for what a chapter defines: a chapter's heading, figure and table
//! numbers depend on the document that includes it, and figure numbers on the charts the
//! generated parts before it draw (known only once typst has laid them out). And a number
//! shifts with every figure or section added before it, so a comparison by numbers would
//! list every later sentence that refers to one as changed.

use std::collections::{BTreeMap, HashMap};

use crate::diag::{Diagnostics, Sources, Span};
use crate::understand::tree::{Block, BlockKind, Doc, Inline, InlineKind, Note};

/// One heading, paragraph, list item, table row, caption or footnote as a reader reads it:
/// facts filled in, references shown as their numbers/titles, no markup, whitespace
/// collapsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TextBlock {
    pub text: String,
    /// 1-based line in the chapter file.
    pub line: usize,
    /// Whether it is a heading's title (the blocks after it are under it).
    pub heading: bool,
}

/// Every chapter the plan's documents name, by its path as written in `parts`, as text
/// blocks in reading order. Needs no fonts, pictures or typesetting; problems are ignored
/// (diff compares versions as far as they read).
pub(crate) fn chapter_text(
    plan: &crate::model::Plan,
    numbers: &crate::number::Numbers,
    ledger: &crate::ledger::Ledger,
    sources: &Sources,
) -> BTreeMap<String, Vec<TextBlock>> {
    let mut ignored = Diagnostics::default();
    let docs = crate::understand::understand_chapters(plan, numbers, ledger, sources, &mut ignored);
    let titles = titles(docs.values(), plan.meta.language);
    docs.iter()
        .map(|(path, doc)| (path.clone(), text_blocks(doc, &titles, sources)))
        .collect()
}

/// The titles of the headings, figures and tables with an `{#id}` in these documents, in
/// the language's quotation marks, by id: what a reference without text of its own shows.
pub(crate) fn titles<'t>(
    docs: impl IntoIterator<Item = &'t Doc>,
    language: crate::model::Language,
) -> HashMap<String, String> {
    let none = HashMap::new();
    let mut found = HashMap::new();
    for doc in docs {
        doc.visit(&mut |visit| {
            let crate::understand::tree::Visit::Block(block) = visit else {
                return;
            };
            let (id, inlines) = match &block.kind {
                BlockKind::Heading {
                    id: Some(id),
                    inlines,
                    ..
                } => (id, inlines),
                BlockKind::Figure(figure) => match &figure.id {
                    Some(id) => (id, &figure.caption),
                    None => return,
                },
                BlockKind::Chart(chart) => match &chart.id {
                    Some(id) => (id, &chart.caption),
                    None => return,
                },
                BlockKind::Table(table) => match &table.caption {
                    Some(caption) => match &caption.id {
                        Some(id) => (id, &caption.inlines),
                        None => return,
                    },
                    None => return,
                },
                _ => return,
            };
            let mut text = String::new();
            // Titles refer to others only as far as those are known: no cycles.
            inline_text(inlines, &none, &mut text, &mut Vec::new());
            found.insert(
                id.clone(),
                crate::format::quoted(&collapse(&text), language),
            );
        });
    }
    found
}

/// A document's text blocks in reading order; `titles` gives what references to
/// Markdown-defined ids show (see [`titles`]).
pub(crate) fn text_blocks(
    doc: &Doc,
    titles: &HashMap<String, String>,
    sources: &Sources,
) -> Vec<TextBlock> {
    let mut writer = Writer {
        titles,
        sources,
        notes: &doc.notes,
        placed: Vec::new(),
        out: Vec::new(),
    };
    writer.blocks(&doc.blocks);
    writer.out
}

struct Writer<'t> {
    titles: &'t HashMap<String, String>,
    sources: &'t Sources,
    notes: &'t [Note],
    /// The footnotes already shown, by name.
    placed: Vec<&'t str>,
    out: Vec<TextBlock>,
}

impl<'t> Writer<'t> {
    fn blocks(&mut self, blocks: &'t [Block]) {
        for block in blocks {
            self.block(block);
        }
    }

    fn block(&mut self, block: &'t Block) {
        match &block.kind {
            BlockKind::Paragraph { inlines, .. } => self.line(&block.span, inlines, false),
            BlockKind::Heading { inlines, .. } => self.line(&block.span, inlines, true),
            BlockKind::Figure(figure) => self.line(&block.span, &figure.caption, false),
            // A chart as what it says: its caption, its values per series, its source.
            BlockKind::Chart(chart) => {
                self.line(&block.span, &chart.caption, false);
                for series in &chart.series {
                    let values: Vec<String> = chart
                        .categories
                        .iter()
                        .zip(&series.values)
                        .map(|(c, v)| format!("{c} {}", v.as_ref().map_or("–", |v| v.said())))
                        .collect();
                    let line = format!("{}: {}", series.name, values.join("; "));
                    self.push(&block.span, &line, false);
                }
                self.push(&block.span, &chart.source, false);
            }
            BlockKind::Quote(blocks) => self.blocks(blocks),
            BlockKind::List(list) => {
                for item in &list.items {
                    self.blocks(&item.blocks);
                }
            }
            BlockKind::Code { literal, .. } => self.push(&block.span, &literal.text, false),
            BlockKind::Html(html) => self.push(&block.span, &html.text, false),
            BlockKind::Rule => {}
            BlockKind::Table(table) => {
                if let Some(caption) = &table.caption {
                    self.line(&caption.span, &caption.inlines, false);
                }
                for row in &table.rows {
                    let mut text = String::new();
                    let mut notes = Vec::new();
                    for (i, cell) in row.cells.iter().enumerate() {
                        if i > 0 {
                            text.push_str(" | ");
                        }
                        inline_text(cell, self.titles, &mut text, &mut notes);
                    }
                    self.push(&row.span, &text, false);
                    self.notes(notes);
                }
                if let Some(source) = &table.source {
                    self.push(&block.span, source, false);
                }
            }
        }
    }

    /// One block of inline content (a heading's title when `heading`), then the footnotes
    /// it is the first to refer to.
    fn line(&mut self, span: &Span, inlines: &'t [Inline], heading: bool) {
        let mut text = String::new();
        let mut notes = Vec::new();
        inline_text(inlines, self.titles, &mut text, &mut notes);
        self.push(span, &text, heading);
        self.notes(notes);
    }

    /// Shows the footnotes of these names not shown yet.
    fn notes(&mut self, names: Vec<&'t str>) {
        for name in names {
            if self.placed.contains(&name) {
                continue;
            }
            self.placed.push(name);
            if let Some(note) = self.notes.iter().find(|n| n.name == name) {
                self.blocks(&note.blocks);
            }
        }
    }

    /// A text block, unless it is empty.
    fn push(&mut self, span: &Span, text: &str, heading: bool) {
        let text = collapse(text);
        if text.is_empty() {
            return;
        }
        let (line, _) = self.sources.line_column(span.file, span.range.start);
        self.out.push(TextBlock {
            text,
            line,
            heading,
        });
    }
}

/// The text of a chapter's first heading (at any depth of its top-level blocks' order).
pub(crate) fn first_heading(doc: &Doc) -> Option<String> {
    let mut found = None;
    doc.visit(&mut |visit| {
        if found.is_some() {
            return;
        }
        if let crate::understand::tree::Visit::Block(block) = visit
            && let crate::understand::tree::BlockKind::Heading { inlines, .. } = &block.kind
        {
            let mut out = String::new();
            inline_text(inlines, &HashMap::new(), &mut out, &mut Vec::new());
            found = Some(collapse(&out));
        }
    });
    found
}

/// Inline content as text, noting the footnotes it refers to.
fn inline_text<'t>(
    inlines: &'t [Inline],
    titles: &HashMap<String, String>,
    out: &mut String,
    notes: &mut Vec<&'t str>,
) {
    for inline in inlines {
        if let Some(content) = inline.kind.content() {
            inline_text(content, titles, out, notes);
            continue;
        }
        match &inline.kind {
            InlineKind::Text(segments) => segments.iter().for_each(|s| out.push_str(s.text())),
            InlineKind::SoftBreak | InlineKind::LineBreak => out.push(' '),
            InlineKind::Code(code) => out.push_str(&code.text),
            InlineKind::Html(html) => out.push_str(&html.text),
            InlineKind::Link { shown, .. } => out.push_str(&shown.text),
            InlineKind::Item { number, .. } => out.push_str(number),
            InlineKind::Label { id, .. } => match titles.get(id) {
                Some(title) => out.push_str(title),
                None => out.push_str(id),
            },
            InlineKind::Picture(picture) => out.push_str(&picture.alt),
            InlineKind::Note(name) => notes.push(name),
            // Shown by their content, above.
            InlineKind::Emph(_)
            | InlineKind::Strong(_)
            | InlineKind::Strike(_)
            | InlineKind::Plain(_) => {}
        }
    }
}

/// Text with every run of whitespace one space, and none at the ends.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text blocks of Markdown read as a chapter of the `basic` fixture plan (so
    /// facts and references resolve against real data).
    fn blocks(markdown: &str) -> Vec<TextBlock> {
        let mut diags = Diagnostics::default();
        let chapter = crate::understand::in_fixture(markdown, &mut diags);
        let titles = titles([&chapter.doc], chapter.checked.plan.meta.language);
        text_blocks(&chapter.doc, &titles, &chapter.sources)
    }

    /// [`blocks`] as `line: text` lines.
    fn read(markdown: &str) -> String {
        blocks(markdown)
            .iter()
            .map(|b| format!("{}: {}", b.line, b.text))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// What `plan diff` puts sentences under: ATX and setext headings, not a `#` in code
    /// or a `#word`.
    #[test]
    fn headings_are_marked_atx_and_setext() {
        let headings: Vec<usize> =
            blocks("# Įvadas\n\nTekstas.\n\nAntraštė\n========\n\n    # kodas\n#žyma")
                .iter()
                .filter(|b| b.heading)
                .map(|b| b.line)
                .collect();
        assert_eq!(headings, [1, 5]);
    }

    #[test]
    fn headings_and_paragraphs_lose_their_markup() {
        assert_eq!(
            read(
                "# Įvadas *dabar*\n\nPirma eilutė\nantra   **eilutė**.\n\n---\n\n## Kitas `kodas`\n"
            ),
            "1: Įvadas dabar\n3: Pirma eilutė antra eilutė.\n8: Kitas kodas"
        );
    }

    #[test]
    fn facts_are_filled_in() {
        assert_eq!(
            read(
                "Plane {{ count.measures }} priemonės, {{ funding.total }} {{ plan.money-unit }}; {{ count.measure }}.\n"
            ),
            "1: Plane 4 priemonės, 4,814.75 EUR thousand; ."
        );
    }

    #[test]
    fn references_show_numbers_and_titles() {
        assert_eq!(
            read(
                "## Šildymas *namuose* {#sildymas}\n\nŽr. [](#heat-pumps), [siurblius](#heat-pumps), [](#sildymas), [](#pav) ir [](#green); [svetainė](https://alytus.lt), <https://x.lt>.\n\n![Gyventojai](images/chart.png){#pav}\n"
            ),
            "1: Šildymas namuose\n3: Žr. 1.1.1, siurblius, “Šildymas namuose”, “Gyventojai” ir I; svetainė, https://x.lt.\n5: Gyventojai"
        );
    }

    #[test]
    fn footnotes_follow_the_block_that_first_refers_to_them() {
        assert_eq!(
            read(
                "Tekstas[^a] ir dar[^a].\n\n- punktas[^b]\n- kitas\n\n[^a]: Pirma\n    pastaba.\n[^b]: Antra.\n"
            ),
            "1: Tekstas ir dar.\n6: Pirma pastaba.\n3: punktas\n8: Antra.\n4: kitas"
        );
    }

    #[test]
    fn lists_give_one_block_per_item() {
        assert_eq!(
            read("Priemonės:\n\n1. pirma\n2. antra\n   - vidinė\n> Citata\n"),
            "1: Priemonės:\n3: pirma\n4: antra\n5: vidinė\n6: Citata"
        );
    }

    #[test]
    fn tables_give_their_caption_and_one_block_per_row() {
        assert_eq!(
            read(
                "| Metai | Suma |\n|---|--:|\n| 2020 | {{ count.measures }} |\n| 2021 | *5* |\n\nTable: Finansavimas {#fin}\n\nŽr. [](#fin).\n"
            ),
            "6: Finansavimas\n1: Metai | Suma\n3: 2020 | 4\n4: 2021 | 5\n8: Žr. “Finansavimas”."
        );
    }

    #[test]
    fn a_table_from_data_gives_its_rows_total_and_source_line() {
        let mut diags = Diagnostics::default();
        let chapter = crate::understand::in_fixture_plan(
            "data-tables",
            "Žr. [](#islaidos).\n\n![Išlaidos](data/biudzetas.toml){#islaidos .table columns=\"sritis|suma\" .total}\n",
            &mut diags,
        );
        assert!(diags.is_empty(), "{diags:?}");
        let titles = titles([&chapter.doc], chapter.checked.plan.meta.language);
        let text: Vec<String> = text_blocks(&chapter.doc, &titles, &chapter.sources)
            .iter()
            .map(|b| format!("{}: {}", b.line, b.text))
            .collect();
        assert_eq!(
            text.join("\n").replace('\u{a0}', " "),
            "1: Žr. „Išlaidos, tūkst. Eur“.\n3: Išlaidos, tūkst. Eur\n3: sritis | suma\n3: Švietimas | 12 345,25\n3: Socialinė apsauga | 8 000,50\n3: Kultūra | 654,25\n3: Iš viso | 21 000,00\n3: Šaltinis: Alytaus miesto savivaldybės administracija. Patvirtintas biudžetas."
        );
    }
}
