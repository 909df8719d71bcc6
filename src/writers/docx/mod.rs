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
//! No crate is used for the format: the parts are small, and written here they come out
//! byte-identical for identical input (fixed zip dates, no random or process-wide ids).

mod body;
mod numbers;
mod package;
mod pictures;
pub(crate) mod title;
mod xml;

use std::collections::BTreeMap;

use crate::model::{Document, Part, Plan};
use crate::understand::Doc;
use crate::writers::typst::Chapter;

/// The fewest headings (of levels 1–3) a document has contents for, as in the PDF
/// (`contents-from` in templates/document.typ).
const CONTENTS_FROM: usize = 6;

/// What a document's Word edition is made of.
pub(crate) struct Input<'a> {
    pub plan: &'a Plan,
    pub document: &'a Document,
    /// The understood chapters, by path.
    pub chapters: &'a BTreeMap<String, Doc>,
    /// The chapters as the typst writer wrote them (their headings number the document).
    pub rendered: &'a BTreeMap<String, Chapter>,
    /// The numbers the PDF gave the chapters' figures and tables.
    pub figures: Option<&'a crate::typeset::ChapterFigures>,
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
    } = input;
    let numbered = crate::typeset::outline::number(document, false, rendered);
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
    for (style, text) in title::lines(plan, document) {
        writer.line(style, &text);
    }
    let title_end = writer.out.len();
    for (i, (doc, _)) in parts.iter().enumerate() {
        // An annex's first part goes on below its mark, as in the PDF.
        writer.chapter(i, doc, i > 0 || document.annex.is_none());
    }
    // Contents as the PDF has them: not in an annex, and from six headings on.
    if document.annex.is_none() && writer.headings.len() >= CONTENTS_FROM {
        let contents = body::contents(&title::Words::of(language).contents, &writer.headings);
        writer.out.insert_str(title_end, &contents);
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
        created: format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}Z"),
        zip_time,
        body: package::document(&writer.out),
        footnotes: package::footnotes(&writer.footnotes),
        relations: std::mem::take(&mut writer.relations),
        media: std::mem::take(&mut writer.media),
        ordered_lists: std::mem::take(&mut writer.ordered),
    };
    Ok(Made {
        bytes: package.zip()?,
        problems: std::mem::take(&mut writer.problems),
    })
}
