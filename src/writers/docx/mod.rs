//! The Word edition of a document (`<id>.docx`): WordprocessingML written directly, from
//! the same understood tree the typst writer lays out.
//!
//! It holds the document's title (the plan's title, organisation, period and the edition's
//! date) and every chapter the document names, each on a new page: Word's heading styles
//! with the PDF's heading numbers, paragraphs, lists, quotes, tables (header rows repeated,
//! rows kept whole, numbers right-aligned, numbered captions and source lines), footnotes,
//! pictures with their alternative text, charts from data as the table of their values,
//! and references as links to bookmarks. The generated parts are written by `parts/`, each
//! from the view data its template reads: `@vision`, `@abbreviations`, the plan parts
//! (`@strategy`, `@indicators`, `@indicator-cards`, `@principles`, `@swot`, `@scenarios`,
//! `@links`, `@groups`), whose item numbers and indicator codes are the bookmarks a
//! chapter's references to items link to (a reference whose item no part carries stays
//! plain text, `Writer::settle_item_links`), the money parts (`@action-plan` on landscape
//! pages, `@funding`), the report's parts and the lists of figures and tables (Word's own
//! lists over the captions).
//!
//! With `--changes-since`, the strategic document's edition ends with the annex of changes
//! (`changes`), and each document also gets a comparison edition, `<id>-changes.docx`,
//! every change since as Word's own tracked changes (`revisions`, given [`Earlier`]).
//!
//! No crate is used for the format: the parts are small, and written here they come out
//! byte-identical for identical input (fixed zip dates, no random or process-wide ids).

mod body;
mod changes;
mod grid;
mod numbers;
mod package;
mod parts;
mod pictures;
pub(crate) mod reference;
mod revisions;
pub(crate) mod title;
mod xml;

use std::collections::BTreeMap;

use crate::diff::PlanDiff;
use crate::model::{Document, Part, Plan};
use crate::understand::Doc;
use crate::writers::typst::Chapter;

/// The fewest headings (of levels 1–3) a document has contents for, as in the PDF
/// (`contents-from` in templates/document.typ).
const CONTENTS_FROM: usize = 6;

/// Whether a part starts on a new page: unless its title only repeats words (of three
/// letters or more) of the title of the part before, as `part-break` in
/// templates/document.typ has it (a chapter "Vizija ir prioritetai", then `@vision`).
fn starts_page(before: Option<&str>, this: Option<&str>) -> bool {
    // As typst counts a string's length: in bytes.
    let words = |title: Option<&str>| -> Vec<String> {
        title.map_or_else(Vec::new, |t| {
            t.to_lowercase()
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.len() > 2)
                .map(str::to_string)
                .collect()
        })
    };
    let (previous, own) = (words(before), words(this));
    own.is_empty() || own.iter().any(|w| !previous.contains(w))
}

/// Starts annex `n` (an annex part, the annex of changes): the run of page numbers before
/// ends at its bookmark, the annex's pages are numbered from 1 with a footer of their own
/// (`prefix` before each number: the annex of changes' "3-"), its mark at the top.
fn start_annex(
    writer: &mut body::Writer,
    runs: &mut Vec<(String, String)>,
    (plan, n): (&Plan, usize),
    prefix: String,
    landscape: bool,
) {
    let end = run_end(runs.len() - 1);
    writer
        .relations
        .push(package::Relation::Footer(runs.len() + 1));
    let footer = package::FIRST_RELATION + writer.relations.len() - 1;
    writer.annex_start(&end, footer, &title::annex_mark(plan, n), landscape);
    runs.push((run_end(runs.len()), prefix));
}

/// The bookmark at the end of the `n`-th run of page numbers (0: the text's).
fn run_end(n: usize) -> String {
    format!("_PlanEnd{}", n + 1)
}

/// The emblem's height on the title page, as the PDF's (3.4 cm).
const EMBLEM_HEIGHT_EMU: u64 = 1_224_000;

