//! Charts drawn from a dataset: `![Caption](data/gyventojai.csv){#id .bars x="metai"
//! y="a|b" labels="A|B" rows="2011..2021" from=40 width=80% height=60mm}`. The attributes
//! choose the kind, the columns and the rows; here they are checked (each problem at the
//! chapter's line, with "did you mean"), the values formatted in the plan's language, the
//! value axis worked out ([`axis`]) and the alternative text written, so that the template
//! only draws.

mod axis;

use std::sync::OnceLock;

use serde::Deserialize;

use super::attrs::{self, Attr, Attrs};
use super::tree::{BlockKind, Chart, ChartKind, ChartValue, Inline, InlineKind, Series, Width};
use crate::diag::{Diagnostic, Diagnostics, Span, codes};
use crate::facts::data::number_text;
use crate::format;
use crate::model::Language;
use crate::model::data::{ColumnType, Dataset, Row, Value};
use crate::words::{self, Phrase};

/// The attributes a chart takes besides its kind.
const CHART_ATTRS: &[&str] = &[
    ".bars",
    ".hbars",
    ".grouped",
    ".stacked",
    ".lines",
    ".pyramid",
    ".shares",
    ".diverging",
    "x",
    "y",
    "labels",
    "rows",
    "from",
    "width",
    "height",
];

/// The words of a chart's alternative text.
#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
struct Words {
    chart_no_value: String,
    chart_year: Phrase,
}

impl Words {
    fn of(language: Language) -> &'static Words {
        static CELLS: [OnceLock<Words>; 2] = [OnceLock::new(), OnceLock::new()];
        words::once(&CELLS, language)
    }
}

/// What the attributes ask for.
#[derive(Default)]
struct Asked {
    kinds: Vec<String>,
    horizontal: bool,
    x: Option<String>,
    y: Option<String>,
    labels: Option<String>,
    rows: Option<String>,
    from: Option<String>,
    width: Option<Width>,
    height: Option<f64>,
}

