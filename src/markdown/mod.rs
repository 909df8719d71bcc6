//! Markdown → typst markup through comrak's AST. Every piece of text is escaped, so nothing
//! a user writes can reach typst as code; structure becomes typst function calls, and the
//! look of each construct lives in `templates/markdown.typ` (imported as `md`).

pub mod escape;
mod labels;
mod map;
mod plan;
mod runs;

use comrak::nodes::{AstNode, ListType, NodeValue, TableAlignment};
use comrak::{Arena, Options, parse_document};

pub use labels::{LabelKind, Labels};
pub use map::SourceMap;
pub use plan::{Chapter, Rendered, render_plan, text_key};
use runs::{Piece, Run, pieces};

use crate::diag::{Diagnostic, Diagnostics, FileId, Span};
use crate::facts::{Facts, placeholders};
use crate::images::Images;
use crate::number::Numbers;
use crate::suggest::closest;

/// The line every generated markup file starts with.
pub const PRELUDE: &str = "#import \"/templates/markdown.typ\" as md\n";

/// Where a piece of Markdown comes from, to place diagnostics.
#[derive(Debug, Clone)]
pub enum Origin {
    /// A chapter file: positions map to exact lines and columns.
    File(FileId),
    /// A Markdown string inside TOML: diagnostics point at the whole string.
    Embedded(Span),
}

/// What conversion needs to know about the plan.
pub struct Context<'a> {
    /// Numbers of strategy items and codes of indicators.
    pub numbers: &'a Numbers,
    /// Ids defined by Markdown headings, figures and tables.
    pub labels: &'a Labels,
    pub facts: &'a Facts,
    /// The year `{{ report.… }}` facts are about: that of the report documents holding
    /// the chapter, or `None` for the facts' own default (the latest).
    pub report_year: Option<i32>,
    pub images: &'a Images,
    /// Ids missing because of errors already reported.
    pub gaps: &'a crate::model::Gaps,
    /// The characters the fonts can show.
    pub glyphs: &'a crate::fonts::Glyphs,
}

/// Converts a Markdown chapter or text block to typst markup (without the prelude).
///
/// A chapter's headings are numbered by the document that includes it: its markup reads
/// each heading's level and number from `levels` and `numbers` (the K-th heading: `numbers.at(K)`) and the
/// numbers of headings it references from `refs` (by id), both defined per document in
/// front of the markup (see `typeset::outline`). Numbers known before layout spare typst a
/// layout pass. Text blocks from TOML leave numbering to typst.
pub fn to_markup(markdown: &str, origin: Origin, cx: &Context, diags: &mut Diagnostics) -> String {
    convert(markdown, origin, cx, diags).markup
}

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

/// Markdown converted, with what the rest of the build needs to know of it.
struct Converted {
    markup: String,
    /// References to Markdown-defined ids (headings, figures, tables), whose targets must
    /// be in the same document.
    label_refs: Vec<(String, Span)>,
    outline: Outline,
    /// Where each piece of the markup came from (chapters only).
    map: SourceMap,
}

fn convert(markdown: &str, origin: Origin, cx: &Context, diags: &mut Diagnostics) -> Converted {
    let arena = Arena::new();
    let root = parse_document(&arena, markdown, &options());
    let mut writer = Writer::new(markdown, origin, cx, diags);
    writer.collect_footnotes(root);
    writer.blocks(root);
    Converted {
        markup: writer.out.trim_end().to_string(),
        label_refs: writer.label_refs,
        outline: writer.outline,
        map: writer.map,
    }
}

/// Converts inline Markdown (a SWOT item) to markup without paragraph breaks.
pub fn inline_to_markup(
    markdown: &str,
    origin: Origin,
    cx: &Context,
    diags: &mut Diagnostics,
) -> String {
    to_markup(markdown, origin, cx, diags).replace("\n\n", " ")
}

/// The Markdown dialect of PLAN-FORMAT.md: CommonMark with GFM tables, strikethrough,
/// autolinks, task lists and footnotes. Backslash escapes stay nodes of their own, so that
/// an escaped `{` is never taken for the start of a `{{ fact }}` or an `{#id}`.
fn options() -> Options<'static> {
    let mut options = Options::default();
    options.parse.escaped_char_spans = true;
    options.extension.table = true;
    options.extension.strikethrough = true;
    options.extension.autolink = true;
    options.extension.tasklist = true;
    options.extension.footnotes = true;
    options
}

/// Maps comrak's line/column positions to byte spans of a chapter file.
struct Located<'a> {
    source: &'a str,
    file: FileId,
    /// Byte offset of each line start.
    lines: Vec<usize>,
}