/// What a document's Word edition is made of.
#[derive(Clone, Copy)]
pub(crate) struct Input<'a> {
    pub plan: &'a Plan,
    pub document: &'a Document,
    /// The understood chapters, by path.
    pub chapters: &'a BTreeMap<String, Doc>,
    /// The chapters as the typst writer wrote them (their headings number the document).
    pub rendered: &'a BTreeMap<String, Chapter>,
    /// The numbers the PDF gave the chapters' figures and tables.
    pub figures: Option<&'a crate::typeset::ChapterFigures>,
    /// The footer's commit stamp, as the PDF's.
    pub stamp: Option<&'a str>,
    /// The document's view data, as its templates receive it (the generated parts').
    pub data: &'a crate::view::Data,
    /// The working group whose review pack this is, by name.
    pub pack: Option<&'a str>,
    /// The texts written in TOML, with their keys.
    pub texts: &'a [(String, crate::understand::Text)],
    /// The annex of changes (`--changes-since`), on the document the PDF has it in.
    pub changes: Option<&'a PlanDiff>,
    /// For the comparison edition (`<id>-changes.docx`): the earlier version to mark the
    /// changes since as Word's tracked changes.
    pub earlier: Option<Earlier<'a>>,
}

/// The earlier version a comparison edition is marked against: the comparison, and the
/// earlier chapters and texts understood.
#[derive(Clone, Copy)]
pub(crate) struct Earlier<'a> {
    pub diff: &'a PlanDiff,
    /// The new version's sums: which amounts it writes more than once.
    pub ledger: &'a crate::ledger::Ledger,
    pub chapters: &'a BTreeMap<String, Doc>,
    pub texts: &'a [(String, crate::understand::Text)],
}

/// A Word file and what could not go into it (pictures that cannot be read or drawn).
pub(crate) struct Made {
    pub bytes: Vec<u8>,
    pub problems: Vec<String>,
}

