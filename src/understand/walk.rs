//! The walk over comrak's AST that builds the tree: each construct resolved, each problem
//! reported where it is written.

use comrak::nodes::{ListType, NodeValue, TableAlignment};

use super::runs::{self, Piece, Run, pieces};
use super::tree::{
    Align, Block, BlockKind, Caption, Doc, Figure, Inline, InlineKind, Item, List, Note, Picture,
    Row, Segment, Table, TableLook, Written,
};
use super::{Context, Located, Node, Origin};
use super::{attrs, labels};
use crate::diag::{Code, Diagnostic, Diagnostics, Span, codes};
use crate::facts::placeholders;
use crate::suggest::closest;

/// How deep quotes and lists may nest. Typst stops at a depth of its own with a message
/// about show rules that means nothing to the writer; far below it, no real document
/// nests this deep.
const MAX_NESTING: usize = 20;

/// The longest paragraph or table cell, in characters as written: some twenty pages of
/// text, set in about half a second.
const MAX_PARAGRAPH: usize = 40_000;

/// The most links, references, notes and marks one paragraph or table cell holds: each is a
/// piece of its own for typst, and 2 000 are set in under half a second.
const MAX_MARKS: usize = 2_000;

/// The longest code block, in characters: some eight pages of code. A code line without
/// spaces may break after any character, and each such place costs as a mark does.
const MAX_CODE: usize = 20_000;

/// The names of the footnotes a text defines (`[^name]: …` lines), read from the text
/// itself: Markdown drops a definition nothing refers to, and a misspelt reference is what
/// leaves it so.
fn note_names(source: &str) -> Vec<String> {
    source
        .lines()
        .filter_map(|line| {
            let rest = line.trim_start().strip_prefix("[^")?;
            let (name, after) = rest.split_once(']')?;
            (after.starts_with(':') && !name.is_empty()).then(|| name.to_string())
        })
        .collect()
}

/// Walks the AST and builds the tree.
pub(super) struct Walker<'a, 'd> {
    origin: Origin,
    located: Option<Located<'a>>,
    cx: &'a Context<'a>,
    diags: &'d mut Diagnostics,
    /// References to headings, figures and tables, with where they are written.
    label_refs: Vec<(String, Span)>,
    /// The line raw HTML was last reported on, to report each line once.
    html_warned_line: Option<usize>,
    /// The level the chapter's last heading was written at (0 before the first).
    last_level: u8,
    /// The level the chapter's last heading is set at (none before the first).
    last_set: Option<u8>,
    /// How many quotes and lists enclose the block being read.
    nesting: usize,
    /// Whether nesting deeper than [`MAX_NESTING`] was reported (once per text).
    too_deep: bool,
    /// The names of the text's footnotes (`[^name]: …`), to tell a reference to none.
    note_names: Vec<String>,
}

impl<'a, 'd> Walker<'a, 'd> {
    pub(super) fn new(
        source: &'a str,
        origin: Origin,
        cx: &'a Context<'a>,
        diags: &'d mut Diagnostics,
    ) -> Self {
        let located = match &origin {
            Origin::File(file) => Some(Located::new(source, *file)),
            Origin::Embedded(_) => None,
        };
        Self {
            origin,
            located,
            cx,
            diags,
            label_refs: Vec::new(),
            html_warned_line: None,
            last_level: 0,
            last_set: None,
            nesting: 0,
            too_deep: false,
            note_names: note_names(source),
        }
    }

    /// The whole document: footnote definitions first (their headings come first in a
    /// chapter's count, as the typst writer writes them first), then the blocks.
    pub(super) fn document(mut self, root: Node<'a>) -> Doc {
        let mut notes = Vec::new();
        for node in root.children() {
            let (name, references) = match &node.data.borrow().value {
                NodeValue::FootnoteDefinition(def) => (def.name.clone(), def.total_references),
                _ => continue,
            };
            let blocks = self.blocks(node);
            notes.push(Note {
                name,
                blocks,
                references,
            });
        }
        let blocks = self.blocks(root);
        Doc {
            notes,
            blocks,
            label_refs: self.label_refs,
        }
    }

    /// Whether this is a chapter, whose headings the document numbers.
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

