//! What a chart's kind asks of the values chosen, and where bars may start (`from=`).

use super::super::tree::{ChartKind, Series};
use super::{Asked, bad};
use crate::diag::{Diagnostics, Span};
use crate::format;
use crate::model::Language;
use crate::model::data::Dataset;

/// What a kind asks of its series: a pyramid two, shares and stacks no negative value.
pub(super) fn check_kind(
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
pub(super) fn from_value(
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