/// Writes the Word edition of a document.
pub(crate) fn write(input: &Input) -> Result<Made, String> {
    let Input {
        plan,
        document,
        chapters,
        rendered,
        figures,
        stamp,
        data,
        texts,
        pack,
        changes,
        earlier,
    } = input;
    let numbered = crate::typeset::outline::number(document, changes.is_some(), rendered);
    let parts: Vec<(&Doc, &crate::typeset::outline::PartNumbers)> = document
        .parts
        .iter()
        .zip(&numbered.parts)
        .filter_map(|(part, numbers)| match part {
            Part::Chapter(path) => chapters.get(path).map(|doc| (doc, numbers)),
            Part::Generated(_) => None,
        })
        .collect();
    let numbers = numbers::Numbers::new(&parts, &numbered.refs, *figures);
    let language = plan.meta.language;
    // A plan's own styles and page, when it has a reference document.
    let reference = reference::load(&plan.root)?;
    let edition = document.edition(&plan.meta);
    let act = edition.form == crate::model::Form::Act;
    // A reference document's page wins; else an act's margins, or the publication's.
    let page = reference.as_ref().and_then(|r| r.page).unwrap_or_else(|| {
        if act {
            package::Page::act()
        } else {
            package::Page::default()
        }
    });
    let mut writer = body::Writer::new(language, &numbers, &plan.root, page);
    if parts::lists_wanted(&document.parts) {
        writer.captions = Some(Vec::new());
    }
    let timestamp = crate::time::timestamp(edition.date);
    let (year, month, day) = (
        timestamp.year().unwrap_or(2000),
        timestamp.month().unwrap_or(1),
        timestamp.day().unwrap_or(1),
    );
    let (hour, minute, second) = (
        timestamp.hour().unwrap_or(0),
        timestamp.minute().unwrap_or(0),
        timestamp.second().unwrap_or(0),
    );
    let created = format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}Z");
    if let Some(earlier) = earlier {
        writer.revisions = Some(revisions(input, earlier, &numbers, created.clone()));
    }
    let annex = document.annex.is_some();
    // The emblem under the approval mark and above the organisation, as on the PDF's title
    // page (an annex has none).
    let mut emblem = plan.meta.logo.as_ref().filter(|_| !annex && !act);
    // An annex's or an act's first page is the first part's: landscape when it is (a
    // publication's title page is a portrait page of its own).
    let marks_landscape = (annex || act) && parts::starts_landscape(&document.parts);
    for (style, text) in title::lines(plan, document, *pack) {
        if style != "ApprovalMark"
            && style != "ProjectMark"
            && let Some(logo) = emblem.take()
        {
            let picture = crate::understand::tree::Picture {
                path: logo.path.clone(),
                alt: plan.meta.organisation.clone(),
                span: logo.span.clone(),
                page: 1,
            };
            writer.emblem(&picture, EMBLEM_HEIGHT_EMU);
        }
        match style {
            "ApprovalMark" => writer.mark(
                style,
                &text,
                title::approval_mark_width(edition.form),
                marks_landscape,
            ),
            "AnnexMark" => writer.mark(style, &text, title::ANNEX_MARK_WIDTH, marks_landscape),
            _ => writer.line(style, &text),
        }
    }
    // An annex document's first page has its mark where the running header would be.
    // So has an act's (its title block stands on it, unnumbered).
    writer.section.annex_first = annex || act;
    // An act's annex is titled in capitals under its mark.
    if annex && act {
        writer.annex_title = Some(Some(document.title.clone()));
    }
    if !annex && !act {
        // The title page is a section of its own, without header, footer or number; the
        // pages after it are numbered from 1, as in the PDF.
        writer
            .out
            .push_str(&xml::paragraph(None, &package::title_section(&page), ""));
        writer.section.restart = true;
    }
    // Each run of page numbers (the text's, each annex part's) ends at a bookmark its
    // footer's "N / T" counts to; with what its numbers print before them.
    let mut ends = vec![(run_end(0), String::new())];
    let title_end = writer.out.len();
    writer.section_starts_here();
    let texts: BTreeMap<&str, &Doc> = texts.iter().map(|(k, t)| (k.as_str(), &t.doc)).collect();
    let cx = parts::Context {
        data,
        texts: &texts,
    };
    let mut previous: Option<String> = None;
    for (i, (part, numbers)) in document.parts.iter().zip(&numbered.parts).enumerate() {
        // The first part starts the page after the title page (or after the contents); an
        // annex's goes on below its mark; the others on a new page, as in the PDF.
        let title = match part {
            Part::Chapter(path) => chapters
                .get(path)
                .and_then(crate::writers::text::first_heading),
            Part::Generated(g) => Some(parts::title(*g, language).to_string()),
        };
        let mut new_page = i > 0 && starts_page(previous.as_deref(), title.as_deref());
        previous = title;
        if let Some(&n) = document.annex_parts.get(&i) {
            let landscape = matches!(part, Part::Generated(g) if parts::landscape(*g));
            start_annex(&mut writer, &mut ends, (plan, n), String::new(), landscape);
            if act {
                writer.annex_title = Some(None);
            }
            new_page = false;
        }
        match (part, numbers) {
            (Part::Chapter(path), _) => {
                if let Some(doc) = chapters.get(path) {
                    writer.chapter(i, doc, new_page);
                }
            }
            (Part::Generated(g), crate::typeset::outline::PartNumbers::Generated(number)) => {
                parts::write(&mut writer, *g, number, new_page, &cx);
            }
            (Part::Generated(_), _) => {}
        }
    }
    if let (Some(diff), Some(number)) = (changes, &numbered.annex) {
        // Numbered after the plan's own annexes, as in the PDF.
        let n = plan.documents.iter().map(Document::annexes).sum::<usize>() + 1;
        // Its pages numbered "3-1", "3-2" in a publication's footer, as the PDF's: never
        // taken for the text's pages 1, 2. (An act's number at the top stays "2", as the
        // PDF's: Arabic numerals without dashes.)
        start_annex(&mut writer, &mut ends, (plan, n), format!("{n}-"), false);
        if act {
            writer.annex_title = Some(None);
        }
        changes::write(&mut writer, diff, number.as_str());
    }
    writer.settle_item_links();
    parts::fill_lists(&mut writer);
    writer.mark_end(&run_end(ends.len() - 1));
    // Contents as the PDF has them: not in an annex, and from six headings on, on a page
    // of their own.
    if !annex && writer.headings.len() >= CONTENTS_FROM {
        let mut contents = body::contents(&title::Words::of(language).contents, &writer.headings);
        if parts::starts_landscape(&document.parts) {
            // Before a first part on landscape pages, the contents end portrait pages of
            // their own, the first numbered ones (the landscape pages go on from them).
            let restart = "<w:pgNumType w:start=\"1\"/>";
            if let Some(at) = writer.out[title_end..].find(restart) {
                writer
                    .out
                    .replace_range(title_end + at..title_end + at + restart.len(), "");
            }
            let section = package::Section {
                landscape: false,
                restart: true,
                footer: package::MAIN_FOOTER,
                page,
                annex_first: false,
            };
            contents.push_str(&xml::paragraph(None, &package::section(&section), ""));
        } else {
            contents.push_str("<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>");
        }
        writer.out.insert_str(title_end, &contents);
    }
    let words = title::Words::of(language);
    let mut footer = String::new();
    if !edition.version.is_empty() {
        footer.push_str(&format!("{} {}, ", words.version, edition.version));
    }
    footer.push_str(&crate::format::date(edition.date, language));
    if let Some(stamp) = stamp {
        footer.push_str(&format!(" · {stamp}"));
    }
    let zip_time = zip::DateTime::from_date_and_time(
        u16::try_from(year.clamp(1980, 2107)).unwrap_or(1980),
        month,
        day,
        hour,
        minute,
        second,
    )
    .unwrap_or_default();
    let package = package::Package {
        title: &document.title,
        language,
        created,
        zip_time,
        body: package::document(&writer.out, &writer.section),
        footnotes: package::footnotes(&writer.footnotes),
        reference,
        relations: std::mem::take(&mut writer.relations),
        media: std::mem::take(&mut writer.media),
        ordered_lists: std::mem::take(&mut writer.ordered),
        header: (
            plan.meta.short_title.clone(),
            match pack {
                Some(group) => title::pack_header(language, group),
                None => plan.meta.organisation.clone(),
            },
        ),
        footer,
        draft: (edition.status == crate::model::Status::Draft).then(|| words.draft.clone()),
        act,
        runs: ends
            .into_iter()
            .enumerate()
            .map(|(i, (end, prefix))| {
                let last = figures.and_then(|f| f.page_runs.get(i)).copied();
                package::Run {
                    end,
                    last: last.unwrap_or(1),
                    prefix,
                }
            })
            .collect(),
    };
    Ok(Made {
        bytes: package.zip()?,
        problems: std::mem::take(&mut writer.problems),
    })
}