/// Reports a chart that cannot be drawn as asked.
fn bad(message: String, label: &str, hint: String, span: &Span, diags: &mut Diagnostics) {
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
    let asked = read(attrs, span, diags)?;
    let kind = kind(&asked, span, diags)?;
    let x = match &asked.x {
        Some(name) => column(dataset, name, "x", span, diags)?,
        None => dataset.key,
    };
    let rows = rows(dataset, asked.rows.as_deref(), span, diags)?;
    let columns = series_columns(dataset, asked.y.as_deref(), x, span, diags)?;
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
                    span,
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
        .map(|r| category(dataset, r, x, language))
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
                        text: number_text(&dataset.columns[c], *value, language),
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
    check_kind(kind, &asked, dataset, &series, &categories, span, diags)?;
    let percent = columns
        .iter()
        .all(|&c| dataset.columns[c].kind == ColumnType::Percent);
    let from = match &asked.from {
        Some(from) => Some(from_value(from, kind, &shown, language, span, diags)?),
        None => None,
    };
    if matches!(kind, ChartKind::Shares | ChartKind::Diverging) {
        to_shares(&mut series, categories.len(), language);
    }
    let axis = value_axis(kind, &series, from, percent, language);
    let alt = describe(&caption, dataset, x, &categories, &series, language);
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

/// Reads the attributes; `None` when a value cannot be used (reported).
fn read(attrs: &Attrs, span: &Span, diags: &mut Diagnostics) -> Option<Asked> {
    let mut asked = Asked::default();
    let mut ok = true;
    for attr in &attrs.items {
        match attr {
            Attr::Class(name) if name == "hbars" => asked.horizontal = true,
            Attr::Class(name) if super::from_data::CHARTS.contains(&name.as_str()) => {
                asked.kinds.push(name.clone())
            }
            Attr::Pair(key, value) => match key.as_str() {
                "x" => asked.x = Some(value.clone()),
                "y" => asked.y = Some(value.clone()),
                "labels" => asked.labels = Some(value.clone()),
                "rows" => asked.rows = Some(value.clone()),
                "from" => asked.from = Some(value.clone()),
                "width" => match attrs::parse_width(value) {
                    Some(width) => asked.width = Some(width),
                    None => {
                        ok = false;
                        bad(
                            format!("`width={value}` is not a width a chart can take"),
                            "not a width",
                            "write a share of the text width from 1% to 100% (width=80%) or a length in millimetres or centimetres (width=120mm)".into(),
                            span,
                            diags,
                        );
                    }
                },
                "height" => match attrs::parse_width(value) {
                    Some(Width::Mm(mm)) if (20.0..=230.0).contains(&mm) => asked.height = Some(mm),
                    _ => {
                        ok = false;
                        bad(
                            format!("`height={value}` is not a height a chart can take"),
                            "not a height",
                            "write a length from 20mm to 230mm (height=60mm, height=6cm)".into(),
                            span,
                            diags,
                        );
                    }
                },
                _ => attrs::unknown(attr, CHART_ATTRS, "a chart", span, diags),
            },
            other => attrs::unknown(other, CHART_ATTRS, "a chart", span, diags),
        }
    }
    ok.then_some(asked)
}

/// The kind the classes ask for: one kind, `.hbars` alone or with `.grouped`/`.stacked`.
fn kind(asked: &Asked, span: &Span, diags: &mut Diagnostics) -> Option<ChartKind> {
    if asked.kinds.len() > 1 {
        let written = asked
            .kinds
            .iter()
            .map(|k| format!("`.{k}`"))
            .collect::<Vec<_>>()
            .join(" and ");
        bad(
            format!("a chart is of one kind, but {written} are given"),
            "two kinds at once",
            "keep one kind; `.hbars` alone draws bars across, and with `.grouped` or `.stacked` lays those across".into(),
            span,
            diags,
        );
        return None;
    }
    let kind = match asked.kinds.first().map(String::as_str) {
        None | Some("bars") | Some("grouped") => ChartKind::Bars,
        Some("stacked") => ChartKind::Stacked,
        Some("lines") => ChartKind::Lines,
        Some("pyramid") => ChartKind::Pyramid,
        Some("shares") => ChartKind::Shares,
        _ => ChartKind::Diverging,
    };
    if let Some(other) = asked
        .kinds
        .first()
        .filter(|k| asked.horizontal && !matches!(k.as_str(), "grouped" | "stacked"))
    {
        bad(
            format!("a chart is of one kind, but `.hbars` and `.{other}` are given"),
            "two kinds at once",
            "`.hbars` draws bars across the page by itself, and lays `.grouped` or `.stacked` bars across; keep one of the two".into(),
            span,
            diags,
        );
        return None;
    }
    Some(kind)
}

/// The column named `name` (for the attribute `key`), reported when there is none.
fn column(
    dataset: &Dataset,
    name: &str,
    key: &str,
    span: &Span,
    diags: &mut Diagnostics,
) -> Option<usize> {
    if let Some(c) = dataset.column(name) {
        return Some(c);
    }
    let names = dataset.columns.iter().map(|c| c.name.as_str());
    let listed = dataset
        .columns
        .iter()
        .map(|c| format!("`{}`", c.name))
        .collect::<Vec<_>>()
        .join(", ");
    let hint = crate::suggest::hint(name, names, || {
        format!("the columns of `{}` are {listed}", dataset.id)
    });
    diags.push(
        Diagnostic::error(format!(
            "`{key}` names the column `{name}`, which the dataset `{}` does not have",
            dataset.id
        ))
        .code(codes::UNKNOWN_COLUMN)
        .at(span.clone())
        .label("no such column")
        .hint(hint),
    );
    None
}

/// The columns drawn as series: those `y` names, or every number and percent column but
/// the categories'.
fn series_columns(
    dataset: &Dataset,
    y: Option<&str>,
    x: usize,
    span: &Span,
    diags: &mut Diagnostics,
) -> Option<Vec<usize>> {
    let Some(y) = y else {
        let columns: Vec<usize> = (0..dataset.columns.len())
            .filter(|&c| {
                c != x
                    && matches!(
                        dataset.columns[c].kind,
                        ColumnType::Number | ColumnType::Percent
                    )
            })
            .collect();
        if columns.is_empty() {
            bad(
                format!("the dataset `{}` has no column of numbers to draw", dataset.id),
                "nothing to draw",
                "name the columns to draw with `y`, e.g. y=\"gyventojai\", or declare them `number` in the dataset's `[columns]`".into(),
                span,
                diags,
            );
            return None;
        }
        return Some(columns);
    };
    let mut columns = Vec::new();
    for name in y.split('|').map(str::trim) {
        let c = column(dataset, name, "y", span, diags)?;
        if dataset.columns[c].kind == ColumnType::Text {
            bad(
                format!(
                    "`y` names the column `{name}` of `{}`, which holds text, not numbers",
                    dataset.id
                ),
                "a text column cannot be drawn",
                "draw columns of numbers; if this one holds numbers, declare it `number` in the dataset's `[columns]` to have each cell checked".into(),
                span,
                diags,
            );
            return None;
        }
        columns.push(c);
    }
    Some(columns)
}

/// The rows drawn: all, an inclusive range `a..b` of row keys, or the keys `a|b|c`.
fn rows<'d>(
    dataset: &'d Dataset,
    rows: Option<&str>,
    span: &Span,
    diags: &mut Diagnostics,
) -> Option<Vec<&'d Row>> {
    let Some(rows) = rows else {
        return Some(dataset.rows.iter().collect());
    };
    let mut find = |key: &str| -> Option<usize> {
        let key = crate::load::nfc(key.trim().to_string());
        if let Some(i) = dataset.rows.iter().position(|r| r.key == key) {
            return Some(i);
        }
        let keys = dataset.rows.iter().map(|r| r.key.as_str());
        let (first, last) = (dataset.rows.first(), dataset.rows.last());
        let hint = crate::suggest::hint(&key, keys, || match (first, last) {
            (Some(first), Some(last)) => format!(
                "rows are named by their `{}`, from `{}` to `{}`",
                dataset.columns[dataset.key].name, first.key, last.key
            ),
            _ => "the dataset has no rows".into(),
        });
        diags.push(
            Diagnostic::error(format!("the dataset `{}` has no row `{key}`", dataset.id))
                .code(codes::UNKNOWN_ROW)
                .at(span.clone())
                .label("no row is named so")
                .hint(hint),
        );
        None
    };
    if let Some((from, to)) = rows.split_once("..") {
        let (a, b) = (find(from)?, find(to)?);
        if a > b {
            bad(
                format!(
                    "`rows=\"{rows}\"` runs backwards: `{}` comes after `{}` in the dataset",
                    from.trim(),
                    to.trim()
                ),
                "not a range",
                format!(
                    "write the first row first: rows=\"{}..{}\"",
                    to.trim(),
                    from.trim()
                ),
                span,
                diags,
            );
            return None;
        }
        return Some(dataset.rows[a..=b].iter().collect());
    }
    let mut chosen = Vec::new();
    for key in rows.split('|') {
        chosen.push(&dataset.rows[find(key)?]);
    }
    Some(chosen)
}

