//! The understood tree as WordprocessingML: blocks as paragraphs and tables, inlines as
//! runs, footnotes as Word footnotes, references as links to bookmarks around their targets.

use std::collections::HashMap;

use super::grid::{Cell, Grid, Row, RowKind};
use super::numbers::Numbers;
use super::package::{Page, Relation, Section};
use super::pictures;
use super::revisions::{self, Recorded, Recording, Revisions};
use super::xml::{Look, escape, paragraph, run, run_of};
use crate::model::Language;
use crate::understand::tree::{
    Align, Block, BlockKind, Chart, Doc, Figure, Inline, InlineKind, List, Note, Place, Table,
};
use crate::writers::typst::escape::Quotes;

/// Where blocks are written: in the text, a footnote, a quote or a list item.
#[derive(Debug, Clone, Copy, Default)]
struct Context {
    note: bool,
    /// In a note's text set in brackets inside another note (no deeper).
    nested: bool,
    quote: bool,
    /// In a list: the list's `w:num`, its depth (0 outermost), and whether the paragraph is
    /// its item's first (which carries the bullet or number).
    list: Option<(usize, usize, bool)>,
}

/// Writes the body and the footnotes of one Word document.
pub(super) struct Writer<'a> {
    pub language: Language,
    pub numbers: &'a Numbers,
    pub root: &'a std::path::Path,
    pub out: String,
    pub footnotes: String,
    pub relations: Vec<Relation>,
    pub media: Vec<(String, Vec<u8>)>,
    /// The first number of each ordered list, in order (their `w:num` from 2).
    pub ordered: Vec<usize>,
    /// An act's annex not yet titled: its next first-level heading (a generated part's or a
    /// chapter's) prints the annex's title in capitals, centred, instead (the given title,
    /// or the heading's own words when `None`), as the PDF's.
    pub annex_title: Option<Option<String>>,
    /// The footnote id of each note placed, by the chapter's index and the note's name.
    placed: HashMap<(usize, String), u32>,
    next_note: u32,
    next_bookmark: u32,
    next_picture: u32,
    /// The relation of each picture embedded, by path and page.
    pictures: HashMap<String, usize>,
    /// The chapter written now (its index, its notes).
    chapter: usize,
    notes: &'a [Note],
    /// Set at the start of each part: its first paragraph starts a new page.
    page_break: bool,
    /// Problems with pictures, said to the user.
    pub problems: Vec<String>,
    /// The quotation marks of the paragraph being written, resolved as typst resolves them.
    quotes: Quotes,
    /// The headings of levels 1–3 written: level, bookmark, text (escaped) as shown.
    pub headings: Vec<(u8, String, String)>,
    /// The section being written: its orientation, whether its page numbers start at 1
    /// (the first after the title page, an annex's first), its footer.
    pub section: Section,
    /// The document's page (a landscape part's has margins of its own).
    base_page: Page,
    /// Where the section's own content starts in `out` (after an annex's mark): a
    /// section still empty there turns landscape without a section of its own before.
    content_from: usize,
    /// The last section's end: where its paragraph starts in `out`, its length, and the
    /// section it ended (landscape pages that go on take it back).
    last_end: Option<(usize, usize, Section)>,
    /// How many texts from TOML were written (each text's footnotes are its own).
    texts_written: usize,
    /// How many of the generated parts' captioned tables and figures were written.
    part_tables: usize,
    part_images: usize,
    /// The names of the bookmarks written.
    bookmarks: std::collections::HashSet<String>,
    /// The references to plan items written as links (the bookmark, the link, the same
    /// text without it): a link stays only where a part bookmarked its item (see
    /// [`Writer::settle_item_links`]).
    item_links: Vec<(String, String, String)>,
    /// With a list of figures or tables in the document: every caption written (whether
    /// a table's, its bookmark, its text as shown), for the lists (`parts::lists`), and
    /// each caption's number is a Word caption number (a `SEQ` field) the lists' fields
    /// find. `None` without a list.
    pub captions: Option<Vec<(bool, String, String)>>,
    /// The comparison edition's tracked changes (`<id>-changes.docx`), when writing it.
    pub revisions: Option<Revisions>,
    /// Set when only the paragraphs' and tables' texts are wanted (to compare them): each
    /// is kept here.
    record: Option<Recording>,
}

impl<'a> Writer<'a> {
    pub(super) fn new(
        language: Language,
        numbers: &'a Numbers,
        root: &'a std::path::Path,
        page: Page,
    ) -> Self {
        Writer {
            language,
            numbers,
            root,
            out: String::new(),
            footnotes: String::new(),
            relations: Vec::new(),
            media: Vec::new(),
            ordered: Vec::new(),
            annex_title: None,
            placed: HashMap::new(),
            next_note: 1,
            next_bookmark: 1,
            next_picture: 1,
            pictures: HashMap::new(),
            chapter: 0,
            notes: &[],
            page_break: false,
            problems: Vec::new(),
            quotes: Quotes::default(),
            headings: Vec::new(),
            section: Section {
                landscape: false,
                restart: false,
                footer: super::package::MAIN_FOOTER,
                page,
                annex_first: false,
            },
            base_page: page,
            content_from: 0,
            last_end: None,
            texts_written: 0,
            part_tables: 0,
            part_images: 0,
            bookmarks: std::collections::HashSet::new(),
            item_links: Vec::new(),
            captions: None,
            revisions: None,
            record: None,
        }
    }

    /// The paragraphs of a tree as a writer writes them (footnotes left out, pictures not
    /// read): what the comparison edition compares.
    pub(super) fn recorded(
        language: Language,
        numbers: &'a Numbers,
        root: &'a std::path::Path,
        doc: &'a Doc,
    ) -> Recording {
        let mut writer = Writer::new(language, numbers, root, Page::default());
        writer.record = Some(Recording::default());
        writer.chapter(0, doc, false);
        writer.record.unwrap_or_default()
    }

    /// Starts writing a tree (a chapter, a text): its tracked changes, if any.
    fn begin(&mut self, doc: &Doc) {
        if let Some(revisions) = &mut self.revisions {
            revisions.begin(revisions::key(doc));
        }
    }

    /// Ends writing a tree: the earlier paragraphs deleted after its last.
    fn finish(&mut self, out: &mut String) {
        if let Some(revisions) = &mut self.revisions {
            out.push_str(&revisions.finish(&mut self.next_bookmark));
        }
    }

