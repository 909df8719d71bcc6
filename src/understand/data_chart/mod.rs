//! Charts drawn from a dataset: `![Caption](data/gyventojai.csv){#id .bars x="metai"
//! y="a|b" labels="A|B" rows="2011..2021" from=40 width=80% height=60mm}`. The attributes
//! choose the kind, the columns and the rows; here they are checked (each problem at the
//! chapter's line, with "did you mean"), the values formatted in the plan's language, the
//! value axis worked out ([`axis`]) and the alternative text written, so that the template
//! only draws.

mod axis;
pub(crate) use axis::for_lines;
mod checks;
mod describe;
mod read;
mod scale;
mod select;

use super::attrs::Attrs;
use super::tree::{BlockKind, Chart, ChartKind, ChartValue, Inline, Series, Width};
use crate::diag::{Diagnostic, Diagnostics, Span, codes};
use crate::facts::data::number_text;
use crate::model::Language;
use crate::model::data::{ColumnType, Dataset, Value};

/// What the attributes ask for.
#[derive(Default)]
pub(super) struct Asked {
    pub kinds: Vec<String>,
    pub horizontal: bool,
    pub x: Option<String>,
    pub y: Option<String>,
    pub labels: Option<String>,
    pub rows: Option<String>,
    pub from: Option<String>,
    pub width: Option<Width>,
    pub height: Option<f64>,
}

/// Reports a chart that cannot be drawn as asked.
pub(super) fn bad(
    message: String,
    label: &str,
    hint: String,
    span: &Span,
    diags: &mut Diagnostics,
) {
    diags.push(
        Diagnostic::error(message)
            .code(codes::BAD_CHART)
            .at(span.clone())
            .label(label)
            .hint(hint),
    );
}

/// The chart a chapter's picture of `dataset` asks for, or `None` when it cannot be drawn
/// (reported).
pub(super) fn chart(
    dataset: &Dataset,
    caption: Vec<Inline>,
    attrs: &Attrs,
    span: &Span,
    language: Language,
    diags: &mut Diagnostics,
) -> Option<BlockKind> {
    let asked = read::read(attrs, span, diags)?;
    let kind = read::kind(&asked, attrs, span, diags)?;
    let x = match &asked.x {
        Some(name) => select::column(dataset, name, "x", &[], &attrs.span_of("x", span), diags)?,
        None => dataset.key,
    };
    let rows = select::rows(
        dataset,
        asked.rows.as_deref(),
        &attrs.span_of("rows", span),
        diags,
    )?;
    let columns = select::series_columns(
        dataset,
        asked.y.as_deref(),
        x,
        &attrs.span_of("y", span),
        diags,
    )?;
    let names: Vec<String> = match &asked.labels {
        Some(labels) => {
            let names: Vec<String> = labels.split('|').map(|l| l.trim().to_string()).collect();
            if names.len() != columns.len() {
                bad(
                    format!(
                        "`labels=\"{labels}\"` names {} series, but the chart draws {}",
                        names.len(),
                        columns.len()
                    ),
                    "one name per series",
                    format!(
                        "give one name per column drawn ({}), separated by `|`",
                        columns
                            .iter()
                            .map(|&c| format!("`{}`", dataset.columns[c].name))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                    &attrs.span_of("labels", span),
                    diags,
                );
                return None;
            }
            names
        }
        None => columns
            .iter()
            .map(|&c| dataset.columns[c].name.clone())
            .collect(),
    };
    let categories: Vec<String> = rows
        .iter()
        .map(|r| select::category(dataset, r, x, language))
        .collect();
    let mut series: Vec<Series> = columns
        .iter()
        .zip(names)
        .map(|(&c, name)| Series {
            name,
            values: rows
                .iter()
                .map(|r| match r.values.get(c) {
                    Some(Value::Number { value, .. }) => Some(ChartValue {
                        value: *value,
                        text: number_text(
                            &dataset.columns[c],
                            *value,
                            dataset.places(r, c),
                            language,
                        ),
                        said: None,
                    }),
                    _ => None,
                })
                .collect(),
        })
        .collect();
    let shown: Vec<f64> = series
        .iter()
        .flat_map(|s| s.values.iter().flatten().map(|v| v.value))
        .collect();
    if shown.is_empty() {
        bad(
            format!("the chart of `{}` has no value to draw", dataset.id),
            "every cell chosen is empty",
            "choose rows and columns that hold numbers (`rows`, `y`)".into(),
            span,
            diags,
        );
        return None;
    }
    checks::check_kind(
        kind,
        &asked,
        dataset,
        &series,
        &categories,
        &attrs.span_of("y", span),
        diags,
    )?;
    let percent = columns
        .iter()
        .all(|&c| dataset.columns[c].kind == ColumnType::Percent);
    let from = match &asked.from {
        Some(from) => Some(checks::from_value(
            from,
            kind,
            &shown,
            language,
            &attrs.span_of("from", span),
            diags,
        )?),
        None => None,
    };
    if matches!(kind, ChartKind::Shares | ChartKind::Diverging) {
        scale::to_shares(&mut series, categories.len(), language);
    }
    let axis = scale::value_axis(kind, &series, from, percent, language);
    let alt = describe::describe(&caption, dataset, x, &categories, &series, language);
    Some(BlockKind::Chart(Chart {
        kind,
        horizontal: asked.horizontal
            || matches!(
                kind,
                ChartKind::Pyramid | ChartKind::Shares | ChartKind::Diverging
            ),
        caption,
        id: attrs.id.clone(),
        categories,
        series,
        axis,
        unit: match kind {
            ChartKind::Shares | ChartKind::Diverging => None,
            _ if percent => None,
            _ => dataset.unit.clone(),
        },
        source: super::from_data::source_line(dataset, language),
        alt,
        closing: false,
        width: asked.width,
        height: asked.height,
    }))
}
