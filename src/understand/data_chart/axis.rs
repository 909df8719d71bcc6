//! The value axis of a chart: from the values shown to a range with ticks at "nice" steps
//! (1, 2, 2,5 or 5 × 10ⁿ), labelled in the plan's language. Worked out here so that every
//! writer and test sees the same axis the template draws.

use super::super::tree::{Axis, ChartValue};
use crate::format;
use crate::model::Language;

/// About how many steps an axis has.
const STEPS: f64 = 5.0;

/// A "nice" step near `range / STEPS`: 1, 2, 2,5 or 5 times a power of ten.
pub(super) fn nice_step(range: f64) -> f64 {
    let raw = (range / STEPS).max(f64::MIN_POSITIVE);
    let magnitude = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|step| *step >= raw * (1.0 - 1e-9))
        .unwrap_or(10.0 * magnitude)
}

/// The nice step below `step` (2 500 → 2 000, 2 000 → 1 000, 1 000 → 500).
fn smaller(step: f64) -> f64 {
    let magnitude = 10f64.powf((step * (1.0 + 1e-9)).log10().floor());
    [5.0, 2.5, 2.0, 1.0, 0.5]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|s| *s < step * (1.0 - 1e-9))
        .unwrap_or(step / 2.0)
}

/// How many decimals the labels of ticks `step` apart need (2,5 → 1; 0,25 → 2).
fn decimals(step: f64) -> usize {
    (0..6)
        .find(|d| {
            let scaled = step * 10f64.powi(*d as i32);
            (scaled - scaled.round()).abs() < 1e-6 * scaled.max(1.0)
        })
        .unwrap_or(6)
}

/// An axis from `low` to `high` (the extremes it must show), widened to whole steps;
/// labels end with " %" when `percent`.
pub(super) fn axis(low: f64, high: f64, percent: bool, language: Language) -> Axis {
    ranged(low, high, percent, true, language)
}

/// The axis of lines between `least` and `most`: from zero, unless the smallest value is
/// more than half the largest (or below zero), when it starts near the smallest (the lowest
/// tick says where). Lines need not start at zero as bars do.
pub(crate) fn for_lines(least: f64, most: f64, percent: bool, language: Language) -> Axis {
    let low = if least >= 0.0 && least <= most / 2.0 {
        0.0
    } else {
        least
    };
    axis(low, most, percent, language)
}

/// An axis drawn both ways from zero (a pyramid, diverging bars), in half the width: its
/// ticks at the coarser step, so that their labels keep apart.
pub(super) fn mirrored(high: f64, percent: bool, language: Language) -> Axis {
    ranged(0.0, high, percent, false, language)
}

/// An axis at a nice step, or the next finer one when `finer` allows it.
fn ranged(low: f64, high: f64, percent: bool, finer: bool, language: Language) -> Axis {
    let (mut low, mut high) = (low.min(high), high.max(low));
    if high - low < 1e-12 {
        // One value: the axis runs from zero to it (or to one, for zeros).
        if low > 0.0 {
            low = 0.0;
        } else if high < 0.0 {
            high = 0.0;
        } else {
            high = low + 1.0;
        }
    }
    let ends = |step: f64| ((low / step + 1e-9).floor(), (high / step - 1e-9).ceil());
    let mut step = nice_step(high - low);
    // The next finer step, when it ends the axis nearer the values with few enough ticks
    // (0–7 000 for 6 130, not 0–8 000).
    let finer_step = smaller(step);
    let (coarse, fine) = (ends(step), ends(finer_step));
    let nearer = fine.1 * finer_step < (coarse.1 - 1e-9) * step
        || fine.0 * finer_step > (coarse.0 + 1e-9) * step;
    if finer && nearer && fine.1 - fine.0 <= 7.0 {
        step = finer_step;
    }
    let (first, last) = ends(step);
    let digits = decimals(step);
    let round = |v: f64| {
        let scale = 10f64.powi(digits as i32 + 2);
        (v * scale).round() / scale + 0.0
    };
    let ticks = (0..=(last - first) as i64)
        .map(|i| {
            let value = round((first + i as f64) * step);
            let mut text = format::number(value, digits, language);
            if percent {
                text.push_str("\u{a0}%");
            }
            ChartValue {
                value,
                text,
                said: None,
            }
        })
        .collect();
    Axis {
        low: round(first * step),
        high: round(last * step),
        ticks,
        broken: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(axis: &Axis) -> Vec<&str> {
        axis.ticks.iter().map(|t| t.text.as_str()).collect()
    }

    #[test]
    fn nice_steps() {
        assert_eq!(nice_step(59.4), 20.0);
        assert_eq!(nice_step(10.0), 2.0);
        assert_eq!(nice_step(12.0), 2.5);
        assert_eq!(nice_step(100.0), 20.0);
        assert_eq!(nice_step(0.9), 0.2);
        assert_eq!(nice_step(2400.0), 500.0);
    }

    #[test]
    fn axes_cover_their_values_at_nice_steps() {
        let a = axis(0.0, 59.4, false, Language::Lt);
        assert_eq!((a.low, a.high), (0.0, 60.0));
        assert_eq!(labels(&a), ["0", "20", "40", "60"]);
        let a = axis(51.3, 59.4, false, Language::Lt);
        assert_eq!(labels(&a), ["50", "52", "54", "56", "58", "60"]);
        let a = axis(0.0, 12.0, false, Language::Lt);
        assert_eq!(labels(&a), ["0", "2", "4", "6", "8", "10", "12"]);
        let a = axis(0.0, 6130.0, false, Language::Lt);
        assert_eq!(a.high, 7000.0);
        let a = axis(0.0, 13.0, false, Language::Lt);
        assert_eq!(labels(&a), ["0", "5", "10", "15"]);
        let a = axis(0.0, 2400.0, false, Language::Lt);
        assert_eq!(a.ticks.last().map(|t| t.text.as_str()), Some("2\u{a0}500"));
        let a = axis(-3.0, 7.0, true, Language::En);
        assert_eq!(labels(&a)[0], "−4\u{a0}%");
        let a = axis(0.0, 0.0, false, Language::En);
        assert_eq!((a.low, a.high), (0.0, 1.0));
    }
}