    /// A paragraph's runs (a heading's, a caption's, a code block's, a footnote's) as the
    /// comparison edition writes them, the earlier paragraphs deleted before it written to
    /// `out`; whether it is a new one. When recording, it is kept instead.
    fn revise(
        &mut self,
        style: Option<&str>,
        content: String,
        _cx: Context,
        out: &mut String,
    ) -> (String, bool) {
        if let Some(record) = &mut self.record {
            record.paragraphs.push(Recorded {
                style: style.map(str::to_string),
                text: revisions::text_of(&content),
            });
            return (content, false);
        }
        match &mut self.revisions {
            Some(revisions) => {
                let revised = revisions.paragraph(content, &mut self.next_bookmark);
                out.push_str(&revised.deleted);
                (revised.content, revised.inserted)
            }
            None => (content, false),
        }
    }

    /// A table's rows as the comparison edition writes them (cells changed word by word,
    /// rows inserted and deleted), with each row's mark; recorded instead when recording.
    fn revise_table(&mut self, rows: Vec<Row>) -> (Vec<Row>, Vec<Option<String>>) {
        if let Some(record) = &mut self.record {
            record.tables.push(
                rows.iter()
                    .map(|r| {
                        r.cells
                            .iter()
                            .map(|c| revisions::text_of(&c.runs))
                            .collect()
                    })
                    .collect(),
            );
            return (rows, Vec::new());
        }
        let Some(revisions) = &mut self.revisions else {
            return (rows, Vec::new());
        };
        match revisions.table() {
            Some(plan) => revisions.rows(&plan, rows, &mut self.next_bookmark),
            None => (rows, Vec::new()),
        }
    }

    /// A paragraph, its mark tracked as inserted when it is new.
    fn marked(&mut self, paragraph: String, inserted: bool) -> String {
        match &self.revisions {
            Some(revisions) if inserted => {
                revisions.inserted_mark(&paragraph, &mut self.next_bookmark)
            }
            _ => paragraph,
        }
    }

    /// A plain paragraph of a style, starting a new page when a part begins with it.
    /// The approval mark's first line ("PATVIRTINTA") is bold, as in the PDF.
    pub(super) fn line(&mut self, style: &str, text: &str) {
        self.line_with(style, text, "");
    }

    /// A mark at the top right ("PATVIRTINTA …", "… plano 1 priedas"), as the PDF sets it:
    /// a block `width` wide (in twentieths of a point) at the right of the text, its lines
    /// flush left; on a page of the text's width on portrait or `landscape` pages.
    pub(super) fn mark(&mut self, style: &str, text: &str, width: u32, landscape: bool) {
        // A first page on landscape pages is a landscape part's, with its margins.
        let page = if landscape {
            self.base_page.for_landscape_parts()
        } else {
            self.section.page
        };
        let left = page.text_width(landscape).saturating_sub(width);
        self.line_with(style, text, &format!("<w:ind w:left=\"{left}\"/>"));
    }

    /// A plain paragraph of a style with extra properties.
    fn line_with(&mut self, style: &str, text: &str, properties: &str) {
        let content = match text.split_once('\n') {
            Some((first, rest)) if style == "ApprovalMark" => format!(
                "{}{}",
                run(
                    first,
                    Look {
                        bold: true,
                        ..Look::default()
                    }
                ),
                run(&format!("\n{rest}"), Look::default())
            ),
            _ => run(text, Look::default()),
        };
        let p = self.para(Some(style), properties, &content);
        self.out.push_str(&p);
    }

    /// Writes a chapter (the `index`-th of the document), on a new page when `new_page`.
    pub(super) fn chapter(&mut self, index: usize, doc: &'a Doc, new_page: bool) {
        self.chapter = index;
        self.notes = &doc.notes;
        self.page_break = new_page;
        let mut out = String::new();
        self.last_end = None;
        self.begin(doc);
        self.blocks(&doc.blocks, Context::default(), &mut out);
        self.finish(&mut out);
        self.out.push_str(&out);
        self.placed_in_out(out.len());
    }

    /// Puts the section state right after `len` bytes written into a buffer were appended
    /// to `out` (sections ended inside the buffer were placed as if at `out`'s old end):
    /// a chapter that ends with a section's end (a landscape table last) leaves the next
    /// section empty, one whose content goes on after it does not.
    fn placed_in_out(&mut self, len: usize) {
        let start = self.out.len() - len;
        match self.last_end {
            Some((_, end_len, section))
                if self.out[start..].ends_with("</w:sectPr></w:pPr></w:p>") =>
            {
                self.last_end = Some((self.out.len() - end_len, end_len, section));
                self.content_from = self.out.len();
            }
            _ => {
                self.last_end = None;
                self.content_from = self.content_from.min(start);
            }
        }
    }

    /// A generated part's heading ("11. Priemonių planas"): a first-level heading in the
    /// contents, on a new page when `new_page`, bookmarked for the contents.
    pub(super) fn part_heading(&mut self, number: &str, title: &str, new_page: bool) {
        self.page_break = new_page;
        self.heading(1, Some(&format!("{number}.")), title, None);
    }

    /// A heading of a generated part at `level`, with its number when it has one, and a
    /// bookmark: `bookmark` when something links to it, else one for the contents.
    pub(super) fn heading(
        &mut self,
        level: u8,
        number: Option<&str>,
        text: &str,
        bookmark: Option<&str>,
    ) {
        self.quotes = Quotes::default();
        let mut content = String::new();
        let annex_title = if level == 1 {
            self.annex_title.take()
        } else {
            None
        };
        if let Some(title) = &annex_title {
            let title = title.as_deref().unwrap_or(text).to_uppercase();
            content.push_str(&self.runs(&title, Look::default()));
        } else {
            if let Some(number) = number {
                content.push_str(&run(&format!("{number} "), Look::default()));
            }
            content.push_str(&self.runs(text, Look::default()));
        }
        let name = match bookmark {
            Some(name) => name.to_string(),
            None => format!("_Toc{}", self.headings.len() + 1),
        };
        // The contents list the heading as the PDF's do: its number and its own words (an
        // annex's title too).
        if level <= 3 {
            let entry = match &annex_title {
                Some(_) => {
                    let own = Quotes::default().typeset_text(text, self.language);
                    let number = number.map(|n| format!("{n} ")).unwrap_or_default();
                    shown_text(&run(&format!("{number}{own}"), Look::default()))
                }
                None => shown_text(&content),
            };
            self.headings.push((level, name.clone(), entry));
        }
        let content = self.bookmark(&name, &content);
        let style = match annex_title {
            Some(_) => "AnnexTitle".to_string(),
            None => format!("Heading{}", level.clamp(1, 6)),
        };
        let p = self.para(Some(&style), "", &content);
        self.out.push_str(&p);
    }

