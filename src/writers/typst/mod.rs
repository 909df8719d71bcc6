//! The typst writer: the understood tree → typst markup. Every piece of text is escaped, so
//! nothing a user writes can reach typst as code; structure becomes typst function calls,
//! and the look of each construct lives in `templates/markdown.typ` (imported as `md`).
//! Where each piece of markup came from is noted (`map.rs`), so that typst's problems are
//! reported at the user's line.

pub(crate) mod escape;
mod map;
mod plan;

use std::collections::HashMap;

pub(crate) use map::SourceMap;
pub(crate) use plan::{Chapter, Rendered, render};

use crate::diag::Span;
use crate::understand::tree::{
    Align, Block, BlockKind, Doc, Figure as FigureBlock, Inline, InlineKind, Item, List, Place,
    Row, Size, Table, Width,
};

mod chart;
pub(crate) mod columns;
use crate::understand::{LabelKind, Origin};
use columns::{columns, fr, numeric_column};

/// The line every generated markup file starts with: Markdown's look, the templates'
/// `markdown.typ` (a plan's own copy over the built-in one, see [`crate::typeset`]).
pub(crate) const PRELUDE: &str = "#import \"/templates/markdown.typ\" as md\n";

/// What the contents and the lists of figures and tables need to know of a chapter
/// before layout: its headings and its captioned figures and tables, in order.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Outline {
    pub headings: Vec<Heading>,
    pub figures: Vec<Figure>,
}

/// A chapter heading: its level, its title as markup, and its `{#id}`.
#[derive(Debug, Clone, PartialEq)]
pub struct Heading {
    pub level: u8,
    pub title: String,
    pub id: Option<String>,
}

/// A captioned figure (a picture) or table of a chapter, with its caption as markup.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub table: bool,
    pub caption: String,
}

/// A tree written as markup (without the prelude), with its outline and, for a chapter,
/// where each piece of the markup came from.
///
/// A chapter's headings are numbered by the document that includes it: its markup reads
/// each heading's level and number from `levels` and `numbers` (the K-th heading:
/// `numbers.at(K)`) and the numbers of headings it references from `refs` (by id), both
/// defined per document in front of the markup (see `typeset::outline`). Numbers known
/// before layout spare typst a layout pass. Text blocks from TOML leave numbering to typst.
pub(crate) struct Written {
    pub markup: String,
    pub outline: Outline,
    pub map: SourceMap,
}

/// Writes a tree as markup; `pictures` gives the virtual path of each picture that can be
/// shown (one that cannot, reported already, is left out).
pub(crate) fn write(doc: &Doc, origin: &Origin, pictures: &HashMap<String, String>) -> Written {
    let mut writer = Writer::new(origin, pictures);
    for note in &doc.notes {
        writer.note(note);
    }
    writer.blocks(&doc.blocks);
    Written {
        markup: writer.out.trim_end().to_string(),
        outline: writer.outline,
        map: writer.map,
    }
}

/// A footnote definition, written.
struct Footnote {
    name: String,
    /// The note's markup.
    body: String,
    /// Where the note's markup came from.
    map: SourceMap,
    /// How many references the text makes to it.
    references: u32,
    /// Whether the note has been placed (at its first reference).
    placed: bool,
}

struct Writer<'t> {
    /// Whether this is a chapter, whose headings the document numbers (see [`Written`]).
    chapter: bool,
    pictures: &'t HashMap<String, String>,
    out: String,
    /// Footnote definitions, written up front and placed at their first reference.
    footnotes: Vec<Footnote>,
    /// What makes the labels of this text's footnotes unique in a document.
    note_prefix: String,
    /// The smart quotes of the paragraph being written.
    quotes: escape::Quotes,
    /// A chapter's headings and captioned figures and tables so far.
    outline: Outline,
    /// Where the markup written so far came from (chapters only).
    map: SourceMap,
}

