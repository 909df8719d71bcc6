//! The neutral document tree: what a chapter or a text from TOML says, with everything
//! Markdown leaves to be worked out already resolved (facts filled in, references to their
//! targets and numbers, figures and captioned tables with their ids, footnotes, heading
//! levels made consecutive) and every piece carrying the span it was written at. Writers
//! (typst markup, plain text) only lay it out.

use crate::diag::Span;

/// A chapter or a text, understood.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Doc {
    /// Footnote definitions in the order they are written; each is shown at its first
    /// reference ([`InlineKind::Note`]).
    pub notes: Vec<Note>,
    pub blocks: Vec<Block>,
    /// References to Markdown-defined ids (headings, figures, tables), with where they are
    /// written: their targets must be in the same document.
    pub label_refs: Vec<(String, Span)>,
}

/// A footnote definition.
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    pub name: String,
    pub blocks: Vec<Block>,
    /// How many references the text makes to it.
    pub references: u32,
}

/// A block and the span of its first line.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub span: Span,
    pub kind: BlockKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum BlockKind {
    /// A paragraph; `lead_in` when it stays on the page of what follows it (a lead-in
    /// ending with ":" before a list or table, or one of the paragraphs before a picture
    /// that ends the chapter).
    Paragraph {
        inlines: Vec<Inline>,
        lead_in: bool,
    },
    /// A heading at its level (made consecutive in a chapter, as written in a text from
    /// TOML), with its `{#id}`. A chapter's headings are numbered by the document that
    /// includes it: the K-th heading of a chapter (footnotes' first) has the K-th number.
    Heading {
        level: u8,
        id: Option<String>,
        inlines: Vec<Inline>,
    },
    Quote(Vec<Block>),
    List(List),
    Code {
        lang: Option<String>,
        literal: Written,
    },
    Rule,
    /// Raw HTML, shown as text (without its trailing whitespace).
    Html(Written),
    Table(Table),
    /// A paragraph that is just a picture: a numbered figure, its description the caption.
    Figure(Figure),
    /// A paragraph that is just a picture of a dataset's file with a chart's class: a
    /// numbered figure drawn from the data.
    Chart(Chart),
}

#[derive(Debug, Clone, PartialEq)]
pub struct List {
    /// The number of the first item of an ordered list; `None` for a bullet list.
    pub start: Option<usize>,
    pub tight: bool,
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// A task list item: whether it is done.
    pub task: Option<bool>,
    pub blocks: Vec<Block>,
}

/// A column's alignment as the table's alignment row writes it (`None` when it says
/// nothing, `|---|`: numbers then go right, text left).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    None,
    Left,
    Center,
    Right,
}

/// A GFM table, numbered when captioned.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub alignments: Vec<Align>,
    pub caption: Option<Caption>,
    /// What its caption's attributes ask for.
    pub look: TableLook,
    /// The header row first (when written), then the body rows.
    pub rows: Vec<Row>,
    /// Where its values come from, shown in small type under it (a table from a
    /// dataset: "Šaltinis: … Duomenys gauti …").
    pub source: Option<String>,
}

impl Table {
    /// The rows under the header.
    pub fn body_rows(&self) -> usize {
        self.rows.iter().filter(|r| !r.header).count()
    }
}

/// How a table is set, from its caption's attributes (`{#id .landscape .small
/// widths="3,1,1"}`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TableLook {
    /// On landscape page(s) of its own.
    pub landscape: bool,
    pub size: Size,
    /// Relative widths of the columns, one per column; else widths by content.
    pub widths: Option<Vec<f64>>,
}

/// A table's type size: the tables' own, one step or two steps smaller.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Size {
    #[default]
    Normal,
    Small,
    Smaller,
}

/// A table's `Table: …` caption paragraph, with its `{#id}`.
#[derive(Debug, Clone, PartialEq)]
pub struct Caption {
    pub span: Span,
    pub inlines: Vec<Inline>,
    pub id: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub span: Span,
    pub header: bool,
    /// A total row, set in bold (a table from a dataset with `.total`).
    pub total: bool,
    /// Each cell's content (empty when it is too long to set, which is reported).
    pub cells: Vec<Vec<Inline>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub picture: Picture,
    /// The picture's description with its inline Markdown.
    pub caption: Vec<Inline>,
    pub id: Option<String>,
    /// Whether it ends its chapter (no text after it could fill its page).
    pub closing: bool,
    /// Its width (`width=40%`, `width=80mm`); else its own, at most the text's.
    pub width: Option<Width>,
    /// Where it stands across the text (`.left`, `.center`, `.right`).
    pub place: Place,
}