    /// Text as a run, its quotation marks resolved as typst resolves them (a title, a
    /// name, a value from the plan's data).
    /// In the comparison edition, a title, name or amount that replaced an earlier one is
    /// that one deleted and this one inserted, word by word.
    pub(super) fn runs(&mut self, text: &str, look: Look) -> String {
        let shown = self.quotes.typeset_text(text, self.language);
        let plain = run(&shown, look);
        if let (Some(revisions), None) = (&self.revisions, &self.record)
            && let Some(tracked) = revisions.runs(text, &shown, &plain, &mut self.next_bookmark)
        {
            return tracked;
        }
        plain
    }

    /// The title page's emblem, centred, `height` EMU high (as the PDF's 3.4 cm).
    pub(super) fn emblem(&mut self, picture: &crate::understand::tree::Picture, height: u64) {
        let Ok(loaded) = pictures::load(self.root, picture) else {
            // Said once, by `picture` below.
            let _ = self.picture(picture, self.section.page.text_width_emu());
            return;
        };
        let (w, h) = loaded.size;
        let width = (w * height).checked_div(h).unwrap_or(w);
        if let Some(drawing) = self.picture(picture, width.max(1)) {
            let p = self.para(
                None,
                "<w:spacing w:after=\"360\"/><w:jc w:val=\"center\"/>",
                &drawing,
            );
            self.out.push_str(&p);
        }
    }

    /// Text as the first runs of a paragraph of its own (a table cell, a measure's title in
    /// the column beside its number): its quotation marks resolved afresh, as typst
    /// resolves each cell's.
    pub(super) fn fresh_runs(&mut self, text: &str, look: Look) -> String {
        self.quotes = Quotes::default();
        self.runs(text, look)
    }

    /// A paragraph of runs in a style (`None`: the text's), with extra properties
    /// (`<w:keepNext/>` to keep it with what follows).
    pub(super) fn paragraph(&mut self, style: Option<&str>, properties: &str, runs: &str) {
        self.quotes = Quotes::default();
        let p = self.para(style, properties, runs);
        self.out.push_str(&p);
    }

    /// A text written in TOML (a priority's description, the vision): its blocks, set as
    /// a chapter's are. Its footnotes are its own.
    pub(super) fn text(&mut self, doc: &'a Doc) {
        self.chapter = usize::MAX - self.texts_written;
        self.texts_written += 1;
        self.notes = &doc.notes;
        let mut out = String::new();
        self.begin(doc);
        self.blocks(&doc.blocks, Context::default(), &mut out);
        self.finish(&mut out);
        self.out.push_str(&out);
    }

    /// A table of a generated part.
    pub(super) fn grid(&mut self, grid: &Grid) {
        self.page_break = false;
        self.quotes = Quotes::default();
        let xml = grid.xml(self.section.page.text_width(grid.landscape));
        self.out.push_str(&xml);
    }

    /// A table of a generated part with many columns: its cells' text nearer their sides
    /// (see [`Grid::narrow_xml`]).
    pub(super) fn narrow_grid(&mut self, grid: &Grid) {
        self.page_break = false;
        self.quotes = Quotes::default();
        let xml = grid.narrow_xml(self.section.page.text_width(grid.landscape));
        self.out.push_str(&xml);
    }

    /// Starts a landscape part's pages (`true`, with their margins) or goes back to
    /// portrait ones: the pages before end a section of their own (unless there are none
    /// yet in this section).
    pub(super) fn landscape(&mut self, landscape: bool) {
        self.page_break = false;
        if self.section.landscape == landscape {
            return;
        }
        if self.out.len() > self.content_from {
            let end = self.end_section("");
            self.out.push_str(&end);
        }
        self.section.landscape = landscape;
        self.section.page = if landscape {
            self.base_page.for_landscape_parts()
        } else {
            self.base_page
        };
    }

    /// Marks where the section's own content starts (after the title page, or under an
    /// annex's mark): a first part on landscape pages turns the section landscape.
    pub(super) fn section_starts_here(&mut self) {
        self.content_from = self.out.len();
    }

    /// The paragraph that ends the section being written (holding `content`, such as the
    /// bookmark at the end of a run of page numbers); the next one goes on with its page
    /// numbers and footer.
    pub(super) fn end_section(&mut self, content: &str) -> String {
        let p = paragraph(None, &super::package::section(&self.section), content);
        self.last_end = Some((self.out.len(), p.len(), self.section));
        self.section.restart = false;
        self.section.annex_first = false;
        self.content_from = self.out.len() + p.len();
        p
    }

    /// Whether landscape pages have just ended (the part before was landscape): if so,
    /// they go on, their end taken back, so that two landscape parts in a row have no
    /// portrait page between them.
    pub(super) fn landscape_goes_on(&mut self) -> bool {
        match self.last_end {
            Some((start, len, section)) if section.landscape && start + len == self.out.len() => {
                self.out.truncate(start);
                self.section = section;
                self.content_from = start;
                self.last_end = None;
                true
            }
            _ => false,
        }
    }

    /// Puts the bookmark `name` around the last run written (the end of a run of page
    /// numbers, which its footer's "N / T" counts to: LibreOffice finds no page of an
    /// empty bookmark), or in a paragraph of its own when nothing is written.
    pub(super) fn mark_end(&mut self, name: &str) {
        let last = self.out.rfind("</w:r>").map(|end| end + "</w:r>".len());
        let start = last.and_then(|end| self.out[..end].rfind("<w:r>").map(|s| (s, end)));
        match start {
            Some((start, end)) => {
                let run = self.out[start..end].to_string();
                let marked = self.bookmark(name, &run);
                self.out.replace_range(start..end, &marked);
            }
            None => {
                let marked = self.bookmark(name, "");
                self.out.push_str(&paragraph(None, "", &marked));
            }
        }
    }

    /// Starts an annex part: the section before ends (its last run bookmarked `end`, the
    /// end of its run of page numbers), the annex's pages are numbered from 1 with
    /// `footer`, and its mark stands at the top of its first page (a `landscape` one when
    /// the annex's first part is on landscape pages).
    pub(super) fn annex_start(&mut self, end: &str, footer: usize, mark: &str, landscape: bool) {
        self.page_break = false;
        self.mark_end(end);
        let end = self.end_section("");
        self.out.push_str(&end);
        self.section = Section {
            landscape: false,
            restart: true,
            footer,
            page: self.section.page,
            annex_first: true,
        };
        self.mark("AnnexMark", mark, super::title::ANNEX_MARK_WIDTH, landscape);
        self.content_from = self.out.len();
    }