impl<'t> Writer<'t> {
    fn new(origin: &Origin, pictures: &'t HashMap<String, String>) -> Self {
        let note_prefix = match origin {
            Origin::File(file) => format!("note-{file}"),
            Origin::Embedded(span) => format!("note-{}-{}", span.file, span.range.start),
        };
        Self {
            chapter: matches!(origin, Origin::File(_)),
            pictures,
            out: String::new(),
            footnotes: Vec::new(),
            note_prefix,
            quotes: escape::Quotes::default(),
            outline: Outline::default(),
            map: SourceMap::default(),
        }
    }

    /// Notes that what is written next is written for `span` (in a chapter: a text from
    /// TOML is one span anyway).
    fn mark(&mut self, span: &Span) {
        if self.chapter {
            self.map.note(self.out.len(), span.clone());
        }
    }

    /// Writes a footnote definition up front, so that its first reference can place it.
    fn note(&mut self, note: &crate::understand::tree::Note) {
        let saved = std::mem::take(&mut self.out);
        let saved_map = std::mem::take(&mut self.map);
        self.blocks(&note.blocks);
        let body = std::mem::replace(&mut self.out, saved);
        let map = std::mem::replace(&mut self.map, saved_map);
        self.footnotes.push(Footnote {
            name: note.name.clone(),
            body: body.trim_end().to_string(),
            map,
            references: note.references,
            placed: false,
        });
    }

    fn blocks(&mut self, blocks: &[Block]) {
        let mut i = 0;
        while i < blocks.len() {
            // What leads in to a table on landscape pages (its section's headings, a
            // paragraph "… lentelėje:") goes onto its first page, never left alone at the
            // foot of the portrait page before it.
            let lead = leads_to_landscape(&blocks[i..]);
            if lead > 0
                && let BlockKind::Table(table) = &blocks[i + lead].kind
            {
                self.table(table, Some(&blocks[i..i + lead]));
                i += lead + 1;
                continue;
            }
            self.block(&blocks[i]);
            i += 1;
        }
    }

    /// Blocks as a `[...]` block.
    fn bracketed_blocks(&mut self, blocks: &[Block]) {
        self.out.push('[');
        let start = self.out.len();
        self.blocks(blocks);
        let trimmed = self.out[start..].trim_end().len();
        self.out.truncate(start + trimmed);
        self.out.push(']');
    }

    /// Inlines as a `[...]` block.
    fn bracketed(&mut self, inlines: &[Inline]) {
        self.out.push('[');
        self.inlines(inlines);
        self.out.push(']');
    }

    fn block(&mut self, block: &Block) {
        // A captioned table starts with its caption, quoted afresh.
        if !matches!(&block.kind, BlockKind::Table(t) if t.caption.is_some()) {
            self.mark(&block.span);
            // Every block starts a paragraph of its own, quoted afresh.
            self.quotes = escape::Quotes::default();
        }
        match &block.kind {
            BlockKind::Paragraph { inlines, lead_in } => {
                if *lead_in {
                    self.out.push_str("#md.lead-in[");
                    self.inlines(inlines);
                    self.out.push(']');
                } else {
                    self.inlines(inlines);
                }
                self.out.push_str("\n\n");
            }
            BlockKind::Figure(figure) => {
                self.figure(figure);
                self.out.push_str("\n\n");
            }
            BlockKind::Chart(chart) => {
                self.chart(chart);
                self.out.push_str("\n\n");
            }
            BlockKind::Heading { level, id, inlines } => {
                self.heading(*level, id.as_deref(), inlines)
            }
            BlockKind::Quote(blocks) => {
                self.out.push_str("#md.quote");
                self.bracketed_blocks(blocks);
                self.out.push_str("\n\n");
            }
            BlockKind::List(list) => self.list(list),
            BlockKind::Code { lang, literal } => {
                self.out.push_str("#md.code(raw(block: true, ");
                if let Some(lang) = lang {
                    self.out
                        .push_str(&format!("lang: {}, ", escape::string(lang)));
                }
                self.out.push_str(&escape::string(&literal.text));
                self.out.push_str("))\n\n");
            }
            BlockKind::Rule => self.out.push_str("#md.thematic-break()\n\n"),
            BlockKind::Html(html) => {
                self.out.push_str(&escape::markup(&html.text));
                self.out.push_str("\n\n");
            }
            BlockKind::Table(table) => self.table(table, None),
        }
    }