/// A row's category as shown: the row's key, or its cell in the column `x`.
fn category(dataset: &Dataset, row: &Row, x: usize, language: Language) -> String {
    if x == dataset.key {
        return row.key.clone();
    }
    match row.values.get(x) {
        Some(Value::Number { value, .. }) => number_text(&dataset.columns[x], *value, language),
        Some(Value::Text(text)) => text.clone(),
        _ => String::new(),
    }
}

/// What a kind asks of its series: a pyramid two, shares and stacks no negative value.
fn check_kind(
    kind: ChartKind,
    asked: &Asked,
    dataset: &Dataset,
    series: &[Series],
    categories: &[String],
    span: &Span,
    diags: &mut Diagnostics,
) -> Option<()> {
    let class = asked.kinds.first().map_or("hbars", String::as_str);
    if kind == ChartKind::Pyramid && series.len() != 2 {
        bad(
            format!("a `.pyramid` mirrors two series, but {} are drawn", series.len()),
            "two series",
            "name the two columns with `y`, e.g. y=\"vyrai|moterys\": the first is drawn to the left".into(),
            span,
            diags,
        );
        return None;
    }
    if kind == ChartKind::Diverging && series.len() < 2 {
        bad(
            "a `.diverging` chart splits answers around zero, but one column is drawn".into(),
            "two answers or more",
            "name the answer columns with `y`, from the most negative to the most positive, e.g. y=\"nepritaria|neutralu|pritaria\"".into(),
            span,
            diags,
        );
        return None;
    }
    if matches!(
        kind,
        ChartKind::Shares | ChartKind::Diverging | ChartKind::Stacked
    ) {
        for s in series {
            for (value, category) in s.values.iter().zip(categories) {
                if let Some(v) = value.as_ref().filter(|v| v.value < 0.0) {
                    bad(
                        format!(
                            "a `.{class}` chart adds up its values, but `{}` of `{}` is {} in the row `{category}`",
                            s.name, dataset.id, v.text
                        ),
                        "a negative value",
                        "shares and stacks add parts of a whole, which cannot be negative: draw these values as `.bars`".into(),
                        span,
                        diags,
                    );
                    return None;
                }
            }
        }
    }
    Some(())
}