    /// A chart of a generated part (the funding charts, the scenarios' lines): the PDF's
    /// drawing of it (its values' table `values` when there is none), then its numbered
    /// caption below it, as the PDF's; `alt` is what a screen reader says of it.
    pub(super) fn part_chart(&mut self, caption: &str, alt: &str, values: &Grid) {
        let number = self.numbers.part_figure(false, self.part_images);
        match number.and_then(|n| self.drawn(n, alt, self.section.page.text_width_emu())) {
            Some(drawing) => {
                let p = self.picture_paragraph("center", &drawing);
                self.out.push_str(&p);
            }
            // Without the PDF's layout (never in a build): the values as a table.
            None => self.grid(values),
        }
        self.numbered_caption(false, caption, None);
    }

    /// The caption of a generated part's table (`table`; kept with the table below it) or
    /// figure, numbered as the PDF numbered it (the parts' captions come in the PDF's
    /// order), bookmarked as `bookmark` when something links to it.
    pub(super) fn numbered_caption(&mut self, table: bool, text: &str, bookmark: Option<&str>) {
        let used = if table {
            &mut self.part_tables
        } else {
            &mut self.part_images
        };
        let number = self.numbers.part_figure(table, *used);
        *used += 1;
        self.quotes = Quotes::default();
        let mut content = String::new();
        if let Some(number) = number {
            content.push_str(&self.caption_number(table, number));
        }
        content.push_str(&self.runs(text, Look::default()));
        let content = self.listed(table, bookmark, &content);
        let properties = if table { "<w:keepNext/>" } else { "" };
        let p = self.para(Some("Caption"), properties, &content);
        self.out.push_str(&p);
    }

    /// Once every part is written: the references to plan items whose label no part
    /// bookmarked (the document holds no part that carries them) become plain text, so
    /// that every link leads somewhere.
    pub(super) fn settle_item_links(&mut self) {
        let unlinked: HashMap<String, String> = std::mem::take(&mut self.item_links)
            .into_iter()
            .filter(|(name, ..)| !self.bookmarks.contains(name))
            .map(|(_, linked, plain)| (linked, plain))
            .collect();
        if unlinked.is_empty() {
            return;
        }
        // One pass over the text, however many references there are.
        let settle = |xml: &str| {
            const START: &str = "<w:hyperlink w:anchor=\"item_";
            const END: &str = "</w:hyperlink>";
            let mut out = String::with_capacity(xml.len());
            let mut rest = xml;
            while let Some(at) = rest.find(START) {
                out.push_str(&rest[..at]);
                rest = &rest[at..];
                let end = rest.find(END).map_or(rest.len(), |end| end + END.len());
                let link = &rest[..end];
                out.push_str(unlinked.get(link).map_or(link, String::as_str));
                rest = &rest[end..];
            }
            out.push_str(rest);
            out
        };
        self.out = settle(&self.out);
        self.footnotes = settle(&self.footnotes);
    }

    /// A paragraph; `properties` in the schema's order (`w:keepNext` first, then `w:numPr`,
    /// `w:pBdr`, `w:ind`, `w:jc`), a page break before it put where the order wants it.
    fn para(&mut self, style: Option<&str>, properties: &str, content: &str) -> String {
        let properties = if std::mem::take(&mut self.page_break) {
            let keep = if properties.starts_with("<w:keepNext/>") {
                "<w:keepNext/>".len()
            } else {
                0
            };
            format!(
                "{}<w:pageBreakBefore/>{}",
                &properties[..keep],
                &properties[keep..]
            )
        } else {
            properties.to_string()
        };
        paragraph(style, &properties, content)
    }

    fn blocks(&mut self, blocks: &'a [Block], cx: Context, out: &mut String) {
        for (i, block) in blocks.iter().enumerate() {
            // Only an item's first block carries its bullet or number.
            let cx = Context {
                list: cx
                    .list
                    .map(|(num, depth, first)| (num, depth, first && i == 0)),
                ..cx
            };
            self.block(block, cx, out);
        }
    }

    /// The style and extra properties of a text paragraph in this context.
    fn text_style(cx: Context) -> (Option<&'static str>, String) {
        if cx.note {
            return (Some("FootnoteText"), String::new());
        }
        if let Some((num, depth, first)) = cx.list {
            let properties = if first {
                format!("<w:numPr><w:ilvl w:val=\"{depth}\"/><w:numId w:val=\"{num}\"/></w:numPr>")
            } else {
                format!("<w:ind w:left=\"{}\"/>", 567 + 426 * depth)
            };
            return (Some("ListParagraph"), properties);
        }
        if cx.quote {
            return (Some("Quote"), String::new());
        }
        (None, String::new())
    }

