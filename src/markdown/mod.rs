//! Markdown → typst markup through comrak's AST. Every piece of text is escaped, so nothing
//! a user writes can reach typst as code; structure becomes typst function calls.

pub mod escape;
mod plan;

pub use plan::{Rendered, render_plan, text_key};

use std::path::Path;

use comrak::nodes::{AstNode, ListType, NodeValue, TableAlignment};
use comrak::{Arena, Options, parse_document};

use crate::diag::{Diagnostic, Diagnostics, FileId, Span};
use crate::number::Numbers;

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
    pub numbers: &'a Numbers,
    /// The plan folder, where images are looked up.
    pub root: &'a Path,
}

/// Converts a Markdown chapter or text block to typst markup.
pub fn to_markup(markdown: &str, origin: Origin, cx: &Context, diags: &mut Diagnostics) -> String {
    let arena = Arena::new();
    let root = parse_document(&arena, markdown, &options());
    let mut writer = Writer::new(markdown, origin, cx, diags);
    writer.collect_footnotes(root);
    writer.block_children(root);
    writer.out.trim_end().to_string()
}

/// Converts inline Markdown (a SWOT item, a title) to markup without paragraph breaks.
pub fn inline_to_markup(
    markdown: &str,
    origin: Origin,
    cx: &Context,
    diags: &mut Diagnostics,
) -> String {
    let markup = to_markup(markdown, origin, cx, diags);
    markup.replace("\n\n", " ")
}

/// The Markdown dialect of PLAN-FORMAT.md: CommonMark with GFM tables, strikethrough,
/// autolinks, task lists and footnotes.
fn options() -> Options<'static> {
    let mut options = Options::default();
    options.extension.table = true;
    options.extension.strikethrough = true;
    options.extension.autolink = true;
    options.extension.tasklist = true;
    options.extension.footnotes = true;
    options
}

/// Walks the AST and writes markup.
struct Writer<'a, 'd> {
    source: &'a str,
    origin: Origin,
    cx: &'a Context<'a>,
    diags: &'d mut Diagnostics,
    out: String,
    /// Byte offset of each line start, for positions of chapter files.
    lines: Vec<usize>,
    /// Footnote definitions by name, rendered when referenced.
    footnotes: Vec<(String, String)>,
}

type Node<'a> = &'a AstNode<'a>;

impl<'a, 'd> Writer<'a, 'd> {
    fn new(
        source: &'a str,
        origin: Origin,
        cx: &'a Context<'a>,
        diags: &'d mut Diagnostics,
    ) -> Self {
        let lines = std::iter::once(0)
            .chain(source.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Self {
            source,
            origin,
            cx,
            diags,
            out: String::new(),
            lines,
            footnotes: Vec::new(),
        }
    }

    /// The span of a node's start, for diagnostics.
    fn span(&self, node: Node) -> Span {
        match &self.origin {
            Origin::Embedded(span) => span.clone(),
            Origin::File(file) => {
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
                    self.line_end(start)
                };
                Span::new(*file, start..end)
            }
        }
    }

    /// The nearest character boundary at or after a byte offset, within the source.
    fn boundary(&self, mut offset: usize) -> usize {
        offset = offset.min(self.source.len());
        while !self.source.is_char_boundary(offset) {
            offset += 1;
        }
        offset
    }

    fn line_end(&self, start: usize) -> usize {
        self.source[start..]
            .find('\n')
            .map_or(self.source.len(), |i| start + i)
    }

    /// Renders footnote definitions up front so references can inline them.
    fn collect_footnotes(&mut self, root: Node<'a>) {
        for node in root.children() {
            let name = match &node.data.borrow().value {
                NodeValue::FootnoteDefinition(def) => def.name.clone(),
                _ => continue,
            };
            let saved = std::mem::take(&mut self.out);
            self.block_children(node);
            let body = std::mem::replace(&mut self.out, saved);
            self.footnotes.push((name, body.trim_end().to_string()));
        }
    }

    fn block_children(&mut self, node: Node<'a>) {
        for child in node.children() {
            self.block(child);
        }
    }

    fn inline_children(&mut self, node: Node<'a>) {
        for child in node.children() {
            self.inline(child);
        }
    }