/// Where bars start, `from=`: only bars, at most their smallest value.
fn from_value(
    from: &str,
    kind: ChartKind,
    shown: &[f64],
    language: Language,
    span: &Span,
    diags: &mut Diagnostics,
) -> Option<f64> {
    let value = from
        .trim()
        .replace(',', ".")
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite() && *v >= 0.0);
    let Some(value) = value else {
        bad(
            format!("`from={from}` is not where bars can start"),
            "not a number",
            "write the value the bars start at, zero or above, e.g. from=40".into(),
            span,
            diags,
        );
        return None;
    };
    if kind != ChartKind::Bars {
        bad(
            format!("`from={from}` is given, but only bars start above zero"),
            "for `.bars`, `.hbars` and `.grouped`",
            "remove `from`: lines already start near their values, and shares, stacks and pyramids are read from zero".into(),
            span,
            diags,
        );
        return None;
    }
    let least = shown.iter().copied().fold(f64::INFINITY, f64::min);
    if value > least {
        bad(
            format!(
                "`from={from}` is above the smallest value drawn ({})",
                format::value(least, language)
            ),
            "a bar would be cut",
            format!(
                "start the bars at {} or below, or leave `from` out: bars then start at zero",
                format::value(least, language)
            ),
            span,
            diags,
        );
        return None;
    }
    Some(value)
}

/// Shares and diverging bars show each value as its share of its category's sum, in per
/// cent; values already in per cent that add up to 100 are kept as written.
fn to_shares(series: &mut [Series], categories: usize, language: Language) {
    for c in 0..categories {
        let sum: f64 = series
            .iter()
            .filter_map(|s| s.values[c].as_ref().map(|v| v.value))
            .sum();
        let written = (sum - 100.0).abs() < 0.51
            && series
                .iter()
                .all(|s| s.values[c].as_ref().is_none_or(|v| v.text.ends_with('%')));
        for s in series.iter_mut() {
            if let Some(v) = s.values[c].as_mut() {
                if sum <= 0.0 {
                    s.values[c] = None;
                } else if !written {
                    v.value = v.value / sum * 100.0;
                    v.text = format!("{}\u{a0}%", format::number(v.value, 0, language));
                }
            }
        }
    }
}