    fn block(&mut self, block: &'a Block, cx: Context, out: &mut String) {
        // Every block starts a paragraph of its own, quoted afresh.
        self.quotes = Quotes::default();
        match &block.kind {
            BlockKind::Paragraph { inlines, lead_in } => {
                let (style, properties) = Self::text_style(cx);
                let properties = if *lead_in {
                    format!("<w:keepNext/>{properties}")
                } else {
                    properties
                };
                let content = self.inlines(inlines, Look::default(), cx);
                let (content, inserted) = self.revise(style, content, cx, out);
                let p = self.para(style, &properties, &content);
                let p = self.marked(p, inserted);
                out.push_str(&p);
            }
            BlockKind::Heading { level, id, inlines } => {
                let (level, number) = self
                    .numbers
                    .heading(block)
                    .map_or((*level, String::new()), |(l, n)| (*l, n.clone()));
                // An act's annex not yet titled: its first heading prints the annex's
                // title instead (see `annex_title`).
                let annex_title = if level == 1 && !cx.note {
                    self.annex_title.take()
                } else {
                    None
                };
                let mut content = String::new();
                if !number.is_empty() {
                    content.push_str(&run(&format!("{number} "), Look::default()));
                }
                let style = format!("Heading{}", level.clamp(1, 6));
                let text = self.inlines(inlines, Look::default(), cx);
                let (text, inserted) = self.revise(Some(&style), text, cx, out);
                content.push_str(&text);
                // Every heading is a bookmark: a reference's target, or a contents entry's.
                let name = match id.as_deref().and_then(|id| self.numbers.bookmark(id)) {
                    Some(name) => name.to_string(),
                    None => format!("_Toc{}", self.headings.len() + 1),
                };
                // The contents list the heading as the PDF's do: its number and its own words.
                if !cx.note && level <= 3 {
                    self.headings
                        .push((level, name.clone(), shown_text(&content)));
                }
                let (style, content) = match annex_title {
                    // The annex document's title, in capitals.
                    Some(Some(title)) => {
                        let title = title.to_uppercase();
                        ("AnnexTitle".to_string(), self.runs(&title, Look::default()))
                    }
                    // The heading's own words without its number, in capitals (the style's):
                    // still the heading Word's navigation pane and contents find.
                    Some(None) => ("AnnexTitle".to_string(), text),
                    None => (style, content),
                };
                let content = self.bookmark(&name, &content);
                let p = self.para(Some(&style), "", &content);
                let p = self.marked(p, inserted);
                out.push_str(&p);
            }
            BlockKind::Quote(blocks) => {
                let cx = Context { quote: true, ..cx };
                self.blocks(blocks, cx, out);
            }
            BlockKind::List(list) => self.list(list, cx, out),
            BlockKind::Code { literal, .. } => {
                let text = literal.text.trim_end_matches('\n');
                let content = run(text, Look::default());
                let (content, inserted) = self.revise(Some("Code"), content, cx, out);
                let p = self.para(Some("Code"), "", &content);
                let p = self.marked(p, inserted);
                out.push_str(&p);
            }
            BlockKind::Rule => {
                let p = self.para(
                    None,
                    "<w:pBdr><w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"1\" w:color=\"808080\"/></w:pBdr>",
                    "",
                );
                out.push_str(&p);
            }
            BlockKind::Html(html) => {
                let (style, properties) = Self::text_style(cx);
                let text = self.quotes.plain(&html.text, self.language);
                let p = self.para(style, &properties, &run(&text, Look::default()));
                out.push_str(&p);
            }
            BlockKind::Table(table) => self.table(block, table, cx, out),
            BlockKind::Figure(figure) => self.figure(block, figure, cx, out),
            BlockKind::Chart(chart) => self.chart(block, chart, cx, out),
        }
    }

    fn list(&mut self, list: &'a List, cx: Context, out: &mut String) {
        let depth = cx.list.map_or(0, |(_, depth, _)| depth + 1);
        let num = match list.start {
            None => 1,
            Some(start) => {
                self.ordered.push(start);
                self.ordered.len() + 1
            }
        };
        for item in &list.items {
            let cx = Context {
                list: Some((num, depth, true)),
                ..cx
            };
            let mut written = String::new();
            self.blocks(&item.blocks, cx, &mut written);
            if let Some(done) = item.task {
                // The box before the item's text, in its first paragraph.
                let mark = run(if done { "☒ " } else { "☐ " }, Look::default());
                insert_after_properties(&mut written, &mark);
            }
            if item.blocks.is_empty() {
                let (style, properties) = Self::text_style(cx);
                written = self.para(style, &properties, "");
            }
            out.push_str(&written);
        }
    }

    /// Content wrapped in a bookmark of that name (a plan item's label in a part).
    pub(super) fn bookmarked_as(&mut self, name: &str, content: &str) -> String {
        self.bookmark(name, content)
    }

    /// Content wrapped in a bookmark of that name.
    fn bookmark(&mut self, name: &str, content: &str) -> String {
        self.bookmarks.insert(name.to_string());
        let n = self.next_bookmark;
        self.next_bookmark += 1;
        format!(
            "<w:bookmarkStart w:id=\"{n}\" w:name=\"{}\"/>{content}<w:bookmarkEnd w:id=\"{n}\"/>",
            escape(name)
        )
    }

    /// "3 lentelė. " / "Table 3. ", "3 pav. " / "Figure 3. ", in the PDF's words.
    fn prefix(&self, table: bool, number: usize) -> String {
        let words = super::title::Words::of(self.language);
        let supplement = if table { &words.table } else { &words.figure };
        match self.language {
            Language::Lt => format!("{number}\u{a0}{supplement}. "),
            Language::En => format!("{supplement}\u{a0}{number}. "),
        }
    }

    /// A caption's number and its word ("3 lentelė. "): with a list of figures or tables
    /// in the document, the number is a Word caption number (`SEQ Table`, `SEQ Figure`)
    /// showing the PDF's, so that updating a list in Word finds every caption.
    fn caption_number(&self, table: bool, number: usize) -> String {
        let prefix = self.prefix(table, number);
        if self.captions.is_none() {
            return run(&prefix, Look::default());
        }
        let shown = number.to_string();
        let Some(at) = prefix.find(&shown) else {
            return run(&prefix, Look::default());
        };
        let kind = if table { "Table" } else { "Figure" };
        format!(
            "{}<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>\
             <w:r><w:instrText xml:space=\"preserve\"> SEQ {kind} \\* ARABIC </w:instrText></w:r>\
             <w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>{}<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>{}",
            run(&prefix[..at], Look::default()),
            run(&shown, Look::default()),
            run(&prefix[at + shown.len()..], Look::default()),
        )
    }

    /// A caption's content bookmarked as `name` when something links to it, and, with a
    /// list of figures or tables in the document, bookmarked in any case (a name of its
    /// own when nothing links to it) and noted for the list.
    fn listed(&mut self, table: bool, name: Option<&str>, content: &str) -> String {
        let Some(captions) = self.captions.as_ref() else {
            return match name {
                Some(name) => self.bookmark(name, content),
                None => content.to_string(),
            };
        };
        let name = name.map_or_else(
            || format!("_Toc_caption{}", captions.len() + 1),
            str::to_string,
        );
        let shown = shown_text(content);
        if let Some(captions) = self.captions.as_mut() {
            captions.push((table, name.clone(), shown));
        }
        self.bookmark(&name, content)
    }

    /// A numbered caption paragraph, bookmarked for references.
    fn caption(
        &mut self,
        block: &Block,
        table: bool,
        inlines: &'a [Inline],
        id: Option<&str>,
        keep_next: bool,
        cx: Context,
    ) -> String {
        self.quotes = Quotes::default();
        let mut content = String::new();
        if let Some(number) = self.numbers.figure(block) {
            content.push_str(&self.caption_number(table, number));
        }
        let text = self.inlines(inlines, Look::default(), cx);
        let mut deleted = String::new();
        let (text, inserted) = self.revise(Some("Caption"), text, cx, &mut deleted);
        content.push_str(&text);
        let name = id.and_then(|id| self.numbers.bookmark(id));
        let content = self.listed(table, name, &content);
        let properties = if keep_next { "<w:keepNext/>" } else { "" };
        let p = self.para(Some("Caption"), properties, &content);
        let p = self.marked(p, inserted);
        format!("{deleted}{p}")
    }

