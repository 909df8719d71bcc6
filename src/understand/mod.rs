//! Understanding: Markdown (chapters and the texts written in TOML) → the neutral
//! document tree of [`tree`], through comrak's AST. Facts, references, figures, captions,
//! footnotes and heading levels are resolved here, once, and every Markdown problem is
//! reported here, where it is written; writers (`crate::writers`) only lay the tree out.
//! Nothing here needs fonts or pictures: the characters no font has and the pictures are
//! passes over the tree ([`glyphs`], [`pictures`]).

mod attrs;
mod data_chart;
pub(crate) mod data_table;
pub(crate) mod from_data;
pub(crate) mod glyphs;
mod labels;
pub(crate) mod pictures;
mod plan;
mod runs;
pub(crate) mod tree;
mod walk;

use comrak::nodes::AstNode;
use comrak::{Arena, Options, parse_document};

pub(crate) use data_chart::for_lines;
pub(crate) use labels::{LabelKind, Labels};
pub(crate) use plan::{Text, Understood, text_key, understand_chapters, understand_plan};
pub(crate) use tree::Doc;

use crate::diag::{Diagnostics, FileId, Span};
use crate::facts::Facts;
use crate::number::Numbers;

/// Where a piece of Markdown comes from, to place diagnostics.
#[derive(Debug, Clone)]
pub(crate) enum Origin {
    /// A chapter file: positions map to exact lines and columns.
    File(FileId),
    /// A Markdown string inside TOML: diagnostics point at the whole string.
    Embedded(Span),
}

/// What understanding needs to know about the plan.
#[derive(Clone, Copy)]
pub(crate) struct Context<'a> {
    /// Numbers of strategy items and codes of indicators.
    pub numbers: &'a Numbers,
    /// Ids defined by Markdown headings, figures and tables.
    pub labels: &'a Labels,
    pub facts: &'a Facts,
    /// The year `{{ report.… }}` facts are about: that of the report documents holding
    /// the chapter, or `None` for the facts' own default (the latest).
    pub report_year: Option<i32>,
    /// Ids missing because of errors already reported.
    pub gaps: &'a crate::model::Gaps,
}

/// Understands a Markdown chapter or text, reporting its problems to `diags`.
pub(crate) fn understand(
    markdown: &str,
    origin: Origin,
    cx: &Context,
    diags: &mut Diagnostics,
) -> Doc {
    let arena = Arena::new();
    let root = parse_document(&arena, markdown, &options());
    walk::Walker::new(markdown, origin, cx, diags).document(root)
}

/// The Markdown dialect of chapters (docs/en/reference/chapters.md): CommonMark with GFM tables, strikethrough,
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

    /// Where the attribute block that ends a node (`Table: … {#id .landscape}`) is, from its
    /// `{`; `None` when the node does not end with one.
    fn trailing_block(&self, node: Node) -> Option<Span> {
        let range = self.whole(node);
        let text = self.source.get(range.clone())?.trim_end();
        let open = text.strip_suffix('}')?.rfind('{')?;
        Some(Span::new(
            self.file,
            range.start + open..range.start + text.len(),
        ))
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

    /// The whole lines a node is written on (a diagnostic's span is its first line).
    fn lines_of(&self, node: Node) -> &'a str {
        let pos = node.data.borrow().sourcepos;
        let start = self.lines.get(pos.start.line.saturating_sub(1)).copied();
        let end = self
            .lines
            .get(pos.end.line)
            .copied()
            .unwrap_or(self.source.len());
        start
            .and_then(|start| self.source.get(start..end.max(start)))
            .unwrap_or("")
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

/// A chapter of a fixture plan, understood: what the writers' tests read.
#[cfg(test)]
pub(crate) struct FixtureChapter {
    pub doc: Doc,
    pub checked: crate::Checked,
    /// The fixture's sources, the chapter among them as `chapter.md`.
    pub sources: crate::diag::Sources,
    pub origin: Origin,
    /// The fixture plan's folder.
    pub dir: std::path::PathBuf,
}

/// Understands `markdown` as a chapter of the `basic` fixture plan (so facts and references
/// resolve against real data), its problems to `diags` (the fixture's own are dropped).
#[cfg(test)]
pub(crate) fn in_fixture(markdown: &str, diags: &mut Diagnostics) -> FixtureChapter {
    in_fixture_plan("basic", markdown, diags)
}

/// [`in_fixture`] with the fixture plan `tests/fixtures/<name>`.
#[cfg(test)]
pub(crate) fn in_fixture_plan(
    name: &str,
    markdown: &str,
    diags: &mut Diagnostics,
) -> FixtureChapter {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    let mut sources = crate::diag::Sources::default();
    let mut fixture_diags = Diagnostics::default();
    let checked = crate::check(&dir, &mut sources, &mut fixture_diags).expect("the fixture loads");
    let file = sources.add("chapter.md", "chapter.md".into(), markdown.to_string());
    let mut labels = Labels::default();
    for (id, kind, span) in labels::collect(markdown, file) {
        labels.insert(&id, kind, span);
    }
    let facts = Facts::new(&checked.plan, &checked.ledger);
    let cx = Context {
        numbers: &checked.numbers,
        labels: &labels,
        facts: &facts,
        report_year: None,
        gaps: &checked.plan.gaps,
    };
    let origin = Origin::File(file);
    let doc = understand(markdown, origin.clone(), &cx, diags);
    FixtureChapter {
        doc,
        checked,
        sources,
        origin,
        dir,
    }
}