/// The value axis a kind draws its series on.
fn value_axis(
    kind: ChartKind,
    series: &[Series],
    from: Option<f64>,
    percent: bool,
    language: Language,
) -> super::tree::Axis {
    let values = || {
        series
            .iter()
            .flat_map(|s| s.values.iter().flatten().map(|v| v.value))
    };
    let (least, most) = values().fold((f64::INFINITY, f64::NEG_INFINITY), |(l, m), v| {
        (l.min(v), m.max(v))
    });
    let categories = series.first().map_or(0, |s| s.values.len());
    let sums = |range: &dyn Fn(usize) -> std::ops::Range<usize>| {
        (0..categories)
            .map(|c| {
                series[range(c)]
                    .iter()
                    .zip(range(c))
                    .map(|(s, i)| {
                        let v = s.values[c].as_ref().map_or(0.0, |v| v.value);
                        // The middle answer of an odd count is split half each side.
                        if kind == ChartKind::Diverging
                            && series.len() % 2 == 1
                            && i == series.len() / 2
                        {
                            v / 2.0
                        } else {
                            v
                        }
                    })
                    .sum::<f64>()
            })
            .fold(0.0, f64::max)
    };
    match kind {
        ChartKind::Bars => match from.filter(|f| *f > 0.0) {
            Some(from) => {
                let mut axis = axis::axis(from, most.max(from), percent, language);
                axis.broken = true;
                axis
            }
            None => axis::axis(least.min(0.0), most.max(0.0), percent, language),
        },
        ChartKind::Stacked => axis::axis(0.0, sums(&|_| 0..series.len()), percent, language),
        ChartKind::Lines => {
            let low = if least >= 0.0 && least <= most / 2.0 {
                0.0
            } else {
                least
            };
            axis::axis(low, most, percent, language)
        }
        ChartKind::Pyramid => axis::axis(0.0, most.max(0.0), percent, language),
        ChartKind::Shares => axis::axis(0.0, 100.0, true, language),
        ChartKind::Diverging => {
            let n = series.len();
            let negative = sums(&|_| 0..n.div_ceil(2).min(n));
            let positive = sums(&|_| n / 2..n);
            axis::axis(0.0, negative.max(positive), true, language)
        }
    }
}

/// The plain text of inline content (a caption).
fn plain(inlines: &[Inline], out: &mut String) {
    for inline in inlines {
        match &inline.kind {
            InlineKind::Text(segments) => segments.iter().for_each(|s| out.push_str(s.text())),
            InlineKind::SoftBreak | InlineKind::LineBreak => out.push(' '),
            InlineKind::Code(code) | InlineKind::Html(code) => out.push_str(&code.text),
            InlineKind::Picture(picture) => out.push_str(&picture.alt),
            InlineKind::Item {
                number,
                content: None,
                ..
            } => out.push_str(number),
            kind => {
                if let Some(content) = kind.content() {
                    plain(content, out)
                }
            }
        }
    }
}

/// The alternative text: the caption, then every value of every series with its category
/// ("Gyventojų skaičius: 2011 m. 59,4; 2012 m. 58,1; …").
fn describe(
    caption: &[Inline],
    dataset: &Dataset,
    x: usize,
    categories: &[String],
    series: &[Series],
    language: Language,
) -> String {
    let words = Words::of(language);
    let mut text = String::new();
    plain(caption, &mut text);
    let mut text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let text_len = text.trim_end_matches([':', ' ']).len();
    text.truncate(text_len);
    let years = dataset.columns[x].kind == ColumnType::Year;
    let values = |s: &Series| {
        s.values
            .iter()
            .zip(categories)
            .map(|(v, c)| {
                let category = match years {
                    true => c
                        .parse::<i32>()
                        .map_or(c.clone(), |y| words.chart_year.year(y)),
                    false => c.clone(),
                };
                let value = v
                    .as_ref()
                    .map_or(words.chart_no_value.as_str(), |v| v.text.as_str());
                format!("{category} {value}")
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    if let [one] = series {
        format!("{text}: {}.", values(one))
    } else {
        let parts: Vec<String> = series
            .iter()
            .map(|s| format!("{}: {}.", s.name, values(s)))
            .collect();
        let stop = if text.ends_with('.') { "" } else { "." };
        format!("{text}{stop} {}", parts.join(" "))
    }
}