    fn table(&mut self, block: &'a Block, table: &'a Table, cx: Context, out: &mut String) {
        // A `.landscape` table in the text has landscape pages of its own, as in the PDF: a
        // section of its own, the text before it ending a portrait one.
        let landscape = table.look.landscape && !cx.note && cx.list.is_none() && !cx.quote;
        if landscape {
            self.page_break = false;
            let end = self.end_section("");
            out.push_str(&end);
            self.section.landscape = true;
        }
        if let Some(caption) = &table.caption {
            let p = self.caption(
                block,
                true,
                &caption.inlines,
                caption.id.as_deref(),
                true,
                cx,
            );
            out.push_str(&p);
        }
        let columns = table.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
        let aligns: Vec<&str> = (0..columns)
            .map(
                |c| match table.alignments.get(c).copied().unwrap_or(Align::None) {
                    Align::Right => "right",
                    Align::Center => "center",
                    Align::Left => "left",
                    Align::None => {
                        if crate::writers::typst::columns::numeric_column(table, c) {
                            "right"
                        } else {
                            "left"
                        }
                    }
                },
            )
            .collect();
        let rows = table
            .rows
            .iter()
            .map(|row| {
                let look = Look {
                    bold: row.header || row.total,
                    ..Look::default()
                };
                let cells = row
                    .cells
                    .iter()
                    .enumerate()
                    .map(|(c, cell)| {
                        self.quotes = Quotes::default();
                        let align = if row.header {
                            "left"
                        } else {
                            aligns.get(c).copied().unwrap_or("left")
                        };
                        Cell::of(self.inlines(cell, look, cx)).aligned(align)
                    })
                    .collect();
                let kind = match (row.header, row.total) {
                    (true, _) => RowKind::Header,
                    (false, true) => RowKind::Total,
                    (false, false) => RowKind::Body,
                };
                Row::new(kind, cells)
            })
            .collect();
        let (rows, marks) = self.revise_table(rows);
        let grid = Grid {
            widths: table.look.widths.clone(),
            size: table.look.size,
            landscape,
            rows,
        };
        let xml = grid.xml(self.section.page.text_width(grid.landscape));
        out.push_str(&revisions::mark_rows(&xml, &marks));
        if let Some(source) = &table.source {
            self.source_line(source, cx, out);
        }
        if landscape {
            let end = self.end_section("");
            out.push_str(&end);
            self.section.landscape = false;
        }
    }

    fn figure(&mut self, block: &'a Block, figure: &'a Figure, cx: Context, out: &mut String) {
        let jc = match figure.place {
            Place::Left => "left",
            Place::Center => "center",
            Place::Right => "right",
        };
        let width = pictures::width_emu(figure.width, self.section.page.text_width_emu());
        // A page of a PDF file as the PDF drew it (Word takes no PDF picture); any other
        // picture from its file.
        let pdf = figure.picture.path.to_lowercase().ends_with(".pdf");
        let drawn = pdf
            .then(|| self.numbers.figure(block))
            .flatten()
            .and_then(|n| self.drawn(n, &figure.picture.alt, width));
        if let Some(drawing) = drawn.or_else(|| self.picture(&figure.picture, width)) {
            let p = self.picture_paragraph(jc, &drawing);
            out.push_str(&p);
        }
        let p = self.caption(
            block,
            false,
            &figure.caption,
            figure.id.as_deref(),
            false,
            cx,
        );
        out.push_str(&p);
    }

    /// A chart drawn from data: the PDF's drawing of it, its caption and its source line.
    fn chart(&mut self, block: &'a Block, chart: &'a Chart, cx: Context, out: &mut String) {
        let width = pictures::width_emu(chart.width, self.section.page.text_width_emu());
        // Its values are compared as a table in the comparison edition (and recorded as
        // one), whether or not the chart is drawn, so that the tables after it stay in step.
        let mut grid = self.chart_values(chart);
        let (rows, marks) = self.revise_table(std::mem::take(&mut grid.rows));
        grid.rows = rows;
        let drawn = match self.record {
            Some(_) => None,
            None => self
                .numbers
                .figure(block)
                .and_then(|n| self.drawn(n, &chart.alt, width)),
        };
        match drawn {
            Some(drawing) => {
                let p = self.picture_paragraph("center", &drawing);
                out.push_str(&p);
            }
            None => {
                let xml = grid.xml(self.section.page.text_width(grid.landscape));
                out.push_str(&revisions::mark_rows(&xml, &marks));
            }
        }
        let p = self.caption(block, false, &chart.caption, chart.id.as_deref(), false, cx);
        out.push_str(&p);
        self.source_line(&chart.source, cx, out);
    }

    /// A chart as the table of its values (shown without the PDF's layout: never in a
    /// build).
    fn chart_values(&mut self, chart: &'a Chart) -> Grid {
        let header: Vec<String> = std::iter::once(String::new())
            .chain(chart.series.iter().map(|s| s.name.clone()))
            .collect();
        let mut rows = vec![header];
        for (i, category) in chart.categories.iter().enumerate() {
            let mut row = vec![category.clone()];
            for series in &chart.series {
                let value = series.values.get(i).and_then(Option::as_ref);
                row.push(value.map_or_else(|| "–".to_string(), |v| v.said().to_string()));
            }
            rows.push(row);
        }
        let bold = Look {
            bold: true,
            ..Look::default()
        };
        Grid {
            rows: rows
                .iter()
                .enumerate()
                .map(|(r, row)| {
                    let kind = if r == 0 {
                        RowKind::Header
                    } else {
                        RowKind::Body
                    };
                    let look = if r == 0 { bold } else { Look::default() };
                    let cells = row
                        .iter()
                        .enumerate()
                        .map(|(c, text)| {
                            let cell = Cell::text(text, look);
                            if c > 0 && r > 0 { cell.right() } else { cell }
                        })
                        .collect();
                    Row::new(kind, cells)
                })
                .collect(),
            ..Grid::default()
        }
    }

    /// The source line under a table or a chart from data.
    fn source_line(&mut self, source: &str, cx: Context, out: &mut String) {
        let content = run(source, Look::default());
        let (content, inserted) = self.revise(Some("Source"), content, cx, out);
        let p = self.para(Some("Source"), "", &content);
        let p = self.marked(p, inserted);
        out.push_str(&p);
    }

