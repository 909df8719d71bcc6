//! Tables and charts drawn from a dataset. A paragraph that is just a picture of a
//! dataset's file shows the dataset: `![Gyventojų skaičius](data/gyventojai.csv){#id
//! .table …}` as a numbered table, `{#id .bars …}` as a numbered chart. Other Markdown
//! viewers show the caption and a link to the data. Which form and which part of the data
//! come from the attributes; the source line under either comes from the dataset's
//! metadata.

use std::sync::OnceLock;

use serde::Deserialize;

use super::attrs::{Attr, Attrs};
use super::tree::{BlockKind, Inline};
use crate::diag::{Diagnostic, Diagnostics, Span, codes};
use crate::model::Language;
use crate::model::data::Dataset;
use crate::words::{self, Phrase};

/// The classes that draw a dataset as a chart.
pub(super) const CHARTS: &[&str] = &[
    "bars",
    "hbars",
    "grouped",
    "stacked",
    "lines",
    "pyramid",
    "shares",
    "diverging",
];

/// What a chapter's picture of `dataset` becomes: a table or a chart, as its attributes
/// ask; `None` when they ask for neither or cannot be followed (reported).
pub(super) fn block(
    dataset: &Dataset,
    caption: Vec<Inline>,
    attrs: &Attrs,
    span: &Span,
    language: Language,
    diags: &mut Diagnostics,
) -> Option<BlockKind> {
    let has = |name: &str| {
        attrs
            .items
            .iter()
            .any(|a| matches!(a, Attr::Class(c) if c == name))
    };
    if has("table") {
        return super::data_table::table(dataset, caption, attrs, span, language, diags);
    }
    if CHARTS.iter().any(|c| has(c)) {
        return super::data_chart::chart(dataset, caption, attrs, span, language, diags);
    }
    let kinds = CHARTS
        .iter()
        .map(|c| format!("`.{c}`"))
        .collect::<Vec<_>>()
        .join(", ");
    diags.push(
        Diagnostic::error(format!(
            "the dataset `{}` is shown here, but not as what",
            dataset.id
        ))
        .code(codes::BAD_ATTRIBUTE)
        .at(span.clone())
        .label("a table or a chart?")
        .hint(format!(
            "add `.table` for a table (e.g. {{#id .table}}) or a chart's kind: {kinds}"
        )),
    );
    None
}

/// The words of a source line.
#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) struct Words {
    data_source_line: Phrase,
    data_retrieved: Phrase,
}

impl Words {
    pub(crate) fn of(language: Language) -> &'static Words {
        static CELLS: [OnceLock<Words>; 2] = [OnceLock::new(), OnceLock::new()];
        words::once(&CELLS, language)
    }
}

/// The line under a table or chart from `dataset`: where its values come from, when they
/// were taken and its notes ("Šaltinis: Valstybės duomenų agentūra. Duomenys gauti
/// 2021 m. rugsėjo 15 d. Pavyzdžio skaičiai iliustraciniai.").
pub(super) fn source_line(dataset: &Dataset, language: Language) -> String {
    let words = Words::of(language);
    let mut line = words
        .data_source_line
        .fill(&[("source", &dataset.source.trim_end_matches('.'))]);
    if let Some(date) = dataset.retrieved {
        line.push(' ');
        let retrieved = words
            .data_retrieved
            .fill(&[("date", &crate::format::date(date, language))]);
        // "… rugsėjo 15 d." ends the sentence with its own point.
        line.push_str(&retrieved.replace("..", "."));
    }
    if let Some(notes) = dataset
        .notes
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
    {
        line.push(' ');
        line.push_str(notes);
    }
    line
}