impl<'a> Located<'a> {
    fn new(source: &'a str, file: FileId) -> Self {
        let lines = std::iter::once(0)
            .chain(source.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Self {
            source,
            file,
            lines,
        }
    }

    /// The bytes of the source a node spans, from its first character to its last.
    fn whole(&self, node: Node) -> std::ops::Range<usize> {
        let pos = node.data.borrow().sourcepos;
        let at = |line: usize, column: usize| {
            let start = self.lines.get(line.saturating_sub(1)).copied();
            self.boundary(start.unwrap_or(self.source.len()) + column.saturating_sub(1))
        };
        let start = at(pos.start.line, pos.start.column);
        // comrak's end column is the first byte of the last character.
        let last = at(pos.end.line, pos.end.column);
        let end = self.source[last..]
            .chars()
            .next()
            .map_or(last, |c| last + c.len_utf8());
        start..end.max(start)
    }

    /// The span of a node: its first line, from its first character.
    fn span(&self, node: Node) -> Span {
        let pos = node.data.borrow().sourcepos;
        let line_start = self
            .lines
            .get(pos.start.line.saturating_sub(1))
            .copied()
            .unwrap_or(0);
        let start = self.boundary(line_start + pos.start.column.saturating_sub(1));
        let end = if pos.start.line == pos.end.line {
            // comrak's end column is the first byte of the last character.
            self.boundary(line_start + pos.end.column).max(start)
        } else {
            self.source[start..]
                .find('\n')
                .map_or(self.source.len(), |i| start + i)
        };
        Span::new(self.file, start..end)
    }

    /// The span of `len` bytes at `offset` inside a text node, when the node's source is
    /// the text itself (no escapes or entities), else the node's span.
    fn inner(&self, node: Node, text: &str, offset: usize, len: usize) -> Span {
        let whole = self.span(node);
        let start = whole.range.start;
        if self.source.get(start..start + text.len()) == Some(text) {
            Span::new(self.file, start + offset..start + offset + len)
        } else {
            whole
        }
    }

    /// The nearest character boundary at or after a byte offset, within the source.
    fn boundary(&self, offset: usize) -> usize {
        let mut offset = offset.min(self.source.len());
        while !self.source.is_char_boundary(offset) {
            offset += 1;
        }
        offset
    }
}

type Node<'a> = &'a AstNode<'a>;

/// Walks the AST and writes markup.
struct Writer<'a, 'd> {
    origin: Origin,
    located: Option<Located<'a>>,
    cx: &'a Context<'a>,
    diags: &'d mut Diagnostics,
    out: String,
    /// Footnote definitions, rendered up front and placed at their first reference.
    footnotes: Vec<Footnote>,
    /// What makes the labels of this text's footnotes unique in a document.
    note_prefix: String,
    /// The smart quotes of the paragraph being written.
    quotes: escape::Quotes,
    /// References to headings, figures and tables, with where they are written.
    label_refs: Vec<(String, Span)>,
    /// The line raw HTML was last reported on, to report each line once.
    html_warned_line: Option<usize>,
    /// A chapter's headings and captioned figures and tables so far.
    outline: Outline,
    /// Where the markup written so far came from (chapters only).
    map: SourceMap,
    /// The level the chapter's last heading was written at (0 before the first).
    last_level: u8,
    /// How many quotes and lists enclose the block being written.
    nesting: usize,
    /// Whether nesting deeper than [`MAX_NESTING`] was reported (once per text).
    too_deep: bool,
}

/// How deep quotes and lists may nest. Typst stops at a depth of its own with a message
/// about show rules that means nothing to the writer; far below it, no real document
/// nests this deep.
const MAX_NESTING: usize = 20;

impl<'a, 'd> Writer<'a, 'd> {
    fn new(
        source: &'a str,
        origin: Origin,
        cx: &'a Context<'a>,
        diags: &'d mut Diagnostics,
    ) -> Self {
        let located = match &origin {
            Origin::File(file) => Some(Located::new(source, *file)),
            Origin::Embedded(_) => None,
        };
        let note_prefix = match &origin {
            Origin::File(file) => format!("note-{file}"),
            Origin::Embedded(span) => format!("note-{}-{}", span.file, span.range.start),
        };
        Self {
            origin,
            located,
            cx,
            diags,
            out: String::new(),
            footnotes: Vec::new(),
            note_prefix,
            quotes: escape::Quotes::default(),
            label_refs: Vec::new(),
            html_warned_line: None,
            outline: Outline::default(),
            map: SourceMap::default(),
            last_level: 0,
            nesting: 0,
            too_deep: false,
        }
    }

    /// Whether this is a chapter, whose headings the document numbers (see [`to_markup`]).
    fn chapter(&self) -> bool {
        matches!(self.origin, Origin::File(_))
    }

    /// The span of a node, for diagnostics.
    fn span(&self, node: Node) -> Span {
        match (&self.located, &self.origin) {
            (Some(located), _) => located.span(node),
            (None, Origin::Embedded(span)) => span.clone(),
            (None, Origin::File(file)) => Span::new(*file, 0..0),
        }
    }

    /// Notes that what is written next is written for `node` (in a chapter: a text from
    /// TOML is one span anyway).
    fn mark(&mut self, node: Node) {
        if self.located.is_some() {
            let span = self.span(node);
            self.map.note(self.out.len(), span);
        }
    }