    /// The drawing of a picture at `width` EMU at most, its picture embedded once.
    fn picture(
        &mut self,
        picture: &crate::understand::tree::Picture,
        width: u64,
    ) -> Option<String> {
        if self.record.is_some() {
            return None;
        }
        let key = picture.key();
        let (relation, size) = match self.pictures.get(&key) {
            Some(&relation) => (relation, None),
            None => match pictures::load(self.root, picture) {
                Ok(loaded) => {
                    let name = format!("image{}.{}", self.media.len() + 1, loaded.extension);
                    self.media.push((name.clone(), loaded.bytes));
                    self.relations.push(Relation::Image(name));
                    let relation = self.relations.len() - 1;
                    self.pictures.insert(key.clone(), relation);
                    (relation, Some(loaded.size))
                }
                Err(problem) => {
                    self.problems.push(problem);
                    return None;
                }
            },
        };
        let size = match size {
            Some(size) => size,
            None => pictures::load(self.root, picture).ok()?.size,
        };
        let n = self.next_picture;
        self.next_picture += 1;
        Some(pictures::drawing(
            n,
            (relation, None),
            &picture.alt,
            size,
            width.min(self.section.page.text_width_emu()),
        ))
    }

    /// The drawing of the PDF's picture or chart numbered `number`, as the PDF drew it
    /// (SVG, with a PNG for readers without SVG), at most `width` EMU wide.
    fn drawn(&mut self, number: usize, alt: &str, width: u64) -> Option<String> {
        let drawn = self.numbers.drawn(number)?;
        let (w, h) = drawn.size_pt();
        let name = |n: usize, ext: &str| format!("image{n}.{ext}");
        let png = name(self.media.len() + 1, "png");
        self.media.push((png.clone(), drawn.png.clone()));
        self.relations.push(Relation::Image(png));
        let svg = name(self.media.len() + 1, "svg");
        self.media.push((svg.clone(), drawn.svg.clone()));
        self.relations.push(Relation::Image(svg));
        let n = self.next_picture;
        self.next_picture += 1;
        let relation = self.relations.len() - 2;
        Some(pictures::drawing(
            n,
            (relation, Some(relation + 1)),
            alt,
            (
                (w * pictures::EMU_PER_PT) as u64,
                (h * pictures::EMU_PER_PT) as u64,
            ),
            width.min(self.section.page.text_width_emu()),
        ))
    }

    /// A paragraph holding a drawing, centred and kept with its caption below.
    fn picture_paragraph(&mut self, jc: &str, drawing: &str) -> String {
        self.para(
            None,
            &format!("<w:keepNext/><w:jc w:val=\"{jc}\"/>"),
            drawing,
        )
    }

    fn inlines(&mut self, inlines: &'a [Inline], look: Look, cx: Context) -> String {
        let mut out = String::new();
        for inline in inlines {
            self.inline(inline, look, cx, &mut out);
        }
        out
    }

    fn inline(&mut self, inline: &'a Inline, look: Look, cx: Context, out: &mut String) {
        match &inline.kind {
            InlineKind::Text(segments) => {
                // One run, as the typst writer sets it: the facts' values with the text
                // around them.
                let text: String = segments.iter().map(|s| s.text()).collect();
                let text = self.quotes.typeset_text(&text, self.language);
                out.push_str(&run(&text, look));
            }
            InlineKind::SoftBreak => {
                self.quotes.saw(' ');
                out.push_str(&run(" ", look));
            }
            InlineKind::LineBreak => {
                self.quotes.saw('\n');
                out.push_str(&run_of("<w:br/>", look));
            }
            InlineKind::Code(code) => {
                code.text.chars().for_each(|c| self.quotes.saw(c));
                out.push_str(&run(&code.text, Look { code: true, ..look }));
            }
            InlineKind::Emph(content) => out.push_str(&self.inlines(
                content,
                Look {
                    italic: true,
                    ..look
                },
                cx,
            )),
            InlineKind::Strong(content) => {
                out.push_str(&self.inlines(content, Look { bold: true, ..look }, cx))
            }
            InlineKind::Strike(content) => out.push_str(&self.inlines(
                content,
                Look {
                    strike: true,
                    ..look
                },
                cx,
            )),
            InlineKind::Link {
                url,
                content,
                shown,
            } => {
                self.relations.push(Relation::Link(url.clone()));
                let id = super::package::FIRST_RELATION + self.relations.len() - 1;
                let look = Look { link: true, ..look };
                let inner = match content {
                    Some(content) => self.inlines(content, look, cx),
                    None => run(&self.quotes.plain(&shown.text, self.language), look),
                };
                out.push_str(&format!(
                    "<w:hyperlink r:id=\"rId{id}\">{inner}</w:hyperlink>"
                ));
            }
            InlineKind::Item {
                id,
                number,
                content,
            } => {
                // A link to the item's label in the part that carries it, as in the PDF;
                // the same text without the link where no part of the document does.
                let quotes = self.quotes.clone();
                let shown = |writer: &mut Self, look: Look| match content {
                    Some(content) => writer.inlines(content, look, cx),
                    None => {
                        number.chars().for_each(|c| writer.quotes.saw(c));
                        run(number, look)
                    }
                };
                let plain = shown(self, look);
                self.quotes = quotes;
                let name = super::numbers::item_bookmark(id);
                let linked = format!(
                    "<w:hyperlink w:anchor=\"{}\" w:history=\"1\">{}</w:hyperlink>",
                    escape(&name),
                    shown(self, Look { link: true, ..look })
                );
                out.push_str(&linked);
                self.item_links.push((name, linked, plain));
            }
            InlineKind::Label { id, content, .. } => {
                let shown = self.numbers.shown(id).map(str::to_string);
                if content.is_none() {
                    self.quotes.saw('1');
                }
                let inner = match content {
                    Some(content) => self.inlines(content, Look { link: true, ..look }, cx),
                    None => run(
                        shown.as_deref().unwrap_or("??"),
                        Look { link: true, ..look },
                    ),
                };
                match self.numbers.bookmark(id) {
                    Some(name) => out.push_str(&format!(
                        "<w:hyperlink w:anchor=\"{}\" w:history=\"1\">{inner}</w:hyperlink>",
                        escape(name)
                    )),
                    None => out.push_str(&inner),
                }
            }
            InlineKind::Plain(content) => out.push_str(&self.inlines(content, look, cx)),
            InlineKind::Picture(picture) => {
                self.quotes.saw('\u{FFFC}');
                if let Some(drawing) = self.picture(picture, self.section.page.text_width_emu()) {
                    out.push_str(&drawing);
                }
            }
            InlineKind::Html(html) => {
                let text = self.quotes.plain(&html.text, self.language);
                out.push_str(&run(&text, look));
            }
            InlineKind::Note(name) => {
                // The note's own paragraphs are quoted afresh; the text goes on after it.
                let quotes = std::mem::take(&mut self.quotes);
                self.note(name, cx, out);
                self.quotes = quotes;
                self.quotes.saw('1');
            }
        }
    }

