//! What a chart's values are drawn as: shares of their category's sum (shares, diverging
//! bars), and the value axis each kind draws them on.

use super::super::tree::{Axis, ChartKind, Series};
use super::axis;
use crate::format;
use crate::model::Language;

/// Shares and diverging bars show each value as its share of its category's sum, in per
/// cent; values already in per cent that add up to 100 are kept as written.
pub(super) fn to_shares(series: &mut [Series], categories: usize, language: Language) {
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
                    let share = format!("{}\u{a0}%", format::number(v.value, 0, language));
                    v.said = Some(format!("{} ({share})", v.text));
                    v.text = share;
                }
            }
        }
    }
}

/// The value axis a kind draws its series on.
pub(super) fn value_axis(
    kind: ChartKind,
    series: &[Series],
    from: Option<f64>,
    percent: bool,
    language: Language,
) -> Axis {
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
        ChartKind::Lines => axis::for_lines(least, most, percent, language),
        ChartKind::Pyramid => axis::mirrored(most.max(0.0), percent, language),
        ChartKind::Shares => axis::axis(0.0, 100.0, true, language),
        ChartKind::Diverging => {
            let n = series.len();
            let negative = sums(&|_| 0..n.div_ceil(2).min(n));
            let positive = sums(&|_| n / 2..n);
            axis::mirrored(negative.max(positive), true, language)
        }
    }
}