    /// The span of part of a text node.
    fn inner_span(&self, node: Node, text: &str, offset: usize, len: usize) -> Span {
        match &self.located {
            Some(located) => located.inner(node, text, offset, len),
            None => self.span(node),
        }
    }

    /// Enters a quote or list: `false` (reported once) when that would nest deeper than
    /// [`MAX_NESTING`], and its content is then written without it.
    fn nests(&mut self, node: Node) -> bool {
        if self.nesting < MAX_NESTING {
            self.nesting += 1;
            return true;
        }
        if !self.too_deep {
            self.too_deep = true;
            let span = self.span(node);
            self.error(
                "too-deep",
                span,
                format!("quotes and lists are nested more than {MAX_NESTING} deep here"),
            )
            .hints
            .push("a document rarely needs more than three levels; check for stray `>` marks or indentation".into());
        }
        false
    }

    fn error(&mut self, code: &'static str, span: Span, message: String) -> &mut Diagnostic {
        self.diags
            .push_mut(Diagnostic::error(message).code(code).at(span))
    }

    /// Renders footnote definitions up front so references can place them.
    fn collect_footnotes(&mut self, root: Node<'a>) {
        for node in root.children() {
            let (name, references) = match &node.data.borrow().value {
                NodeValue::FootnoteDefinition(def) => (def.name.clone(), def.total_references),
                _ => continue,
            };
            let saved = std::mem::take(&mut self.out);
            let saved_map = std::mem::take(&mut self.map);
            self.blocks(node);
            let body = std::mem::replace(&mut self.out, saved);
            let map = std::mem::replace(&mut self.map, saved_map);
            self.footnotes.push(Footnote {
                name,
                body: body.trim_end().to_string(),
                map,
                references,
                placed: false,
            });
        }
    }

    /// The block children of a node; a table followed (or preceded) by a `Table:` caption
    /// paragraph becomes a captioned table.
    fn blocks(&mut self, node: Node<'a>) {
        let children: Vec<Node<'a>> = node.children().collect();
        let pairs = labels::pair_captions(&children);
        for (i, &child) in children.iter().enumerate() {
            if pairs.iter().any(|&(_, caption)| caption == i) {
                continue;
            }
            match pairs.iter().find(|&&(table, _)| table == i) {
                Some(&(_, caption)) => self.table(child, Some(children[caption])),
                None => self.block(child),
            }
        }
    }

    /// Content of a node as a `[...]` block.
    fn bracketed(&mut self, node: Node<'a>, inline: bool) {
        self.out.push('[');
        if inline {
            self.inlines(node);
        } else {
            let start = self.out.len();
            self.blocks(node);
            let trimmed = self.out[start..].trim_end().len();
            self.out.truncate(start + trimmed);
        }
        self.out.push(']');
    }

    fn block(&mut self, node: Node<'a>) {
        self.mark(node);
        // Every block starts a paragraph of its own, quoted afresh.
        self.quotes = escape::Quotes::default();
        let value = node.data.borrow().value.clone();
        if !self.within_limits(node, &value) {
            return;
        }
        match value {
            NodeValue::Paragraph => {
                if self.figure(node) {
                } else if leads_in(node) || leads_to_closing_figure(node) {
                    // "… šios priemonės:" stays on the page of the list or table it opens;
                    // the paragraphs before a picture that ends the chapter go with it.
                    self.out.push_str("#md.lead-in[");
                    self.inlines(node);
                    self.out.push(']');
                } else {
                    self.inlines(node);
                }
                self.out.push_str("\n\n");
            }
            NodeValue::Heading(heading) => self.heading(node, heading.level),
            NodeValue::BlockQuote | NodeValue::MultilineBlockQuote(_) if !self.nests(node) => {
                self.blocks(node);
            }
            NodeValue::BlockQuote | NodeValue::MultilineBlockQuote(_) => {
                self.out.push_str("#quote(block: true)");
                self.bracketed(node, false);
                self.out.push_str("\n\n");
                self.nesting -= 1;
            }
            NodeValue::List(_) if !self.nests(node) => {
                for item in node.children() {
                    self.blocks(item);
                }
            }
            NodeValue::List(list) => {
                match list.list_type {
                    ListType::Bullet => self.out.push_str("#list("),
                    ListType::Ordered => {
                        self.out.push_str(&format!("#enum(start: {}, ", list.start))
                    }
                }
                self.out.push_str(&format!("tight: {}", list.tight));
                for item in node.children() {
                    self.out.push_str(", ");
                    self.list_item(item);
                }
                self.out.push_str(")\n\n");
                self.nesting -= 1;
            }
            NodeValue::CodeBlock(code) => {
                let lang = code.info.split_whitespace().next().unwrap_or("");
                let literal = code.literal.strip_suffix('\n').unwrap_or(&code.literal);
                self.out.push_str("#raw(block: true, ");
                if !lang.is_empty() {
                    self.out
                        .push_str(&format!("lang: {}, ", escape::string(lang)));
                }
                self.glyphs(node, literal);
                self.out.push_str(&escape::string(literal));
                self.out.push_str(")\n\n");
            }
            NodeValue::ThematicBreak => self.out.push_str("#md.thematic-break()\n\n"),
            NodeValue::HtmlBlock(html) => {
                if self.raw_html(node, &html.literal) {
                    self.glyphs(node, &html.literal);
                    self.out.push_str(&escape::markup(html.literal.trim_end()));
                    self.out.push_str("\n\n");
                }
            }
            NodeValue::Table(_) => self.table(node, None),
            NodeValue::FootnoteDefinition(_) | NodeValue::FrontMatter(_) => {}
            _ => {
                // Any other block keeps its text.
                self.inlines(node);
                self.out.push_str("\n\n");
            }
        }
    }