    /// Text of a node as written there: exactly placed when the node's source is the
    /// text itself (no escapes or entities).
    fn written(&self, node: Node, text: &str) -> Written {
        let span = self.span(node);
        let exact = self.located.as_ref().is_some_and(|located| {
            let start = span.range.start;
            located.source.get(start..start + text.len()) == Some(text)
        });
        Written {
            text: text.to_string(),
            span,
            exact,
        }
    }

    /// Enters a quote or list: `false` (reported once) when that would nest deeper than
    /// [`MAX_NESTING`], and its content is then read without it.
    fn nests(&mut self, node: Node) -> bool {
        if self.nesting < MAX_NESTING {
            self.nesting += 1;
            return true;
        }
        if !self.too_deep {
            self.too_deep = true;
            let span = self.span(node);
            self.error(
                codes::TOO_DEEP,
                span,
                format!("quotes and lists are nested more than {MAX_NESTING} deep here"),
            )
            .hints
            .push("a document rarely needs more than three levels; check for stray `>` marks or indentation".into());
        }
        false
    }

    fn error(&mut self, code: Code, span: Span, message: String) -> &mut Diagnostic {
        self.diags
            .push_mut(Diagnostic::error(message).code(code).at(span))
    }

    /// The block children of a node; a table followed (or preceded) by a `Table:` caption
    /// paragraph becomes a captioned table.
    fn blocks(&mut self, node: Node<'a>) -> Vec<Block> {
        let children: Vec<Node<'a>> = node.children().collect();
        let pairs = labels::pair_captions(&children);
        let mut out = Vec::with_capacity(children.len());
        for (i, &child) in children.iter().enumerate() {
            if pairs.iter().any(|&(_, caption)| caption == i) {
                continue;
            }
            match pairs.iter().find(|&&(table, _)| table == i) {
                Some(&(_, caption)) => out.push(self.table(child, Some(children[caption]))),
                None => self.block(child, &mut out),
            }
        }
        out
    }

    fn block(&mut self, node: Node<'a>, out: &mut Vec<Block>) {
        let value = node.data.borrow().value.clone();
        if !self.within_limits(node, &value) {
            return;
        }
        let span = self.span(node);
        let kind = match value {
            NodeValue::Paragraph => match self.figure(node) {
                Some(Some(kind)) => kind,
                // A picture that cannot be shown (reported) leaves an empty paragraph.
                Some(None) => BlockKind::Paragraph {
                    inlines: Vec::new(),
                    lead_in: false,
                },
                None => {
                    self.table_without_rule(node);
                    BlockKind::Paragraph {
                        // "… šios priemonės:" stays on the page of the list or table it
                        // opens; the paragraphs before a picture that ends the chapter go
                        // with it.
                        lead_in: leads_in(node) || leads_to_closing_figure(node),
                        inlines: self.inlines(node),
                    }
                }
            },
            NodeValue::Heading(heading) => match self.heading(node, heading.level) {
                Some(kind) => kind,
                None => return,
            },
            NodeValue::BlockQuote | NodeValue::MultilineBlockQuote(_) if !self.nests(node) => {
                out.extend(self.blocks(node));
                return;
            }
            NodeValue::BlockQuote | NodeValue::MultilineBlockQuote(_) => {
                let blocks = self.blocks(node);
                self.nesting -= 1;
                BlockKind::Quote(blocks)
            }
            NodeValue::List(_) if !self.nests(node) => {
                for item in node.children() {
                    out.extend(self.blocks(item));
                }
                return;
            }
            NodeValue::List(list) => {
                let items = node.children().map(|item| self.list_item(item)).collect();
                self.nesting -= 1;
                BlockKind::List(List {
                    start: matches!(list.list_type, ListType::Ordered).then_some(list.start),
                    tight: list.tight,
                    items,
                })
            }
            NodeValue::CodeBlock(code) => {
                let lang = code.info.split_whitespace().next().map(str::to_string);
                let literal = code.literal.strip_suffix('\n').unwrap_or(&code.literal);
                BlockKind::Code {
                    lang,
                    literal: self.written(node, literal),
                }
            }
            NodeValue::ThematicBreak => BlockKind::Rule,
            NodeValue::HtmlBlock(html) => {
                if !self.raw_html(node, &html.literal) {
                    return;
                }
                BlockKind::Html(self.written(node, html.literal.trim_end()))
            }
            NodeValue::Table(_) => {
                out.push(self.table(node, None));
                return;
            }
            NodeValue::FootnoteDefinition(_) | NodeValue::FrontMatter(_) => return,
            // Any other block keeps its text.
            _ => BlockKind::Paragraph {
                inlines: self.inlines(node),
                lead_in: false,
            },
        };
        out.push(Block { span, kind });
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
        .code(codes::INVALID_ID)
        .at(span);
        d = match crate::model::suggest_id(&id) {
            Some(better) => d.hint(format!(
                "ids use letters, digits, `-`, `.` and `_`: write `{{#{better}}}`"
            )),
            None => d.hint("ids use letters, digits, `-`, `.` and `_`"),
        };
        self.diags.push(d);
    }