    fn heading(&mut self, level: u8, id: Option<&str>, inlines: &[Inline]) {
        if self.chapter {
            let k = self.outline.headings.len();
            self.out.push_str(&format!(
                "#heading(level: levels.at({k}), numbering: numbers.at({k}))["
            ));
        } else {
            self.out.push_str(&format!("#heading(level: {level})["));
        }
        let start = self.out.len();
        self.inlines(inlines);
        if self.chapter {
            self.outline.headings.push(Heading {
                level,
                title: self.out[start..].to_string(),
                id: id.map(str::to_string),
            });
        }
        self.out.push(']');
        self.label(id);
        self.out.push_str("\n\n");
    }

    fn list(&mut self, list: &List) {
        match list.start {
            None => self.out.push_str("#md.list("),
            Some(start) => self.out.push_str(&format!("#md.enum(start: {start}, ")),
        }
        self.out.push_str(&format!("tight: {}", list.tight));
        for item in &list.items {
            self.out.push_str(", ");
            self.list_item(item);
        }
        self.out.push_str(")\n\n");
    }

    fn list_item(&mut self, item: &Item) {
        self.out.push('[');
        if let Some(done) = item.task {
            self.out.push_str(&format!("#md.task({done}) "));
        }
        let start = self.out.len();
        self.blocks(&item.blocks);
        let trimmed = self.out[start..].trim_end().len();
        self.out.truncate(start + trimmed);
        self.out.push(']');
    }

    /// Notes the caption written since `start` for the lists of figures and tables.
    fn listed(&mut self, table: bool, start: usize) {
        if self.chapter {
            let caption = self.out[start..].to_string();
            self.outline.figures.push(Figure { table, caption });
        }
    }

    /// ` #label("id")` after an element, when it has an id.
    fn label(&mut self, id: Option<&str>) {
        if let Some(id) = id {
            self.out
                .push_str(&format!(" #label({})", escape::string(id)));
        }
    }

    /// A numbered figure: the picture, its description as the caption.
    fn figure(&mut self, figure: &FigureBlock) {
        let Some(path) = self.pictures.get(&figure.picture.key()) else {
            return;
        };
        // Only what the attributes ask for, so that other figures' markup stays as it was.
        let width = match figure.width {
            None => String::new(),
            Some(Width::Percent(p)) => format!("width: {}%, ", fr(p)),
            Some(Width::Mm(mm)) => format!("width: {}mm, ", fr(mm)),
        };
        let place = match figure.place {
            Place::Left => "place: left, ",
            Place::Center => "",
            Place::Right => "place: right, ",
        };
        self.out.push_str(&format!(
            "#md.figure-image({}, alt: {}, closing: {}, {width}{place}caption: ",
            escape::string(path),
            escape::string(&figure.picture.alt),
            figure.closing,
        ));
        let start = self.out.len();
        self.bracketed(&figure.caption);
        self.listed(false, start);
        if let Some(id) = &figure.id {
            self.out
                .push_str(&format!(", label: {}", escape::string(id)));
        }
        self.out.push(')');
    }