    /// Warns about a trailing `{#…}` that is not a valid id: it is printed as text.
    fn malformed_id(&mut self, node: Node<'a>, pieces: &[Piece]) {
        let Some(id) = labels::malformed_trailing_id(pieces) else {
            return;
        };
        let span = self.span(node);
        let written = format!("{{#{id}}}");
        let mut d = Diagnostic::warning(format!(
            "`{written}` is not a valid id, so it is printed as text"
        ))
        .code("invalid-id")
        .at(span);
        d = match crate::model::suggest_id(&id) {
            Some(better) => d.hint(format!(
                "ids use letters, digits, `-`, `.` and `_`: write `{{#{better}}}`"
            )),
            None => d.hint("ids use letters, digits, `-`, `.` and `_`"),
        };
        self.diags.push(d);
    }

    /// A heading; a trailing `{#id}` labels it for references.
    fn heading(&mut self, node: Node<'a>, level: u8) {
        let mut pieces = pieces(node);
        let id = labels::take_trailing_id(&mut pieces);
        if id.is_none() {
            self.malformed_id(node, &pieces);
        }
        if plain_pieces(&pieces).trim().is_empty() {
            // An empty heading would be an empty bookmark, which accessible PDF forbids.
            let span = self.span(node);
            self.diags.push(
                Diagnostic::warning("this heading is empty; it is left out")
                    .code("empty-heading")
                    .at(span)
                    .hint("write the heading's title after the `#` marks, or remove the line"),
            );
            return;
        }
        self.short_enough(node, &pieces, "heading");
        let level = self.consecutive(node, level);
        if self.chapter() {
            let k = self.outline.headings.len();
            self.out.push_str(&format!(
                "#heading(level: levels.at({k}), numbering: numbers.at({k}))["
            ));
        } else {
            self.out.push_str(&format!("#heading(level: {level})["));
        }
        let start = self.out.len();
        self.pieces(&pieces);
        if self.chapter() {
            self.outline.headings.push(Heading {
                level,
                title: self.out[start..].to_string(),
                id: id.clone(),
            });
        }
        self.out.push(']');
        self.label(id.as_deref());
        self.out.push_str("\n\n");
    }

    /// A chapter heading's level, made to follow the one before without skipping a level
    /// (accessible PDF requires it), with a warning when it does skip; a chapter may start
    /// at level 1 or 2 (under a generated part). The document lowers a level further when
    /// what comes before the chapter asks for it (see `typeset::outline`).
    fn consecutive(&mut self, node: Node<'a>, level: u8) -> u8 {
        if !self.chapter() {
            return level;
        }
        let written = std::mem::replace(&mut self.last_level, level);
        let before = self.outline.headings.last().map_or(1, |h| h.level);
        let set = level.min(before + 1);
        // Warned once, where the user skipped a level; the headings under it follow.
        if level <= written.max(1) + 1 {
            return set;
        }
        let span = self.span(node);
        let message = if self.outline.headings.is_empty() {
            format!("a chapter starting with a level {level} heading is set from level {set}")
        } else {
            format!(
                "this level {level} heading follows one of level {written}; it is set as level {set}"
            )
        };
        self.diags.push(
            Diagnostic::warning(message)
                .code("heading-level")
                .at(span)
                .hint(format!("heading levels go one step at a time: write {} here, or add the heading of the level between", "#".repeat(set.into()))),
        );
        set
    }