    /// A heading; a trailing `{#id}` labels it for references. An empty one is left out.
    fn heading(&mut self, node: Node<'a>, level: u8) -> Option<BlockKind> {
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
                    .code(codes::EMPTY_HEADING)
                    .at(span)
                    .hint("write the heading's title after the `#` marks, or remove the line"),
            );
            return None;
        }
        self.short_enough(node, &pieces, "heading");
        let level = self.consecutive(node, level);
        if self.chapter() {
            self.last_set = Some(level);
        }
        let inlines = self.pieces(&pieces);
        Some(BlockKind::Heading { level, id, inlines })
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
        let before = self.last_set.unwrap_or(1);
        let set = level.min(before + 1);
        // Warned once, where the user skipped a level; the headings under it follow.
        if level <= written.max(1) + 1 {
            return set;
        }
        let span = self.span(node);
        let message = if self.last_set.is_none() {
            format!("a chapter starting with a level {level} heading is set from level {set}")
        } else {
            format!(
                "this level {level} heading follows one of level {written}; it is set as level {set}"
            )
        };
        self.diags.push(
            Diagnostic::warning(message)
                .code(codes::HEADING_LEVEL)
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

    /// Reports a block [`Walker::within_limits`] refuses; false.
    fn too_costly(&mut self, node: Node<'a>, message: String, hint: &str) -> bool {
        let span = self.span(node);
        self.diags.push(
            Diagnostic::error(message)
                .code(codes::TOO_LONG)
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

    /// A paragraph holding just an image (and its `{#id}`) becomes a numbered figure; the
    /// image's description, with any inline Markdown, is its caption. `None` when the
    /// paragraph is no figure; `Some(None)` when its picture cannot be shown (reported).
    /// A picture of a dataset's file is the table or chart its attributes ask for.
    fn figure(&mut self, paragraph: Node<'a>) -> Option<Option<BlockKind>> {
        let (image, mut attrs) = labels::figure(paragraph)?;
        // In a chapter file, a problem with one attribute is shown under it.
        if let (Some(located), Some(block)) = (&self.located, image.next_sibling()) {
            attrs.at = Some(located.span(block));
        }
        let url = match &image.data.borrow().value {
            NodeValue::Image(link) if !link.url.trim().is_empty() => link.url.clone(),
            // Without a file the image is its description (see `inline`).
            _ => return None,
        };
        if let Some(dataset) = self.cx.facts.dataset_at(url.trim()) {
            let span = self.span(paragraph);
            let caption = self.inlines(image);
            let language = self.cx.facts.language();
            let mut block =
                super::from_data::block(dataset, caption, &attrs, &span, language, self.diags);
            if let Some(BlockKind::Chart(chart)) = &mut block {
                chart.closing = closes_chapter(paragraph);
            }
            return Some(block);
        }
        let span = self.span(paragraph);
        let broken = &self.cx.gaps.datasets;
        let paths = self.cx.facts.dataset_paths();
        if super::from_data::not_shown(url.trim(), &attrs, broken, &paths, &span, self.diags) {
            return Some(None);
        }
        let Some(mut picture) = self.picture(image, &url) else {
            return Some(None);
        };
        let pdf = std::path::Path::new(&picture.path)
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
        let span = self.span(paragraph);
        let (width, place, page) = attrs::picture_look(&attrs, pdf, &span, self.diags);
        picture.page = page;
        let caption = self.inlines(image);
        Some(Some(BlockKind::Figure(Figure {
            picture,
            caption,
            id: attrs.id,
            closing: closes_chapter(paragraph),
            width,
            place,
        })))
    }

    /// A picture: its path (reported when it leaves the plan folder; a path starting with
    /// `/` starts at the plan folder, as typst's own paths do) and its description.
    fn picture(&mut self, node: Node<'a>, url: &str) -> Option<Picture> {
        let path = url.strip_prefix('/').unwrap_or(url);
        let span = self.span(node);
        if let Err(problem) = crate::load::check_relative(path) {
            self.error(
                codes::BAD_PATH,
                span,
                format!("image path `{path}` {problem}"),
            )
            .hints
            .push("images must lie inside the plan folder, e.g. images/chart.png".into());
            return None;
        }
        let alt = self.alt_text(node, url);
        Some(Picture {
            path: path.to_string(),
            alt,
            span,
            page: 1,
        })
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
                .code(codes::NO_ALT_TEXT)
                .at(span)
                .hint("write what it shows between the brackets, e.g. ![Gyventojų skaičius](…): it is the caption and the text screen readers speak"),
        );
        std::path::Path::new(url)
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or(url)
            .to_string()
    }

    fn list_item(&mut self, item: Node<'a>) -> Item {
        let task = match &item.data.borrow().value {
            NodeValue::TaskItem(task) => Some(task.symbol.is_some()),
            _ => None,
        };
        Item {
            task,
            blocks: self.blocks(item),
        }
    }

    /// A GFM table, captioned and numbered when a `Table:` paragraph goes with it.
    fn table(&mut self, node: Node<'a>, caption: Option<Node<'a>>) -> Block {
        let alignments = match &node.data.borrow().value {
            NodeValue::Table(table) => table
                .alignments
                .iter()
                .map(|a| match a {
                    TableAlignment::Right => Align::Right,
                    TableAlignment::Center => Align::Center,
                    TableAlignment::Left => Align::Left,
                    TableAlignment::None => Align::None,
                })
                .collect(),
            _ => Vec::new(),
        };
        let paragraph = caption;
        let caption = caption
            .and_then(labels::caption)
            .map(|(pieces, mut attrs)| {
                // In a chapter file, a problem with one attribute is shown under it.
                if let (Some(located), Some(paragraph)) = (&self.located, paragraph) {
                    attrs.at = located.trailing_block(paragraph);
                }
                (pieces, attrs)
            });
        if let (Some((pieces, attrs)), Some(paragraph)) = (&caption, paragraph)
            && attrs.id.is_none()
        {
            self.malformed_id(paragraph, pieces);
        }
        let look = match (&caption, paragraph) {
            (Some((_, attrs)), Some(paragraph)) => {
                let span = self.span(paragraph);
                attrs::table_look(attrs, alignments.len(), &span, self.diags)
            }
            _ => TableLook::default(),
        };
        if let (Some((pieces, _)), Some(paragraph)) = (&caption, paragraph) {
            self.short_enough(paragraph, pieces, "caption");
        }
        let caption = match (caption, paragraph) {
            (Some((pieces, attrs)), Some(paragraph)) => Some(Caption {
                span: self.span(paragraph),
                inlines: self.pieces(&pieces),
                id: attrs.id,
            }),
            _ => None,
        };
        let rows = node
            .children()
            .map(|row| Row {
                span: self.span(row),
                header: matches!(row.data.borrow().value, NodeValue::TableRow(true)),
                total: false,
                cells: row
                    .children()
                    .map(|cell| {
                        if self.within_limits(cell, &NodeValue::TableCell) {
                            self.inlines(cell)
                        } else {
                            Vec::new()
                        }
                    })
                    .collect(),
            })
            .collect();
        Block {
            span: self.span(node),
            kind: BlockKind::Table(Table {
                alignments,
                caption,
                look,
                rows,
                source: None,
            }),
        }
    }

    fn inlines(&mut self, node: Node<'a>) -> Vec<Inline> {
        self.pieces(&pieces(node))
    }

    /// Inline content: runs of text, and the other inline nodes.
    fn pieces(&mut self, pieces: &[Piece<'a>]) -> Vec<Inline> {
        let mut out = Vec::with_capacity(pieces.len());
        for piece in pieces {
            match piece {
                Piece::Text(run) => out.push(self.text(run)),
                Piece::Node(node) => out.extend(self.inline(node)),
            }
        }
        out
    }

    fn inline(&mut self, node: Node<'a>) -> Option<Inline> {
        let value = node.data.borrow().value.clone();
        let kind = match value {
            // Text comes in runs through `pieces`; a node on its own is a run too.
            NodeValue::Text(_) | NodeValue::Escaped => return Some(self.text(&runs::single(node))),
            NodeValue::SoftBreak => InlineKind::SoftBreak,
            NodeValue::LineBreak => InlineKind::LineBreak,
            NodeValue::Code(code) => InlineKind::Code(self.written(node, &code.literal)),
            NodeValue::Emph => InlineKind::Emph(self.inlines(node)),
            NodeValue::Strong => InlineKind::Strong(self.inlines(node)),
            NodeValue::Strikethrough => InlineKind::Strike(self.inlines(node)),
            NodeValue::Link(link) => self.link(node, &link.url),
            NodeValue::Image(link) if link.url.trim().is_empty() => {
                let span = self.span(node);
                self.diags.push(
                    Diagnostic::warning("this image names no file; its description is shown as text")
                        .code(codes::EMPTY_LINK)
                        .at(span)
                        .hint("write the picture's path between the parentheses, e.g. `![Description](images/chart.png)`"),
                );
                InlineKind::Plain(self.inlines(node))
            }
            NodeValue::Image(link) => InlineKind::Picture(self.picture(node, &link.url)?),
            NodeValue::HtmlInline(html) => {
                if !self.raw_html(node, &html) {
                    return None;
                }
                InlineKind::Html(self.written(node, &html))
            }
            NodeValue::FootnoteReference(reference) => InlineKind::Note(reference.name),
            _ => InlineKind::Plain(self.inlines(node)),
        };
        Some(Inline {
            span: self.span(node),
            kind,
        })
    }

    /// Text, with `{{ fact }}` placeholders (written without escapes) replaced by their
    /// values.
    fn text(&mut self, run: &Run<'a>) -> Inline {
        let span = self.span(run.node_at(run.range.start).0);
        let range = run.range.clone();
        let syntax = run.syntax();
        self.undefined_notes(run, &syntax);
        self.bracketed_ids(run, &syntax);
        let mut segments = Vec::new();
        let mut last = range.start;
        for placeholder in placeholders(&syntax[range.clone()]) {
            let start = range.start + placeholder.range.start;
            let end = range.start + placeholder.range.end;
            self.unclosed_facts(run, &syntax, last..start);
            self.segments(run, last..start, &mut segments);
            last = end;
            // `{{ count.measures | noun }}`: the fact, and the noun to agree with it.
            let (name, noun) = crate::facts::noun::split(placeholder.name);
            let value = if let Some(value) = self.cx.facts.data(name) {
                self.data_fact(run, start..end, name, value)
            } else {
                self.fact(run, start..end, name)
            };
            let Some(value) = value else { continue };
            let Some(noun) = noun else {
                segments.push(Segment::Fact(value));
                continue;
            };
            let language = self.cx.facts.language();
            match crate::facts::noun::with_noun(name, &value, noun, language) {
                Ok(text) => segments.push(Segment::Fact(text)),
                Err(problem) => {
                    let span = self.run_span(run, start, end - start);
                    let d = self.error(problem.code, span, problem.message);
                    d.label = problem.label;
                    d.hints.push(problem.hint);
                }
            }
        }
        self.unclosed_facts(run, &syntax, last..range.end);
        self.segments(run, last..range.end, &mut segments);
        Inline {
            span,
            kind: InlineKind::Text(segments),
        }
    }

    /// Reports a `{{` without its `}}` in text between or after the facts (`rest`), and a
    /// `}}` there that closes nothing: either would print the fact's name in the document.
    fn unclosed_facts(&mut self, run: &Run<'a>, syntax: &str, rest: std::ops::Range<usize>) {
        let text = &syntax[rest.clone()];
        let (at, problem, label, hint) = if let Some(at) = text.find("{{") {
            (
                at,
                "this `{{` has no closing `}}`, so it would be printed as written",
                "the fact starts here",
                "end the fact with `}}` (a fact may run on to the next line); to print braces, write `\\{\\{`",
            )
        } else if let Some(at) = text
            .find("}}")
            // (After braces printed as written, `\{\{ … }}`, it closes those.)
            .filter(|&at| !run.text[rest.start..rest.start + at].contains("{{"))
        {
            (
                at,
                "this `}}` closes no `{{`, so it would be printed as written",
                "no `{{` before it",
                "a fact is written between two pairs of braces, `{{ plan.period }}`; to print braces, write `\\}\\}`",
            )
        } else {
            return;
        };
        let span = self.run_span(run, rest.start + at, 2);
        let d = self.error(codes::UNCLOSED_FACT, span, problem.to_string());
        d.label = label.to_string();
        d.hints.push(hint.to_string());
    }

    /// Reports `[#gyventojai]` or `[@gyventojai]` in a run of text, where the id is one a
    /// reference can name: the way other tools write a reference, printed as written here.
    fn bracketed_ids(&mut self, run: &Run<'a>, syntax: &str) {
        let start = run.range.start;
        for (at, mark, id) in bracketed(&syntax[run.range.clone()], &['#', '@']) {
            if !self.is_target(id) {
                continue;
            }
            let span = self.run_span(run, start + at, id.len() + 3);
            let d = self.error(
                codes::UNKNOWN_REFERENCE,
                span,
                format!("`[{mark}{id}]` would be printed as written"),
            );
            d.label = "not a reference".into();
            d.hints.push(format!(
                "a reference to `{id}` is written `[](#{id})`, which prints its number"
            ));
        }
    }

    /// Warns of each `[^name]` in a run of text: Markdown makes a footnote of it only when
    /// the text defines `[^name]: …`, and prints it as written otherwise.
    fn undefined_notes(&mut self, run: &Run<'a>, syntax: &str) {
        let start = run.range.start;
        for (at, _, name) in bracketed(&syntax[run.range.clone()], &['^']) {
            if name.is_empty()
                || name.contains(|c: char| c.is_whitespace() || c == '[' || c == '\0')
            {
                continue;
            }
            let span = self.run_span(run, start + at, name.len() + 3);
            let defined = self.note_names.iter().map(String::as_str);
            // Numbered notes (`[^3]` among `[^1]`, `[^2]`) are not misspellings of each other.
            let near = closest(name, defined).filter(|_| name.chars().count() >= 3);
            let hint = match near {
                Some(best) => format!("did you mean `[^{best}]`?"),
                None => format!(
                    "define the note below the paragraph, on a line of its own: `[^{name}]: The note's text.`"
                ),
            };
            self.diags.push(
                Diagnostic::warning(format!(
                    "the footnote `[^{name}]` is not defined, so it is printed as written"
                ))
                .code(codes::UNDEFINED_FOOTNOTE)
                .at(span)
                .label("no note of this name")
                .hint(hint),
            );
        }
    }

    /// Whether a fact may be unknown only because of an error already reported: it names
    /// an item left out, it is a report's (`report.…`, `report.2024.…`) whose year's
    /// monitoring file did not parse, or a file of the strategy did not parse, so that a fact
    /// of a known family (`funding.…`) may be about an item never read. A misspelt family is
    /// still reported.
    fn missing_for_an_error(&self, name: &str) -> bool {
        let gaps = self.cx.gaps;
        if name.split('.').any(|part| gaps.ids.contains(part)) {
            return true;
        }
        let family = name.split_once('.').map_or(name, |(family, _)| family);
        if family == "report" {
            let named = name.split('.').nth(1).and_then(|y| y.parse::<i32>().ok());
            if named
                .or(self.cx.report_year)
                .is_some_and(|y| gaps.reports.contains(&y))
            {
                return true;
            }
        }
        gaps.unreadable
            && self
                .cx
                .facts
                .names()
                .any(|known| known.split_once('.').is_some_and(|(f, _)| f == family))
    }

    /// A fact's value, or an error at the placeholder when no fact has its name.
    fn fact(&mut self, run: &Run<'a>, range: std::ops::Range<usize>, name: &str) -> Option<String> {
        if let Some(value) = self.cx.facts.get_for(name, self.cx.report_year) {
            return Some(value.to_string());
        }
        if self.missing_for_an_error(name) {
            return None;
        }
        let span = self.run_span(run, range.start, range.end - range.start);
        let hint = match closest(name, self.cx.facts.names()) {
            Some(best) => format!("did you mean `{{{{ {best} }}}}`?"),
            None => {
                "the facts page of plan's reference lists every fact, e.g. `{{ count.measures }}`"
                    .into()
            }
        };
        let d = self.error(codes::UNKNOWN_FACT, span, format!("unknown fact `{name}`"));
        d.label = "no fact has this name".into();
        d.hints.push(hint);
        None
    }

    /// A `{{ data.… }}` fact's value, or its problem at the placeholder (none for a dataset
    /// left out because of an error already reported).
    fn data_fact(
        &mut self,
        run: &Run<'a>,
        range: std::ops::Range<usize>,
        name: &str,
        value: Result<String, crate::facts::data::Problem>,
    ) -> Option<String> {
        match value {
            Ok(value) => return Some(value),
            Err(_)
                if crate::facts::data::dataset_of(name)
                    .is_some_and(|id| self.cx.gaps.datasets.contains(id)) => {}
            Err(problem) => {
                let span = self.run_span(run, range.start, range.end - range.start);
                let d = self.error(problem.code, span, problem.message);
                d.label = problem.label;
                d.hints.push(problem.hint);
            }
        }
        None
    }

    /// The text of a run between two offsets, one segment per node it lies in.
    fn segments(&self, run: &Run<'a>, range: std::ops::Range<usize>, out: &mut Vec<Segment>) {
        let mut at = range.start;
        while at < range.end {
            let (node, text, start) = run.node_at(at);
            let end = (start + text.len()).min(range.end);
            let mut written = self.written(node, text);
            if !matches!(node.data.borrow().value, NodeValue::Text(_)) {
                written.exact = false;
            }
            if written.exact {
                written.span = written.span_of(at - start, end - at);
            }
            written.text = run.text[at..end].to_string();
            out.push(Segment::Written(written));
            at = end;
        }
    }

    /// The span of `len` bytes at `offset` of a run's text: in the node that holds them, or
    /// from the first to the last when they run on over a line break.
    fn run_span(&self, run: &Run<'a>, offset: usize, len: usize) -> Span {
        let at = |offset: usize, len: usize| {
            let (node, text, start) = run.node_at(offset);
            match &node.data.borrow().value {
                NodeValue::Text(_) => {
                    let written = self.written(node, text);
                    let fits = offset - start + len <= text.len();
                    (written.span_of(offset - start, len), written.exact && fits)
                }
                _ => (self.span(node), false),
            }
        };
        let (first, exact) = at(offset, len);
        if exact || len == 0 {
            return first;
        }
        let (start, _) = at(offset, 1);
        match at(offset + len - 1, 1) {
            (end, true) if end.file == start.file && end.range.end > start.range.start => {
                Span::new(start.file, start.range.start..end.range.end)
            }
            _ => first,
        }
    }

    /// A link: a web or e-mail address, or `#id`, a reference to a numbered item. A link
    /// without a destination (`[text]()`) is its text.
    fn link(&mut self, node: Node<'a>, url: &str) -> InlineKind {
        if url.trim().is_empty() {
            let span = self.span(node);
            self.diags.push(
                Diagnostic::warning("this link has no destination; its text is shown as text")
                    .code(codes::EMPTY_LINK)
                    .at(span)
                    .hint("write the address between the parentheses, e.g. `[text](https://…)`, or leave out the brackets"),
            );
            return InlineKind::Plain(self.inlines(node));
        }
        let content = |walker: &mut Self| {
            node.children()
                .next()
                .is_some()
                .then(|| walker.inlines(node))
        };
        let Some(id) = url.strip_prefix('#') else {
            self.address(node, url);
            let shown = url.strip_prefix("mailto:").unwrap_or(url);
            return InlineKind::Link {
                url: url.to_string(),
                shown: self.written(node, shown),
                content: content(self),
            };
        };
        if let Some(number) = self.cx.numbers.get(id) {
            InlineKind::Item {
                id: id.to_string(),
                number: number.to_string(),
                content: content(self),
            }
        } else if let Some(kind) = self.cx.labels.get(id) {
            let span = self.span(node);
            self.label_refs.push((id.to_string(), span));
            InlineKind::Label {
                id: id.to_string(),
                kind,
                content: content(self),
            }
        } else if self.cx.gaps.explains(id) || self.cx.gaps.chapters_unread {
            // The target has an error of its own, or may be in a chapter that could not be
            // read; keep the text, report nothing more.
            InlineKind::Plain(self.inlines(node))
        } else {
            let span = self.span(node);
            let known = self.cx.numbers.ids().chain(self.cx.labels.ids());
            let hint = match closest(id, known) {
                Some(best) => format!("did you mean `#{best}`?"),
                None => "references name the id of a priority, goal, objective, measure, indicator, or a heading, figure or table with `{#id}`".into(),
            };
            let d = self.error(
                codes::UNKNOWN_REFERENCE,
                span,
                format!("reference to unknown id `{id}`"),
            );
            d.label = "nothing in the plan has this id".into();
            d.hints.push(hint);
            InlineKind::Plain(self.inlines(node))
        }
    }

    /// A paragraph whose every line is `| … |`: a table without the `|---|` line under its
    /// header, which Markdown reads as text and would print with its bars.
    fn table_without_rule(&mut self, node: Node<'a>) {
        let Some(located) = &self.located else {
            return;
        };
        let lines: Vec<&str> = located.lines_of(node).lines().map(str::trim).collect();
        let bars = |line: &&str| line.len() > 1 && line.starts_with('|') && line.ends_with('|');
        if lines.len() < 2 || !lines.iter().all(bars) {
            return;
        }
        let columns = lines[0].matches('|').count().saturating_sub(1).max(1);
        let rule = format!("|{}", "---|".repeat(columns));
        let span = self.span(node);
        let d = self.error(
            codes::NOT_A_TABLE,
            span,
            "these lines look like a table, but have no `|---|` line under the header, so they \
             would be printed as text with their bars"
                .into(),
        );
        d.label = "read as a paragraph".into();
        d.hints.push(format!(
            "add `{rule}` as the table's second line, under its header"
        ));
    }

    /// Whether `id` is something a reference can name: a numbered item of the plan, or a
    /// heading, figure or table labelled `{#id}`.
    fn is_target(&self, id: &str) -> bool {
        self.cx.numbers.get(id).is_some() || self.cx.labels.get(id).is_some()
    }

    /// A link's address that cannot work in a PDF: an id without its `#` (`[](gyventojai)`,
    /// meant as a reference) is an error; an address without `https://` (`www.alytus.lt`,
    /// a file's name), which a PDF viewer cannot open, a warning.
    fn address(&mut self, node: Node<'a>, url: &str) {
        let has_scheme = url
            .split_once(':')
            .is_some_and(|(scheme, _)| !scheme.is_empty() && !scheme.contains(['/', '.', '#']));
        if has_scheme {
            return;
        }
        let span = self.span(node);
        if self.is_target(url) {
            let d = self.error(
                codes::UNKNOWN_REFERENCE,
                span,
                format!("this link goes to `{url}`, not to the item with that id"),
            );
            d.label = "a reference starts with `#`".into();
            d.hints.push(format!("write `(#{url})`"));
            return;
        }
        let (lacks, hint) = if url.contains('@') && !url.contains('/') {
            ("mailto:", format!("write `mailto:{url}`"))
        } else if url.starts_with("www.") {
            (
                "https://",
                format!("write the whole address: `https://{url}`"),
            )
        } else {
            (
                "https://",
                "write the whole address, starting with `https://`; a reference to an item starts with `#`".into(),
            )
        };
        self.diags.push(
            Diagnostic::warning(format!(
                "the link `{url}` has no `{lacks}`, so a PDF viewer cannot open it"
            ))
            .code(codes::RELATIVE_LINK)
            .at(span)
            .hint(hint),
        );
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
                .code(codes::RAW_HTML)
                .at(span)
                .hint("use Markdown instead of HTML, or escape `<` as `\\<`"),
        );
        true
    }
}

/// Whether a paragraph is a lead-in: it ends with ":" and a list or a table (of Markdown
/// or from a dataset) follows it.
fn leads_in<'a>(paragraph: Node<'a>) -> bool {
    let opens = paragraph.next_sibling().is_some_and(|next| {
        matches!(
            next.data.borrow().value,
            NodeValue::List(_) | NodeValue::Table(_)
        ) || labels::figure(next).is_some_and(|(_, attrs)| labels::is_table(&attrs))
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

/// Each `[` in `text` followed by one of `marks` and a name up to the next `]`
/// (`[^note]`, `[#id]`): where the `[` is, the mark and the name.
fn bracketed<'s>(
    text: &'s str,
    marks: &'static [char],
) -> impl Iterator<Item = (usize, char, &'s str)> + 's {
    let mut from = 0;
    std::iter::from_fn(move || {
        loop {
            let at = from + text[from..].find('[')?;
            from = at + 1;
            let Some(mark) = text[from..].chars().next().filter(|c| marks.contains(c)) else {
                continue;
            };
            let rest = &text[from + mark.len_utf8()..];
            let len = rest.find(']')?;
            return Some((at, mark, &rest[..len]));
        }
    })
}
