//! The top of a Word edition, as the PDF's title page has it: the approval mark of an
//! approved plan, the organisation, the document's title, the period (unless the title
//! says it), the status and version, and the date; an annex's mark instead (an annex has no
//! title page); and the words of captions.

use serde::Deserialize;

use crate::model::{Document, Language, Plan, Status};

/// The words the Word edition writes, from the plan's language's word list.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) struct Words {
    pub(super) version: String,
    /// The draft mark ("PROJEKTAS").
    pub(super) draft: String,
    status_draft: String,
    approved: String,
    approved_by: ApprovedBy,
    annex_mark: AnnexMark,
    /// The supplements of figure and table captions ("pav", "lentelė").
    pub(super) figure: String,
    pub(super) table: String,
    /// The contents' title.
    pub(super) contents: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case")]
struct ApprovedBy {
    decision: String,
    number: String,
    before_body: String,
    before_date: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case")]
struct AnnexMark {
    annex: String,
    before_plan: String,
}

impl Words {
    pub(crate) fn of(language: Language) -> &'static Words {
        static CELLS: [std::sync::OnceLock<Words>; 2] =
            [std::sync::OnceLock::new(), std::sync::OnceLock::new()];
        crate::words::once(&CELLS, language)
    }
}

/// An annex's mark: "… plano 1 priedas" ("Annex 1 to the …").
pub(super) fn annex_mark(plan: &Plan, n: usize) -> String {
    let language = plan.meta.language;
    let (mark, of) = (&Words::of(language).annex_mark, &plan.meta.title_genitive);
    match language {
        Language::Lt => format!("{of}\n{n}\u{a0}{}", mark.annex),
        Language::En => format!("{}\u{a0}{n}\n{} {of}", mark.annex, mark.before_plan),
    }
}

/// The title's paragraphs: each a style and its text (lines within it as line ends).
pub(super) fn lines(plan: &Plan, document: &Document) -> Vec<(&'static str, String)> {
    let language = plan.meta.language;
    let words = Words::of(language);
    let edition = document.edition(&plan.meta);
    let mut lines = Vec::new();
    // An annex has no title page: its mark, at the top of its first page.
    if let Some(n) = document.annex {
        lines.push(("AnnexMark", annex_mark(plan, n)));
        return lines;
    }
    if edition.status == Status::Approved
        && let Some(approval) = edition.approval
    {
        let body = match language {
            Language::Lt => crate::format::genitive_lt(&approval.body),
            Language::En => approval.body.clone(),
        };
        let date = approval.date.map(|d| crate::format::date(d, language));
        let number = approval
            .decision
            .as_ref()
            .map(|n| format!(" {}\u{a0}{n}", words.approved_by.number));
        let by = &words.approved_by;
        let line = match language {
            Language::Lt => format!(
                "{body} {}{}{}",
                date.map(|d| format!("{d} ")).unwrap_or_default(),
                by.decision,
                number.unwrap_or_default()
            ),
            Language::En => format!(
                "{}{} {} {body}{}",
                by.decision,
                number.unwrap_or_default(),
                by.before_body,
                date.map(|d| format!(" {} {d}", by.before_date))
                    .unwrap_or_default()
            ),
        };
        lines.push(("ApprovalMark", format!("{}\n{line}", words.approved)));
    }
    lines.push(("Subtitle", plan.meta.organisation.to_uppercase()));
    lines.push(("Title", document.title.clone()));
    let (first, last) = plan.meta.period;
    let period = crate::format::years(first, last);
    if !document.title.contains(&period) {
        lines.push(("Subtitle", period));
    }
    let mut facts = Vec::new();
    if edition.status == Status::Draft {
        facts.push(words.status_draft.clone());
    }
    if !edition.version.is_empty() {
        facts.push(format!("{} {}", words.version, edition.version));
    }
    if !facts.is_empty() {
        lines.push(("Subtitle", facts.join(" · ")));
    }
    lines.push(("Subtitle", crate::format::date(edition.date, language)));
    lines
}