    /// Whether a paragraph, table cell or code block is within what typst sets in
    /// reasonable time, else reports it (it is then left out). typst's time for one
    /// paragraph grows with the square of its size (every character it places looks its
    /// source up among all the pieces of the paragraph), so a 400 000-character paragraph,
    /// 20 000 references in one, or a long code block with lines that may break after any
    /// character, would take minutes.
    fn within_limits(&mut self, node: Node<'a>, value: &NodeValue) -> bool {
        let (length, key, most, hint) = match value {
            NodeValue::Paragraph | NodeValue::TableCell => {
                let key = if matches!(value, NodeValue::TableCell) {
                    "table cell"
                } else {
                    "paragraph"
                };
                let length = match &self.located {
                    Some(located) => located.source[located.whole(node)].chars().count(),
                    None => plain_text(node).chars().count(),
                };
                let marks = node
                    .descendants()
                    .skip(1)
                    .filter(|n| {
                        let value = &n.data.borrow().value;
                        !matches!(
                            value,
                            NodeValue::Text(_) | NodeValue::SoftBreak | NodeValue::LineBreak
                        )
                    })
                    .count();
                if marks > MAX_MARKS {
                    let message = format!(
                        "this {key} holds {marks} links, references, notes and marks (emphasis, code); a {key} holds at most {MAX_MARKS}"
                    );
                    return self.too_costly(node, message, "split it into paragraphs");
                }
                (length, key, MAX_PARAGRAPH, "split it into paragraphs")
            }
            NodeValue::CodeBlock(code) => {
                let literal = code.literal.strip_suffix('\n').unwrap_or(&code.literal);
                let length = literal.chars().count();
                let hint = "shorten it, or leave the data out and say where it is";
                (length, "code block", MAX_CODE, hint)
            }
            _ => return true,
        };
        length <= most
            || self.too_costly(
                node,
                format!(
                    "this {key} is {length} characters long as written; a {key} is at most {most}"
                ),
                hint,
            )
    }

    /// Reports a block [`Writer::within_limits`] refuses; false.
    fn too_costly(&mut self, node: Node<'a>, message: String, hint: &str) -> bool {
        let span = self.span(node);
        self.diags.push(
            Diagnostic::error(message)
                .code("too-long")
                .at(span)
                .hint(format!(
                    "{hint}: the time to set one grows with the square of its size"
                )),
        );
        false
    }

    /// Reports a heading or caption longer than a bookmark or list entry can hold.
    fn short_enough(&mut self, node: Node<'a>, pieces: &[Piece], key: &str) {
        let span = self.span(node);
        if let Some(problem) = crate::model::too_long(&plain_pieces(pieces), key, span) {
            self.diags.push(problem);
        }
    }