/// A chart drawn from a dataset: everything worked out (values formatted in the plan's
/// language, the value axis with its ticks, the alternative text); a template only draws.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    pub kind: ChartKind,
    /// Bars across the page (`.hbars`; always for pyramids, shares and diverging bars).
    pub horizontal: bool,
    pub caption: Vec<Inline>,
    pub id: Option<String>,
    /// The categories along the category axis (years, age groups, questions), in order.
    pub categories: Vec<String>,
    pub series: Vec<Series>,
    pub axis: Axis,
    /// The dataset's unit, shown at the value axis.
    pub unit: Option<String>,
    /// The line under it: where the values come from.
    pub source: String,
    /// What screen readers speak: the caption and every value.
    pub alt: String,
    /// Whether it ends its chapter (see [`Figure::closing`]).
    pub closing: bool,
    pub width: Option<Width>,
    /// Its height in millimetres (`height=60mm`); else one that suits its kind.
    pub height: Option<f64>,
}

/// What a chart draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartKind {
    /// Bars, several series side by side (`.bars`, `.hbars`, `.grouped`).
    Bars,
    /// Bars, several series one on another (`.stacked`).
    Stacked,
    Lines,
    /// Two series mirrored about a middle axis, categories across (`.pyramid`).
    Pyramid,
    /// Each category one 100 % bar split by the series (`.shares`).
    Shares,
    /// Each category one bar of shares centred at zero between the negative and positive
    /// answers; a middle (neutral) series is split half each side (`.diverging`).
    Diverging,
}

impl ChartKind {
    /// Its name in the template.
    pub fn name(self) -> &'static str {
        match self {
            ChartKind::Bars => "bars",
            ChartKind::Stacked => "stacked",
            ChartKind::Lines => "lines",
            ChartKind::Pyramid => "pyramid",
            ChartKind::Shares => "shares",
            ChartKind::Diverging => "diverging",
        }
    }
}

/// One series: its name (in the legend) and its value per category (`None`: empty cell).
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub name: String,
    pub values: Vec<Option<ChartValue>>,
}

/// A value drawn and its text as shown (in the plan's language: "59,4", "45 %").
#[derive(Debug, Clone, PartialEq)]
pub struct ChartValue {
    pub value: f64,
    pub text: String,
    /// What the alternative and plain text say when more than `text`: a share worked out
    /// from a count, with the count ("31 (8 %)").
    pub said: Option<String>,
}

impl ChartValue {
    /// What the alternative and plain text say of it.
    pub fn said(&self) -> &str {
        self.said.as_deref().unwrap_or(&self.text)
    }
}

/// The value axis: from `low` to `high`, its ticks (value and label) at "nice" steps.
#[derive(Debug, Clone, PartialEq)]
pub struct Axis {
    pub low: f64,
    pub high: f64,
    pub ticks: Vec<ChartValue>,
    /// Whether bars start above zero (at `low`, `from=`): a break is drawn on the axis and
    /// on every bar.
    pub broken: bool,
}

/// A picture's width: a share of the text width, in per cent, or millimetres.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Width {
    Percent(f64),
    Mm(f64),
}

/// Where a figure stands across the text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Place {
    Left,
    #[default]
    Center,
    Right,
}

/// A picture a chapter shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Picture {
    /// The file, relative to the plan folder (checked to stay inside it).
    pub path: String,
    /// The text screen readers speak: the description, or the file's name without one.
    pub alt: String,
    pub span: Span,
    /// The page shown of a PDF (from 1; `page=N`), 1 for any other picture.
    pub page: u32,
}

impl Picture {
    /// What names the picture as shown: its path, with the page of a PDF past the first.
    pub fn key(&self) -> String {
        if self.page == 1 {
            self.path.clone()
        } else {
            format!("{}#page={}", self.path, self.page)
        }
    }
}

