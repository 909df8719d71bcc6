//! The top of a Word edition, as the PDF's title page has it: the approval mark of an
//! approved plan, the organisation, the document's title, the period (unless the title
//! says it), the status and version, and the date; an annex's mark instead (an annex has no
//! title page); and the words of captions.

use serde::Deserialize;

use crate::model::{Approval, Document, Form, Language, Plan, Status};

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
    approval_blanks: Blanks,
    amended_by: AmendedBy,
    annex_mark: AnnexMark,
    /// The supplements of figure and table captions ("pav", "lentelė").
    pub(super) figure: String,
    pub(super) table: String,
    /// The contents' title.
    pub(super) contents: String,
    /// A review pack's title, header and note on numbers.
    pack_title: PackTitle,
    pack_header: crate::words::Phrase,
    pack_numbers: String,
}

/// A review pack's title: `own` when the group calls itself a group (its name then in the
/// genitive in Lithuanian), `other` when it does not.
#[derive(Debug, Deserialize)]
struct PackTitle {
    own: crate::words::Phrase,
    other: crate::words::Phrase,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case")]
struct ApprovedBy {
    decision: String,
    number: String,
    before_body: String,
    before_date: String,
}

/// A draft's blanks for the decision's date and number.
#[derive(Debug, Deserialize)]
struct Blanks {
    date: String,
    number: String,
}

/// The redaction line's words.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case")]
struct AmendedBy {
    decision: String,
    number: String,
    wording: String,
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

/// A review pack's title ("Aplinkos darbo grupės peržiūros medžiaga"), as `pack-title` in
/// templates/labels.typ words it.
pub(super) fn pack_title(language: Language, group: &str) -> String {
    let forms = &Words::of(language).pack_title;
    let own = match language {
        Language::Lt => group
            .strip_suffix("grupė")
            .filter(|_| group.to_lowercase().ends_with("grupė"))
            .map(|stem| format!("{stem}grupės")),
        Language::En => group
            .to_lowercase()
            .ends_with("group")
            .then(|| group.to_string()),
    };
    match own {
        Some(named) => forms.own.fill(&[("name", &named)]),
        None => forms.other.fill(&[("name", &group)]),
    }
}

/// The right of a review pack's page header ("Peržiūros medžiaga: …").
pub(super) fn pack_header(language: Language, group: &str) -> String {
    Words::of(language).pack_header.fill(&[("name", &group)])
}

/// The width of the block an annex's mark is set in at the right of the text (11.5 cm, as
/// `annex-mark` in templates/document.typ), in twentieths of a point.
pub(super) const ANNEX_MARK_WIDTH: u32 = 6_520;

/// The width of the block of the approval mark: 7.5 cm on an act's first page, 8.5 cm on a
/// publication's title page (`approval-mark` in templates/document.typ).
pub(super) fn approval_mark_width(form: Form) -> u32 {
    match form {
        Form::Act => 4_252,
        Form::Publication => 4_819,
    }
}

/// An annex's mark: "… plano\nN priedas" / "Annex N\nto the … plan".
pub(super) fn annex_mark(plan: &Plan, n: usize) -> String {
    let language = plan.meta.language;
    let (mark, of) = (&Words::of(language).annex_mark, &plan.meta.title_genitive);
    match language {
        Language::Lt => format!("{of}\n{n}\u{a0}{}", mark.annex),
        Language::En => format!("{}\u{a0}{n}\n{} {of}", mark.annex, mark.before_plan),
    }
}

/// The title's paragraphs: each a style and its text (lines within it as line ends).
pub(super) fn lines(
    plan: &Plan,
    document: &Document,
    pack: Option<&str>,
) -> Vec<(&'static str, String)> {
    let language = plan.meta.language;
    let words = Words::of(language);
    let edition = document.edition(&plan.meta);
    let mut lines = Vec::new();
    // An annex has no title page: its mark, at the top of its first page.
    if let Some(n) = document.annex {
        lines.push(("AnnexMark", annex_mark(plan, n)));
        return lines;
    }
    if let Some(approval) = edition.approval {
        let draft = edition.status == Status::Draft;
        if draft {
            lines.push(("ProjectMark", words.status_draft.clone()));
        }
        lines.push(("ApprovalMark", approval_mark(language, approval, draft)));
    } else if edition.form == Form::Act && edition.status == Status::Draft {
        lines.push(("ProjectMark", words.status_draft.clone()));
    }
    if edition.form == Form::Act {
        // An act's title block, as the PDF's: the title in capitals under the mark; a
        // draft's version and date under it, an approved act's neither.
        lines.push(("ActTitle", document.title.to_uppercase()));
        if edition.status == Status::Draft {
            let mut facts = Vec::new();
            if !edition.version.is_empty() {
                facts.push(format!("{} {}", words.version, edition.version));
            }
            facts.push(crate::format::date(edition.date, language));
            lines.push(("ActFacts", facts.join(", ")));
        }
        return lines;
    }
    lines.push(("Subtitle", plan.meta.organisation.to_uppercase()));
    // A review pack is titled as such, above the document's title.
    match pack {
        Some(group) => {
            lines.push(("Title", pack_title(language, group)));
            lines.push(("Subtitle", document.title.clone()));
        }
        None => lines.push(("Title", document.title.clone())),
    }
    let (first, last) = plan.meta.period;
    let period = crate::format::years(first, last);
    // A report is about one year: not the plan's period under its title.
    if document.report.is_none() && !document.title.contains(&period) {
        lines.push(("Subtitle", period));
    }
    if pack.is_some() {
        lines.push(("Subtitle", words.pack_numbers.clone()));
    }
    let mut facts = Vec::new();
    // A draft for the council says "Projektas" once, above its mark, as an act does.
    if edition.status == Status::Draft && edition.approval.is_none() {
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

/// Words kept on one line, as the PDF's mark keeps the decision's date and "sprendimu"
/// together (it may still break before "Nr.", where the PDF's breaks when the line is
/// short), and an English mark its date.
fn together(words: &str) -> String {
    words.replace(' ', "\u{a0}")
}

/// The approval mark's text: "PATVIRTINTA", then "… tarybos 2021 m. sausio 28 d. sprendimu
/// Nr. T-12" (blanks for a draft's date and number), then the last amendment's redaction
/// line, as the PDF's (`approval-mark` in templates/document.typ).
fn approval_mark(language: Language, approval: &Approval, draft: bool) -> String {
    let words = Words::of(language);
    let genitive = |body: &str| match language {
        Language::Lt => crate::format::genitive_lt(body),
        Language::En => body.to_string(),
    };
    let body = genitive(&approval.body);
    let blanks = &words.approval_blanks;
    let date = if draft {
        Some(blanks.date.clone())
    } else {
        approval.date.map(|d| crate::format::date(d, language))
    };
    let decision = if draft {
        Some(blanks.number.as_str())
    } else {
        approval.decision.as_deref()
    };
    let number = decision.map(|n| format!(" {}\u{a0}{n}", words.approved_by.number));
    let by = &words.approved_by;
    let line = match language {
        Language::Lt => format!(
            "{body} {}{}",
            together(&format!(
                "{}{}",
                date.map(|d| format!("{d} ")).unwrap_or_default(),
                by.decision
            )),
            number.unwrap_or_default()
        ),
        Language::En => format!(
            "{}{} {} {body}{}",
            by.decision,
            number.unwrap_or_default(),
            by.before_body,
            date.map(|d| format!(" {} {}", by.before_date, together(&d)))
                .unwrap_or_default()
        ),
    };
    let mut mark = format!("{}\n{line}", words.approved);
    if let Some(m) = approval.amendments.last().filter(|_| !draft) {
        let a = &words.amended_by;
        let body = genitive(m.body.as_deref().unwrap_or(&approval.body));
        let date = crate::format::date(m.date, language);
        let decision = &m.decision;
        mark.push('\n');
        mark.push_str(&match language {
            Language::Lt => format!(
                "({body} {} {}\u{a0}{decision} {})",
                together(&format!("{date} {}", a.decision)),
                a.number,
                a.wording
            ),
            Language::En => format!(
                "({} {}\u{a0}{decision} {} {body} {} {})",
                a.decision,
                a.number,
                a.before_body,
                a.before_date,
                together(&date)
            ),
        });
    }
    mark
}