    /// Notes the caption written since `start` for the lists of figures and tables.
    fn listed(&mut self, table: bool, start: usize) {
        if self.chapter() {
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

    /// A paragraph holding just an image (and its `{#id}`) becomes a numbered figure; the
    /// image's description, with any inline Markdown, is its caption.
    fn figure(&mut self, paragraph: Node<'a>) -> bool {
        let Some((image, id)) = labels::figure(paragraph) else {
            return false;
        };
        let url = match &image.data.borrow().value {
            NodeValue::Image(link) if !link.url.trim().is_empty() => link.url.clone(),
            // Without a file the image is its description (see `inline`).
            _ => return false,
        };
        let Some(path) = self.image_path(image, &url) else {
            return true;
        };
        let alt = self.alt_text(image, &url);
        self.out.push_str(&format!(
            "#md.figure-image({}, alt: {}, closing: {}, caption: ",
            escape::string(&path),
            escape::string(&alt),
            closes_chapter(paragraph),
        ));
        let start = self.out.len();
        self.bracketed(image, true);
        self.listed(false, start);
        self.out.push(')');
        self.label(id.as_deref());
        true
    }

    /// An image's alternative text: the text between its brackets. Accessible PDF needs
    /// one, so an empty one is a warning and the file name stands in.
    fn alt_text(&mut self, node: Node<'a>, url: &str) -> String {
        let alt = plain_text(node).trim().to_string();
        let span = self.span(node);
        if let Some(problem) = crate::model::too_long(&alt, "picture description", span.clone()) {
            self.diags.push(problem);
        }
        if !alt.is_empty() {
            return alt;
        }
        self.diags.push(
            Diagnostic::warning("this image has no description")
.code("no-alt-text")
                .at(span)
                .hint("write what it shows between the brackets, e.g. ![Gyventojų skaičius](…): it is the caption and the text screen readers speak"),
        );
        std::path::Path::new(url)
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or(url)
            .to_string()
    }

    /// The virtual path typst loads an image from, or `None` after reporting why not. A
    /// path starting with `/` starts at the plan folder, as typst's own paths do.
    fn image_path(&mut self, node: Node<'a>, url: &str) -> Option<String> {
        let url = url.strip_prefix('/').unwrap_or(url);
        let span = self.span(node);
        if let Err(problem) = crate::load::check_relative(url) {
            self.error("bad-path", span, format!("image path `{url}` {problem}"))
                .hints
                .push("images must lie inside the plan folder, e.g. images/chart.png".into());
            return None;
        }
        match self.cx.images.prepare(url) {
            Ok(path) => Some(path),
            Err(problem) => {
                self.error("bad-image", span, format!("image `{url}` {problem}"))
                    .hints
                    .push(problem.hint().into());
                None
            }
        }
    }

    fn list_item(&mut self, item: Node<'a>) {
        let task = match &item.data.borrow().value {
            NodeValue::TaskItem(task) => Some(task.symbol.is_some()),
            _ => None,
        };
        self.out.push('[');
        if let Some(done) = task {
            self.out.push_str(&format!("#md.task({done}) "));
        }
        let start = self.out.len();
        self.blocks(item);
        let trimmed = self.out[start..].trim_end().len();
        self.out.truncate(start + trimmed);
        self.out.push(']');
    }

    /// A GFM table, captioned and numbered when a `Table:` paragraph goes with it.
    fn table(&mut self, node: Node<'a>, caption: Option<Node<'a>>) {
        let alignments = match &node.data.borrow().value {
            NodeValue::Table(table) => table.alignments.clone(),
            _ => return,
        };
        let align: Vec<&str> = alignments
            .iter()
            .map(|a| match a {
                TableAlignment::Right => "right",
                TableAlignment::Center => "center",
                _ => "left",
            })
            .collect();
        let paragraph = caption;
        let caption = caption.and_then(labels::caption);
        if let (Some((pieces, None)), Some(paragraph)) = (&caption, paragraph) {
            self.malformed_id(paragraph, pieces);
        }
        if let (Some((pieces, _)), Some(paragraph)) = (&caption, paragraph) {
            self.short_enough(paragraph, pieces, "caption");
        }
        // Rows under the header: the template keeps a small table on one page.
        let rows = node
            .children()
            .filter(|r| matches!(r.data.borrow().value, NodeValue::TableRow(false)))
            .count();
        match &caption {
            Some((pieces, _)) => {
                self.quotes = escape::Quotes::default();
                self.out
                    .push_str(&format!("#md.table-figure(rows: {rows}, "));
                if let Some(id) = caption.as_ref().and_then(|(_, id)| id.as_deref()) {
                    self.out
                        .push_str(&format!("label: {}, ", escape::string(id)));
                }
                self.out.push_str("caption: ");
                let start = self.out.len();
                self.out.push('[');
                self.pieces(pieces);
                self.out.push(']');
                self.listed(true, start);
                self.out.push_str(&format!(", md.table(rows: {rows}, "));
            }
            None => self.out.push_str(&format!("#md.table(rows: {rows}, ")),
        }
        self.out.push_str(&format!(
            "columns: {}, align: ({},)",
            alignments.len().max(1),
            align.join(", ")
        ));
        for row in node.children() {
            let header = matches!(row.data.borrow().value, NodeValue::TableRow(true));
            self.out
                .push_str(if header { ", table.header(" } else { "" });
            for (i, cell) in row.children().enumerate() {
                self.out
                    .push_str(if header && i == 0 { "[" } else { ", [" });
                self.quotes = escape::Quotes::default();
                if self.within_limits(cell, &NodeValue::TableCell) {
                    self.inlines(cell);
                }
                self.out.push(']');
            }
            if header {
                self.out.push(')');
            }
        }
        self.out.push(')');
        if caption.is_some() {
            self.out.push(')');
        }
        self.out.push_str("\n\n");
    }

    fn inlines(&mut self, node: Node<'a>) {
        self.pieces(&pieces(node));
    }

    /// Inline content: runs of text, and the other inline nodes.
    fn pieces(&mut self, pieces: &[Piece<'a>]) {
        for piece in pieces {
            match piece {
                Piece::Text(run) => self.text(run),
                Piece::Node(node) => self.inline(node),
            }
        }
    }

    fn inline(&mut self, node: Node<'a>) {
        self.mark(node);
        let value = node.data.borrow().value.clone();
        match value {
            NodeValue::Text(_) | NodeValue::Escaped => {
                // Text comes in runs through `pieces`; a node on its own is a run too.
                self.text(&runs::single(node));
            }
            NodeValue::SoftBreak => {
                self.out.push(' ');
                self.quotes.saw(' ');
            }
            NodeValue::LineBreak => {
                self.out.push_str("#linebreak()");
                self.quotes.saw('\n');
            }
            NodeValue::Code(code) => {
                self.glyphs(node, &code.literal);
                self.out.push_str("#raw(");
                self.out.push_str(&escape::string(&code.literal));
                self.out.push(')');
                code.literal.chars().for_each(|c| self.quotes.saw(c));
            }
            NodeValue::Emph => self.wrap(node, "#emph"),
            NodeValue::Strong => self.wrap(node, "#strong"),
            NodeValue::Strikethrough => self.wrap(node, "#strike"),
            NodeValue::Link(link) => self.link(node, &link.url),
            NodeValue::Image(link) if link.url.trim().is_empty() => {
                let span = self.span(node);
                self.diags.push(
                    Diagnostic::warning("this image names no file; its description is shown as text")
                        .code("empty-link")
                        .at(span)
                        .hint("write the picture's path between the parentheses, e.g. `![Description](images/chart.png)`"),
                );
                self.inlines(node);
            }
            NodeValue::Image(link) => {
                if let Some(path) = self.image_path(node, &link.url) {
                    let alt = self.alt_text(node, &link.url);
                    self.out.push_str(&format!(
                        "#md.inline-image({}, alt: {})",
                        escape::string(&path),
                        escape::string(&alt)
                    ));
                    self.quotes.saw('\u{FFFC}');
                }
            }
            NodeValue::HtmlInline(html) => {
                if self.raw_html(node, &html) {
                    self.glyphs(node, &html);
                    let markup = self.quotes.markup(&html);
                    self.out.push_str(&markup);
                }
            }
            NodeValue::FootnoteReference(reference) => self.footnote(&reference.name),
            _ => self.inlines(node),
        }
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

    /// Text, with `{{ fact }}` placeholders (written without escapes) replaced by their
    /// values, escaped, with numbers bound to their units.
    fn text(&mut self, run: &Run<'a>) {
        self.mark(run.node_at(run.range.start).0);
        let (text, range) = (&run.text, run.range.clone());
        self.glyphs_in_run(run);
        let syntax = run.syntax();
        let mut plain = String::with_capacity(range.len());
        let mut last = range.start;
        for placeholder in placeholders(&syntax[range.clone()]) {
            let start = range.start + placeholder.range.start;
            let end = range.start + placeholder.range.end;
            plain.push_str(&text[last..start]);
            last = end;
            match self.cx.facts.get_for(placeholder.name, self.cx.report_year) {
                Some(value) => plain.push_str(value),
                None => {
                    let span = self.run_span(run, start, end - start);
                    let hint = match closest(placeholder.name, self.cx.facts.names()) {
                        Some(best) => format!("did you mean `{{{{ {best} }}}}`?"),
                        None => "the README lists every fact, e.g. `{{ count.measures }}`".into(),
                    };
                    let name = placeholder.name.to_string();
                    let d = self.error("unknown-fact", span, format!("unknown fact `{name}`"));
                    d.label = "no fact has this name".into();
                    d.hints.push(hint);
                }
            }
        }
        plain.push_str(&text[last..range.end]);
        let markup = self.quotes.markup_typeset(&plain);
        self.out.push_str(&markup);
    }

    /// The span of `len` bytes at `offset` of a run's text: in the node that holds them.
    fn run_span(&self, run: &Run<'a>, offset: usize, len: usize) -> Span {
        let (node, text, start) = run.node_at(offset);
        match &node.data.borrow().value {
            NodeValue::Text(_) => self.inner_span(node, text, offset - start, len),
            _ => self.span(node),
        }
    }

    /// Reports characters of a run that no font can show, once per character and run.
    fn glyphs_in_run(&mut self, run: &Run<'a>) {
        let mut seen = Vec::new();
        for (offset, c) in run.shown().char_indices() {
            if self.cx.glyphs.covers(c) || seen.contains(&c) {
                continue;
            }
            seen.push(c);
            let span = self.run_span(run, run.range.start + offset, c.len_utf8());
            self.missing_glyph(span, c);
        }
    }

    /// Reports characters that no font can show, once per character and text.
    fn glyphs(&mut self, node: Node<'a>, text: &str) {
        let mut seen = Vec::new();
        for (offset, c) in text.char_indices() {
            if self.cx.glyphs.covers(c) || seen.contains(&c) {
                continue;
            }
            seen.push(c);
            let span = self.inner_span(node, text, offset, c.len_utf8());
            self.missing_glyph(span, c);
        }
    }

    fn missing_glyph(&mut self, span: Span, c: char) {
        let d = self.error(
            "missing-glyph",
            span,
            format!("no font has the character `{c}` (U+{:04X})", c as u32),
        );
        d.hints.push("archival PDF needs a glyph for every character: add a font that has it to the plan's fonts/ folder, or leave the character out".into());
    }

    fn wrap(&mut self, node: Node<'a>, function: &str) {
        self.out.push_str(function);
        self.bracketed(node, true);
    }

    /// A link: a web or e-mail address, or `#id`, a reference to a numbered item. A link
    /// without a destination (`[text]()`) is its text.
    fn link(&mut self, node: Node<'a>, url: &str) {
        if url.trim().is_empty() {
            let span = self.span(node);
            self.diags.push(
                Diagnostic::warning("this link has no destination; its text is shown as text")
                    .code("empty-link")
                    .at(span)
                    .hint("write the address between the parentheses, e.g. `[text](https://…)`, or leave out the brackets"),
            );
            self.inlines(node);
            return;
        }
        let Some(id) = url.strip_prefix('#') else {
            self.out.push_str("#link(");
            self.out.push_str(&escape::string(url));
            self.out.push(')');
            if node.children().next().is_none() {
                let shown = url.strip_prefix("mailto:").unwrap_or(url);
                self.glyphs(node, shown);
                let markup = self.quotes.markup(shown);
                self.out.push('[');
                self.out.push_str(&markup);
                self.out.push(']');
            } else {
                self.bracketed(node, true);
            }
            return;
        };
        let empty = node.children().next().is_none();
        let target = escape::string(id);
        if let Some(number) = self.cx.numbers.get(id) {
            self.out.push_str(&format!("#md.item-ref({target})"));
            if empty {
                self.out.push_str(&format!("[{}]", escape::markup(number)));
                number.chars().for_each(|c| self.quotes.saw(c));
            } else {
                self.bracketed(node, true);
            }
        } else if self.cx.labels.get(id).is_some() {
            let span = self.span(node);
            self.label_refs.push((id.to_string(), span));
            if empty {
                // A chapter knows the numbers of the headings of its document.
                let heading = self.cx.labels.get(id) == Some(LabelKind::Heading);
                if heading && self.chapter() {
                    self.out
                        .push_str(&format!("#md.number-ref({target}, known: refs)"));
                } else {
                    self.out.push_str(&format!("#md.number-ref({target})"));
                }
                self.quotes.saw('1');
            } else {
                self.out.push_str(&format!("#md.item-ref({target})"));
                self.bracketed(node, true);
            }
        } else if self.cx.gaps.explains(id) {
            // The target has an error of its own; keep the text, report nothing more.
            self.inlines(node);
        } else {
            let span = self.span(node);
            let known = self.cx.numbers.ids().chain(self.cx.labels.ids());
            let hint = match closest(id, known) {
                Some(best) => format!("did you mean `#{best}`?"),
                None => "references name the id of a priority, goal, objective, measure, indicator, or a heading, figure or table with `{#id}`".into(),
            };
            let d = self.error(
                "unknown-reference",
                span,
                format!("reference to unknown id `{id}`"),
            );
            d.label = "nothing in the plan has this id".into();
            d.hints.push(hint);
            self.inlines(node);
        }
    }

    /// Reports raw HTML once per line; returns whether it should be shown as text
    /// (comments are dropped).
    fn raw_html(&mut self, node: Node<'a>, html: &str) -> bool {
        if is_html_comment(html) {
            return false;
        }
        let line = node.data.borrow().sourcepos.start.line;
        if self.html_warned_line == Some(line) {
            return true;
        }
        self.html_warned_line = Some(line);
        let span = self.span(node);
        self.diags.push(
            Diagnostic::warning("raw HTML is not typeset; it is shown as text")
                .code("raw-html")
                .at(span)
                .hint("use Markdown instead of HTML, or escape `<` as `\\<`"),
        );
        true
    }
}

/// Whether a paragraph is a lead-in: it ends with ":" and a list or a table follows it.
fn leads_in<'a>(paragraph: Node<'a>) -> bool {
    let opens = paragraph.next_sibling().is_some_and(|next| {
        matches!(
            next.data.borrow().value,
            NodeValue::List(_) | NodeValue::Table(_)
        )
    });
    opens && plain_text(paragraph).trim_end().ends_with(':')
}

/// Whether a paragraph is one of the three before a picture that ends the chapter: when
/// the picture does not fit on the page, they go with it to the next one, so that it does
/// not stand alone there (no text after it could fill that page).
fn leads_to_closing_figure(paragraph: Node<'_>) -> bool {
    let mut next = paragraph.next_sibling();
    for _ in 0..3 {
        match next {
            Some(n) if closes_chapter(n) => return true,
            Some(n) if matches!(n.data.borrow().value, NodeValue::Paragraph) => {
                next = n.next_sibling()
            }
            _ => return false,
        }
    }
    false
}

/// Whether a block is a picture (with a file) that ends its chapter.
fn closes_chapter(node: Node<'_>) -> bool {
    let picture = labels::figure(node).is_some_and(|(image, _)| {
        matches!(&image.data.borrow().value, NodeValue::Image(link) if !link.url.trim().is_empty())
    });
    picture
        && node.next_sibling().is_none()
        && node
            .parent()
            .is_some_and(|p| matches!(p.data.borrow().value, NodeValue::Document))
}

fn is_html_comment(html: &str) -> bool {
    let html = html.trim();
    html.starts_with("<!--") && html.ends_with("-->")
}

/// A footnote definition, rendered.
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

/// The longest paragraph or table cell, in characters as written: some twenty pages of
/// text, set in about half a second.
const MAX_PARAGRAPH: usize = 40_000;

/// The most links, references, notes and marks one paragraph or table cell holds: each is a
/// piece of its own for typst, and 2 000 are set in under half a second.
const MAX_MARKS: usize = 2_000;

/// The longest code block, in characters: some eight pages of code. A code line without
/// spaces may break after any character, and each such place costs as a mark does.
const MAX_CODE: usize = 20_000;

/// The text of inline pieces without any markup, e.g. to tell an empty heading.
fn plain_pieces(pieces: &[Piece]) -> String {
    pieces
        .iter()
        .map(|piece| match piece {
            Piece::Text(run) => run.shown().to_string(),
            Piece::Node(node) => plain_text(node),
        })
        .collect()
}

/// The text of a node without any markup, e.g. for alternative text.
fn plain_text<'a>(node: Node<'a>) -> String {
    let mut text = String::new();
    for descendant in node.descendants() {
        match &descendant.data.borrow().value {
            NodeValue::Text(t) => text.push_str(t),
            NodeValue::Code(code) => text.push_str(&code.literal),
            NodeValue::SoftBreak | NodeValue::LineBreak => text.push(' '),
            _ => {}
        }
    }
    text
}

#[cfg(test)]
mod tests;