    /// Content of a node as a `[...]` block.
    fn bracketed(&mut self, node: Node<'a>, inline: bool) {
        self.out.push('[');
        if inline {
            self.inline_children(node);
        } else {
            let start = self.out.len();
            self.block_children(node);
            let trimmed = self.out[start..].trim_end().len();
            self.out.truncate(start + trimmed);
        }
        self.out.push(']');
    }

    fn block(&mut self, node: Node<'a>) {
        let value = node.data.borrow().value.clone();
        match value {
            NodeValue::Paragraph => {
                self.inline_children(node);
                self.out.push_str("\n\n");
            }
            NodeValue::Heading(heading) => {
                self.out
                    .push_str(&format!("#heading(level: {})", heading.level));
                self.bracketed(node, true);
                self.out.push_str("\n\n");
            }
            NodeValue::BlockQuote | NodeValue::MultilineBlockQuote(_) => {
                self.out.push_str("#quote(block: true)");
                self.bracketed(node, false);
                self.out.push_str("\n\n");
            }
            NodeValue::List(list) => {
                let function = match list.list_type {
                    ListType::Bullet => "#list(".to_string(),
                    ListType::Ordered => format!("#enum(start: {}, ", list.start),
                };
                self.out.push_str(&function);
                self.out.push_str(&format!("tight: {}", list.tight));
                for item in node.children() {
                    self.out.push_str(", ");
                    self.list_item(item);
                }
                self.out.push_str(")\n\n");
            }
            NodeValue::CodeBlock(code) => {
                let lang = code.info.split_whitespace().next().unwrap_or("");
                let literal = code.literal.strip_suffix('\n').unwrap_or(&code.literal);
                self.out.push_str("#raw(block: true, ");
                if !lang.is_empty() {
                    self.out
                        .push_str(&format!("lang: {}, ", escape::string(lang)));
                }
                self.out.push_str(&escape::string(literal));
                self.out.push_str(")\n\n");
            }
            NodeValue::ThematicBreak => self.out.push_str("#line(length: 100%, stroke: 0.5pt)\n\n"),
            NodeValue::HtmlBlock(html) => {
                self.raw_html(node, &html.literal);
                if !is_html_comment(&html.literal) {
                    self.out.push_str(&escape::markup(html.literal.trim_end()));
                    self.out.push_str("\n\n");
                }
            }
            NodeValue::Table(table) => self.table(node, &table.alignments),
            NodeValue::FootnoteDefinition(_) | NodeValue::FrontMatter(_) => {}
            _ => {
                // Any other block: keep its text.
                self.inline_children(node);
                self.out.push_str("\n\n");
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
            self.out.push_str(if done { "☒ " } else { "☐ " });
        }
        let start = self.out.len();
        for child in item.children() {
            let is_paragraph = matches!(child.data.borrow().value, NodeValue::Paragraph);
            if is_paragraph {
                self.inline_children(child);
                self.out.push_str("\n\n");
            } else {
                self.block(child);
            }
        }
        let trimmed = self.out[start..].trim_end().len();
        self.out.truncate(start + trimmed);
        self.out.push(']');
    }

    fn table(&mut self, node: Node<'a>, alignments: &[TableAlignment]) {
        let align: Vec<&str> = alignments
            .iter()
            .map(|a| match a {
                TableAlignment::Right => "right",
                TableAlignment::Center => "center",
                _ => "left",
            })
            .collect();
        self.out.push_str(&format!(
            "#table(columns: {}, align: ({},)",
            alignments.len().max(1),
            align.join(", ")
        ));
        for row in node.children() {
            let header = matches!(row.data.borrow().value, NodeValue::TableRow(true));
            self.out
                .push_str(if header { ", table.header(" } else { "" });
            for (i, cell) in row.children().enumerate() {
                if header && i == 0 {
                    self.out.push('[');
                } else {
                    self.out.push_str(", [");
                }
                self.inline_children(cell);
                self.out.push(']');
            }
            if header {
                self.out.push(')');
            }
        }
        self.out.push_str(")\n\n");
    }

    fn inline(&mut self, node: Node<'a>) {
        let value = node.data.borrow().value.clone();
        match value {
            NodeValue::Text(text) => self.out.push_str(&escape::markup(&text)),
            NodeValue::SoftBreak => self.out.push(' '),
            NodeValue::LineBreak => self.out.push_str("#linebreak()"),
            NodeValue::Code(code) => {
                self.out.push_str("#raw(");
                self.out.push_str(&escape::string(&code.literal));
                self.out.push(')');
            }
            NodeValue::Emph => self.wrap(node, "#emph"),
            NodeValue::Strong => self.wrap(node, "#strong"),
            NodeValue::Strikethrough => self.wrap(node, "#strike"),
            NodeValue::Link(link) => self.link(node, &link.url),
            NodeValue::Image(link) => self.image(node, &link.url),
            NodeValue::HtmlInline(html) => {
                self.raw_html(node, &html);
                if !is_html_comment(&html) {
                    self.out.push_str(&escape::markup(&html));
                }
            }
            NodeValue::FootnoteReference(reference) => {
                match self
                    .footnotes
                    .iter()
                    .find(|(name, _)| *name == reference.name)
                {
                    Some((_, body)) => {
                        let body = body.clone();
                        self.out.push_str("#footnote[");
                        self.out.push_str(&body);
                        self.out.push(']');
                    }
                    None => {
                        let span = self.span(node);
                        self.diags.push(
                            Diagnostic::error(format!(
                                "footnote `{}` is not defined",
                                reference.name
                            ))
                            .at(span)
                            .hint(format!(
                                "add a line `[^{}]: …` to the chapter",
                                reference.name
                            )),
                        );
                    }
                }
            }
            _ => self.inline_children(node),
        }
    }

    fn wrap(&mut self, node: Node<'a>, function: &str) {
        self.out.push_str(function);
        self.bracketed(node, true);
    }

    /// A link: a web or e-mail address, or `#id`, a reference to a numbered item.
    fn link(&mut self, node: Node<'a>, url: &str) {
        if let Some(id) = url.strip_prefix('#') {
            match self.cx.numbers.get(id) {
                Some(number) => {
                    if node.children().next().is_none() {
                        self.out.push_str(&escape::markup(number));
                    } else {
                        self.inline_children(node);
                    }
                }
                None => {
                    let span = self.span(node);
                    self.diags.push(
                        Diagnostic::error(format!("reference to unknown id `{id}`"))
                            .at(span)
                            .label("no priority, goal, objective, measure or indicator has this id")
                            .hint("check the id against the strategy files"),
                    );
                    self.inline_children(node);
                }
            }
            return;
        }
        self.out.push_str("#link(");
        self.out.push_str(&escape::string(url));
        self.out.push(')');
        if node.children().next().is_none() {
            self.out.push('[');
            self.out
                .push_str(&escape::markup(url.strip_prefix("mailto:").unwrap_or(url)));
            self.out.push(']');
        } else {
            self.bracketed(node, true);
        }
    }

    /// An image: a numbered figure whose caption is the alt text.
    fn image(&mut self, node: Node<'a>, url: &str) {
        let span = self.span(node);
        if let Err(problem) = crate::load::check_relative(url) {
            self.diags.push(
                Diagnostic::error(format!("image path `{url}` {problem}"))
                    .at(span)
                    .hint("images must lie inside the plan folder, e.g. images/chart.png"),
            );
            return;
        }
        if !self.cx.root.join(url).is_file() {
            self.diags.push(
                Diagnostic::error(format!("image `{url}` not found in the plan folder")).at(span),
            );
            return;
        }
        let caption_start = self.out.len();
        self.inline_children(node);
        let caption = self.out.split_off(caption_start);
        let alt = plain_text(node);
        self.out.push_str(&format!(
            "#figure(image({}, alt: {}, width: 100%), caption: [{}])",
            escape::string(&format!("/{url}")),
            escape::string(&alt),
            caption
        ));
    }

    fn raw_html(&mut self, node: Node<'a>, html: &str) {
        if is_html_comment(html) {
            return;
        }
        let span = self.span(node);
        self.diags.push(
            Diagnostic::warning("raw HTML is not typeset; it is shown as text")
                .at(span)
                .hint("use Markdown instead of HTML, or escape `<` as `\\<`"),
        );
    }
}

fn is_html_comment(html: &str) -> bool {
    let html = html.trim();
    html.starts_with("<!--") && html.ends_with("-->")
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
