//! The Word edition of a document (`<id>.docx`): WordprocessingML written directly, from
//! the same understood tree the typst writer lays out.
//!
//! It holds the document's title (the plan's title, organisation, period and the edition's
//! date) and every chapter the document names, each on a new page: Word's heading styles
//! with the PDF's heading numbers, paragraphs, lists, quotes, tables (header rows repeated,
//! rows kept whole, numbers right-aligned, numbered captions and source lines), footnotes,
//! pictures with their alternative text, charts from data as the table of their values,
//! and references as links to bookmarks. The generated parts (`@strategy`, `@action-plan`,
//! …) are not in it yet.
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
    let mut writer = body::Writer::new(language, &numbers, &plan.root);
    let edition = document.edition(&plan.meta);
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
    for (style, text) in title::lines(plan, document) {
        writer.line(style, &text);
    }
    let annex = document.annex.is_some();
    if !annex {
        // The title page is a section of its own, without header, footer or number; the
        // pages after it are numbered from 1, as in the PDF.
        writer
            .out
            .push_str(&xml::paragraph(None, &package::title_section(), ""));
        writer.restart = true;
    }
    let title_end = writer.out.len();
    let texts: BTreeMap<&str, &Doc> = texts.iter().map(|(k, t)| (k.as_str(), &t.doc)).collect();
    let cx = parts::Context {
        data,
        texts: &texts,
    };
    for (i, (part, numbers)) in document.parts.iter().zip(&numbered.parts).enumerate() {
        // The first part starts the page after the title page (or after the contents); an
        // annex's goes on below its mark.
        let new_page = i > 0;
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
        let annex = plan.documents.iter().map(Document::annexes).sum::<usize>() + 1;
        changes::write(
            &mut writer,
            plan,
            diff,
            &changes::Place {
                annex,
                number: number.as_str(),
            },
        );
    }
    // Contents as the PDF has them: not in an annex, and from six headings on, on a page
    // of their own.
    if !annex && writer.headings.len() >= CONTENTS_FROM {
        let mut contents = body::contents(&title::Words::of(language).contents, &writer.headings);
        contents.push_str("<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>");
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
        body: package::document(&writer.out, writer.restart),
        footnotes: package::footnotes(&writer.footnotes),
        relations: std::mem::take(&mut writer.relations),
        media: std::mem::take(&mut writer.media),
        ordered_lists: std::mem::take(&mut writer.ordered),
        header: (
            plan.meta.short_title.clone(),
            plan.meta.organisation.clone(),
        ),
        footer,
        draft: (edition.status == crate::model::Status::Draft).then(|| words.draft.clone()),
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