/// An inline piece and the span of its first line.
#[derive(Debug, Clone, PartialEq)]
pub struct Inline {
    pub span: Span,
    pub kind: InlineKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum InlineKind {
    /// Text as written, in pieces, with `{{ fact }}` placeholders replaced by their values.
    Text(Vec<Segment>),
    SoftBreak,
    LineBreak,
    Code(Written),
    Emph(Vec<Inline>),
    Strong(Vec<Inline>),
    Strike(Vec<Inline>),
    /// A web or e-mail address, `shown` (without `mailto:`) when the link has no content
    /// (`None`: nothing written between its brackets).
    Link {
        url: String,
        content: Option<Vec<Inline>>,
        shown: Written,
    },
    /// A reference to a numbered item of the plan; without content its number is shown.
    Item {
        id: String,
        number: String,
        content: Option<Vec<Inline>>,
    },
    /// A reference to a heading, figure or table a chapter defines; without content the
    /// number the document gives it is shown.
    Label {
        id: String,
        kind: super::LabelKind,
        content: Option<Vec<Inline>>,
    },
    /// Content shown as it is, without a mark of its own (a link without a destination, a
    /// reference whose target has an error of its own).
    Plain(Vec<Inline>),
    /// A picture within a line of text.
    Picture(Picture),
    /// Raw HTML shown as text.
    Html(Written),
    /// A footnote reference: the note of that name is shown at its first reference.
    Note(String),
}

/// A piece of text: written by the user, or the value of a `{{ fact }}` (empty for an
/// unknown one, which is reported).
#[derive(Debug, Clone, PartialEq)]
pub enum Segment {
    Written(Written),
    Fact(String),
}

impl InlineKind {
    /// The inlines this one holds and shows (emphasis, a link's or a reference's own
    /// text), or `None` when it shows something of its own instead.
    pub fn content(&self) -> Option<&[Inline]> {
        match self {
            InlineKind::Emph(content)
            | InlineKind::Strong(content)
            | InlineKind::Strike(content)
            | InlineKind::Plain(content)
            | InlineKind::Link {
                content: Some(content),
                ..
            }
            | InlineKind::Item {
                content: Some(content),
                ..
            }
            | InlineKind::Label {
                content: Some(content),
                ..
            } => Some(content),
            _ => None,
        }
    }
}

impl Segment {
    pub fn text(&self) -> &str {
        match self {
            Segment::Written(written) => &written.text,
            Segment::Fact(value) => value,
        }
    }
}

/// Where text is written: exactly at `span` when `exact` (a character at byte `i` of the
/// text is at `span.range.start + i`), else somewhere on the line `span` points at
/// (escapes, entities, or a text from TOML).
#[derive(Debug, Clone, PartialEq)]
pub struct Written {
    pub text: String,
    pub span: Span,
    pub exact: bool,
}

impl Written {
    /// The span of `len` bytes at `offset` of the text.
    pub fn span_of(&self, offset: usize, len: usize) -> Span {
        if self.exact {
            let start = self.span.range.start + offset;
            Span::new(self.span.file, start..start + len)
        } else {
            self.span.clone()
        }
    }
}

/// A block or an inline of a tree, as [`Doc::visit`] meets them.
#[derive(Debug, Clone, Copy)]
pub enum Visit<'t> {
    Block(&'t Block),
    Inline(&'t Inline),
}

impl Doc {
    /// Meets every block and inline in the order a writer writes them: the footnotes
    /// first, then the blocks, each before what it holds.
    pub fn visit<'t>(&'t self, f: &mut impl FnMut(Visit<'t>)) {
        for note in &self.notes {
            visit_blocks(&note.blocks, f);
        }
        visit_blocks(&self.blocks, f);
    }
}

fn visit_blocks<'t>(blocks: &'t [Block], f: &mut impl FnMut(Visit<'t>)) {
    for block in blocks {
        f(Visit::Block(block));
        match &block.kind {
            BlockKind::Paragraph { inlines, .. } | BlockKind::Heading { inlines, .. } => {
                visit_inlines(inlines, f)
            }
            BlockKind::Quote(blocks) => visit_blocks(blocks, f),
            BlockKind::List(list) => list.items.iter().for_each(|i| visit_blocks(&i.blocks, f)),
            BlockKind::Table(table) => {
                if let Some(caption) = &table.caption {
                    visit_inlines(&caption.inlines, f);
                }
                for row in &table.rows {
                    row.cells.iter().for_each(|cell| visit_inlines(cell, f));
                }
            }
            BlockKind::Figure(figure) => visit_inlines(&figure.caption, f),
            BlockKind::Chart(chart) => visit_inlines(&chart.caption, f),
            BlockKind::Code { .. } | BlockKind::Rule | BlockKind::Html(_) => {}
        }
    }
}

fn visit_inlines<'t>(inlines: &'t [Inline], f: &mut impl FnMut(Visit<'t>)) {
    for inline in inlines {
        f(Visit::Inline(inline));
        if let Some(content) = inline.kind.content() {
            visit_inlines(content, f);
        }
    }
}