    /// A GFM table, captioned and numbered when a `Table:` paragraph goes with it. Its
    /// columns are as wide as their content asks (see [`columns`]) unless its caption
    /// gives `widths`; a column of numbers is set flush right unless the alignment row
    /// says otherwise; rows go as arrays, so that the template can keep each whole and
    /// the first and last two together.
    ///
    /// A table from a dataset has its source line under it and may end with a total row
    /// (bold); `lead` is what leads in to a landscape table, set on its first page.
    fn table(&mut self, table: &Table, lead: Option<&[Block]>) {
        let count = table.alignments.len().max(1);
        let numbers: Vec<bool> = (0..count).map(|c| numeric_column(table, c)).collect();
        let align: Vec<&str> = (0..count)
            .map(
                |c| match table.alignments.get(c).copied().unwrap_or(Align::None) {
                    Align::Right => "right",
                    Align::Center => "center",
                    Align::Left => "left",
                    Align::None if numbers[c] => "right",
                    Align::None => "left",
                },
            )
            .collect();
        let widths = match &table.look.widths {
            Some(widths) => widths.clone(),
            None => columns(table, &numbers, table.look.landscape),
        };
        let widths: Vec<String> = widths.iter().map(|w| format!("{}fr", fr(*w))).collect();
        let size = match table.look.size {
            Size::Normal => "0",
            Size::Small => "1",
            Size::Smaller => "2",
        };
        // Rows under the header: the template keeps a small table on one page.
        let rows = table.body_rows();
        match &table.caption {
            Some(caption) => {
                self.quotes = escape::Quotes::default();
                self.out.push_str(&format!(
                    "#md.table-figure(rows: {rows}, landscape: {}, ",
                    table.look.landscape
                ));
                if let Some(lead) = lead {
                    self.out.push_str("lead: ");
                    self.bracketed_blocks(lead);
                    self.out.push_str(", ");
                    self.quotes = escape::Quotes::default();
                }
                if let Some(id) = &caption.id {
                    self.out
                        .push_str(&format!("label: {}, ", escape::string(id)));
                }
                self.out.push_str("caption: ");
                let start = self.out.len();
                self.bracketed(&caption.inlines);
                self.listed(true, start);
                self.out
                    .push_str(&format!(", md.table(rows: {rows}, marked: false, "));
            }
            None => self.out.push_str(&format!("#md.table(rows: {rows}, ")),
        }
        self.out.push_str(&format!(
            "size: {size}, columns: ({},), align: ({},)",
            widths.join(", "),
            align.join(", ")
        ));
        if let Some(source) = &table.source {
            let source = escape::Quotes::default().markup_typeset(source);
            self.out.push_str(&format!(", source: [{source}]"));
        }
        let (header, body): (Vec<&Row>, Vec<&Row>) = table.rows.iter().partition(|r| r.header);
        if let Some(row) = header.first() {
            self.out.push_str(", header: ");
            self.row(row);
        }
        self.out.push_str(", body: (");
        for row in body {
            self.row(row);
            self.out.push_str(", ");
        }
        self.out.push_str("))");
        if table.caption.is_some() {
            self.out.push(')');
        }
        self.out.push_str("\n\n");
    }

    /// A table row as an array of cells.
    fn row(&mut self, row: &Row) {
        self.mark(&row.span);
        self.out.push('(');
        for cell in &row.cells {
            self.quotes = escape::Quotes::default();
            if row.total {
                self.out.push_str("strong");
            }
            self.bracketed(cell);
            self.out.push_str(", ");
        }
        self.out.push(')');
    }

    fn inlines(&mut self, inlines: &[Inline]) {
        for inline in inlines {
            self.inline(inline);
        }
    }