    /// A footnote reference: the note itself at its first reference, its number later (a
    /// Word footnote has one reference mark).
    fn note(&mut self, name: &str, cx: Context, out: &mut String) {
        let superscript = Look {
            superscript: true,
            ..Look::default()
        };
        let key = (self.chapter, name.to_string());
        if let Some(id) = self.placed.get(&key) {
            out.push_str(&run(&id.to_string(), superscript));
            return;
        }
        let notes = self.notes;
        let Some(note) = notes.iter().find(|n| n.name == name) else {
            return;
        };
        if cx.note {
            // Word has no footnote within a footnote: the note's text stands in brackets
            // where it is referred to (a note referred to before shows its number, above),
            // once: a note in it is left out.
            if cx.nested {
                return;
            }
            let cx = Context { nested: true, ..cx };
            let mut inner = String::new();
            for block in &note.blocks {
                if let BlockKind::Paragraph { inlines, .. } = &block.kind {
                    if !inner.is_empty() {
                        inner.push_str(&run(" ", Look::default()));
                    }
                    inner.push_str(&self.inlines(inlines, Look::default(), cx));
                }
            }
            out.push_str(&run(" (", Look::default()));
            out.push_str(&inner);
            out.push_str(&run(")", Look::default()));
            return;
        }
        let id = self.next_note;
        self.next_note += 1;
        self.placed.insert(key, id);
        let mut text = String::new();
        self.blocks(
            &note.blocks,
            Context {
                note: true,
                ..Context::default()
            },
            &mut text,
        );
        let mark = format!(
            "{}{}",
            run_of("<w:footnoteRef/>", superscript),
            run(" ", Look::default())
        );
        if text.starts_with("<w:p>") {
            insert_after_properties(&mut text, &mark);
        } else {
            text = format!("{}{text}", paragraph(Some("FootnoteText"), "", &mark));
        }
        self.footnotes
            .push_str(&format!("<w:footnote w:id=\"{id}\">{text}</w:footnote>"));
        out.push_str(&run_of(
            &format!("<w:footnoteReference w:id=\"{id}\"/>"),
            superscript,
        ));
    }
}

/// The text of runs as written (still escaped for XML): what a contents entry shows.
fn shown_text(xml: &str) -> String {
    let mut out = String::new();
    let mut rest = xml;
    while let Some(start) = rest.find("<w:t xml:space=\"preserve\">") {
        let from = start + "<w:t xml:space=\"preserve\">".len();
        let Some(end) = rest[from..].find("</w:t>") else {
            break;
        };
        out.push_str(&rest[from..from + end]);
        rest = &rest[from + end..];
    }
    out
}

/// The document's contents as a Word TOC field, its entries filled in (each a link to its
/// heading), so that it is right without updating it; Word adds the page numbers when the
/// field is updated (they depend on Word's own layout).
pub(super) fn contents(title: &str, headings: &[(u8, String, String)]) -> String {
    // On a page of its own: the title page's section ends before it.
    let mut out = paragraph(Some("TOCHeading"), "", &run(title, Look::default()));
    for (i, (level, name, text)) in headings.iter().enumerate() {
        let mut content = String::new();
        if i == 0 {
            content.push_str(
                "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>\
                 <w:r><w:instrText xml:space=\"preserve\"> TOC \\o \"1-3\" \\h \\z \\u </w:instrText></w:r>\
                 <w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>",
            );
        }
        content.push_str(&format!(
            "<w:hyperlink w:anchor=\"{}\" w:history=\"1\"><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:hyperlink>",
            escape(name)
        ));
        if i + 1 == headings.len() {
            content.push_str("<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>");
        }
        out.push_str(&paragraph(
            Some(&format!("TOC{}", level.clamp(&1, &3))),
            "",
            &content,
        ));
    }
    out
}

/// Inserts runs at the start of the first paragraph's content (after its properties); in
/// the comparison edition, past the earlier paragraphs deleted before it.
fn insert_after_properties(xml: &mut String, runs: &str) {
    let mut from = 0;
    while xml[from..].starts_with("<w:p>") {
        let Some(end) = xml[from..].find("</w:p>") else {
            break;
        };
        let paragraph = &xml[from..from + end];
        let deleted = paragraph
            .find("</w:pPr>")
            .is_some_and(|p| paragraph[..p].contains("<w:rPr><w:del "));
        if !deleted {
            break;
        }
        from += end + "</w:p>".len();
    }
    if from >= xml.len() {
        from = 0;
    }
    let rest = &xml[from..];
    let at = match (rest.find("<w:p>"), rest.find("</w:pPr>")) {
        (Some(p), Some(end)) if end > p && !rest[p..end].contains("</w:p>") => {
            end + "</w:pPr>".len()
        }
        (Some(p), _) => p + "<w:p>".len(),
        _ => return,
    };
    xml.insert_str(from + at, runs);
}

#[cfg(test)]
mod tests {
    use super::insert_after_properties;

    #[test]
    fn a_mark_goes_into_the_first_paragraph_kept_not_one_deleted_before_it() {
        let deleted = "<w:p><w:pPr><w:rPr><w:del w:id=\"1\" w:author=\"plan\" w:date=\"2021-11-30T00:00:00Z\"/></w:rPr></w:pPr><w:del w:id=\"2\" w:author=\"plan\" w:date=\"2021-11-30T00:00:00Z\"><w:r><w:delText xml:space=\"preserve\">Old</w:delText></w:r></w:del></w:p>";
        let kept = "<w:p><w:pPr><w:pStyle w:val=\"ListParagraph\"/></w:pPr><w:r><w:t xml:space=\"preserve\">New</w:t></w:r></w:p>";
        let mut xml = format!("{deleted}{kept}");
        insert_after_properties(&mut xml, "<w:r><w:t xml:space=\"preserve\">☐ </w:t></w:r>");
        assert!(xml.starts_with(deleted), "{xml}");
        assert!(xml.contains("</w:pPr><w:r><w:t xml:space=\"preserve\">☐ </w:t></w:r><w:r><w:t xml:space=\"preserve\">New"), "{xml}");
        // Without deleted paragraphs, the first paragraph.
        let mut xml = kept.to_string();
        insert_after_properties(&mut xml, "<w:r/>");
        assert!(xml.contains("</w:pPr><w:r/><w:r>"), "{xml}");
    }
}