/// The tracked changes of a comparison edition: each chapter of the document and each text
/// written in TOML, as the writer writes it now and as it wrote the earlier version.
fn revisions(
    input: &Input,
    earlier: &Earlier,
    numbers: &numbers::Numbers,
    date: String,
) -> revisions::Revisions {
    let language = input.plan.meta.language;
    let root = &input.plan.root;
    let mut out = revisions::Revisions::new(earlier.diff, input.plan, earlier.ledger, date);
    let mut add = |new: &Doc, old: Option<&Doc>| {
        let now = body::Writer::recorded(language, numbers, root, new);
        let before = old.map(|old| body::Writer::recorded(language, numbers, root, old));
        out.add(revisions::key(new), before.as_ref(), &now);
    };
    for part in &input.document.parts {
        if let Part::Chapter(path) = part
            && let Some(doc) = input.chapters.get(path)
        {
            add(doc, earlier.chapters.get(path));
        }
    }
    let before: BTreeMap<&str, &Doc> = earlier
        .texts
        .iter()
        .map(|(k, t)| (k.as_str(), &t.doc))
        .collect();
    for (key, text) in input.texts {
        add(&text.doc, before.get(key.as_str()).copied());
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_part_repeating_the_title_before_goes_on_below_it() {
        use super::starts_page;
        assert!(!starts_page(Some("Vizija ir prioritetai"), Some("Vizija")));
        assert!(starts_page(Some("Įvadas"), Some("Vizija")));
        assert!(starts_page(None, Some("Vizija")));
        assert!(starts_page(Some("Vizija"), None));
    }
}