    fn inline(&mut self, inline: &Inline) {
        self.mark(&inline.span);
        match &inline.kind {
            InlineKind::Text(segments) => {
                // One run: escaping, quotes and the binding of numbers to their units
                // see the facts' values as the text around them.
                let plain: String = segments.iter().map(|s| s.text()).collect();
                let markup = self.quotes.markup_typeset(&plain);
                self.out.push_str(&markup);
            }
            InlineKind::SoftBreak => {
                self.out.push(' ');
                self.quotes.saw(' ');
            }
            InlineKind::LineBreak => {
                self.out.push_str("#linebreak()");
                self.quotes.saw('\n');
            }
            InlineKind::Code(code) => {
                self.out.push_str("#md.code(raw(");
                self.out.push_str(&escape::string(&code.text));
                self.out.push_str("))");
                code.text.chars().for_each(|c| self.quotes.saw(c));
            }
            InlineKind::Emph(content) => self.wrap("#emph", content),
            InlineKind::Strong(content) => self.wrap("#strong", content),
            InlineKind::Strike(content) => self.wrap("#strike", content),
            InlineKind::Link {
                url,
                content,
                shown,
            } => {
                self.out.push_str("#link(");
                self.out.push_str(&escape::string(url));
                self.out.push(')');
                match content {
                    Some(content) => self.bracketed(content),
                    None => {
                        let markup = self.quotes.markup(&shown.text);
                        self.out.push('[');
                        self.out.push_str(&markup);
                        self.out.push(']');
                    }
                }
            }
            InlineKind::Item {
                id,
                number,
                content,
            } => {
                self.out
                    .push_str(&format!("#md.item-ref({})", escape::string(id)));
                match content {
                    Some(content) => self.bracketed(content),
                    None => {
                        self.out.push_str(&format!("[{}]", escape::markup(number)));
                        number.chars().for_each(|c| self.quotes.saw(c));
                    }
                }
            }
            InlineKind::Label { id, kind, content } => {
                let target = escape::string(id);
                match content {
                    Some(content) => {
                        self.out.push_str(&format!("#md.item-ref({target})"));
                        self.bracketed(content);
                    }
                    None => {
                        // A chapter knows the numbers of the headings of its document.
                        if *kind == LabelKind::Heading && self.chapter {
                            self.out
                                .push_str(&format!("#md.number-ref({target}, known: refs)"));
                        } else {
                            self.out.push_str(&format!("#md.number-ref({target})"));
                        }
                        self.quotes.saw('1');
                    }
                }
            }
            InlineKind::Plain(content) => self.inlines(content),
            InlineKind::Picture(picture) => {
                if let Some(path) = self.pictures.get(&picture.key()) {
                    self.out.push_str(&format!(
                        "#md.inline-image({}, alt: {})",
                        escape::string(path),
                        escape::string(&picture.alt)
                    ));
                    self.quotes.saw('\u{FFFC}');
                }
            }
            InlineKind::Html(html) => {
                let markup = self.quotes.markup(&html.text);
                self.out.push_str(&markup);
            }
            InlineKind::Note(name) => self.footnote(name),
        }
    }

    fn wrap(&mut self, function: &str, content: &[Inline]) {
        self.out.push_str(function);
        self.bracketed(content);
    }

    /// A footnote: its text at the first reference, given a label when there are more
    /// references, which then print the same number, linked to the note. Notes are left
    /// out of outlines (see `md.note`).
    fn footnote(&mut self, name: &str) {
        // comrak makes a reference only when its definition exists.
        let Some(note) = self.footnotes.iter_mut().find(|n| n.name == name) else {
            return;
        };
        let label = escape::string(&format!("{}:{name}", self.note_prefix));
        if note.placed {
            self.out.push_str(&format!("#md.note-again({label})"));
        } else {
            note.placed = true;
            let (body, map) = (note.body.clone(), note.map.clone());
            if note.references > 1 {
                self.out.push_str(&format!("#md.note(label: {label})["));
            } else {
                self.out.push_str("#md.note[");
            }
            self.map.place(self.out.len(), &map);
            self.out.push_str(&body);
            self.out.push(']');
        }
        // The note's number, as typst sees it before what follows.
        self.quotes.saw('1');
    }
}

/// How many blocks at the start of `blocks` lead in to a captioned table on landscape
/// pages right after them: headings, then a lead-in paragraph; 0 when they do not.
fn leads_to_landscape(blocks: &[Block]) -> usize {
    let headings = blocks
        .iter()
        .take_while(|b| matches!(b.kind, BlockKind::Heading { .. }))
        .count();
    let lead_in = blocks
        .get(headings)
        .is_some_and(|b| matches!(b.kind, BlockKind::Paragraph { lead_in: true, .. }));
    let lead = headings + usize::from(lead_in);
    let landscape = blocks.get(lead).is_some_and(
        |b| matches!(&b.kind, BlockKind::Table(t) if t.look.landscape && t.caption.is_some()),
    );
    if landscape { lead } else { 0 }
}

#[cfg(test)]
mod tests;
