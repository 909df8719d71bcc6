//! A chart drawn from a dataset, written as one call of `md.data-chart` with its data as a
//! typst dictionary: every number, label and tick already worked out (see
//! `understand::data_chart`); `templates/data-charts.typ` only draws.

use super::{Writer, escape, fr};
use crate::understand::tree::{Chart, ChartValue, Width};

/// A number as a typst literal.
fn number(value: f64) -> String {
    if value.is_finite() {
        format!("{}", value + 0.0)
    } else {
        "0".into()
    }
}

/// `(value, "text")`, or `none` for an empty cell.
fn value(value: Option<&ChartValue>) -> String {
    match value {
        Some(v) => format!("({}, {})", number(v.value), escape::string(&v.text)),
        None => "none".into(),
    }
}

/// A typst array of the items (with the trailing comma a one-item array needs).
fn array(items: impl IntoIterator<Item = String>) -> String {
    let items: Vec<String> = items.into_iter().collect();
    match items.len() {
        1 => format!("({},)", items[0]),
        _ => format!("({})", items.join(", ")),
    }
}

impl Writer<'_> {
    /// A numbered chart: the drawing, its caption, its source line under it.
    pub(super) fn chart(&mut self, chart: &Chart) {
        let series = array(chart.series.iter().map(|s| {
            format!(
                "(name: {}, values: {})",
                escape::string(&s.name),
                array(s.values.iter().map(|v| value(v.as_ref())))
            )
        }));
        let axis = format!(
            "(low: {}, high: {}, ticks: {}, broken: {})",
            number(chart.axis.low),
            number(chart.axis.high),
            array(chart.axis.ticks.iter().map(|t| value(Some(t)))),
            chart.axis.broken
        );
        let data = format!(
            "(kind: {}, horizontal: {}, categories: {}, series: {series}, axis: {axis}, unit: {})",
            escape::string(chart.kind.name()),
            chart.horizontal,
            array(chart.categories.iter().map(|c| escape::string(c))),
            chart.unit.as_deref().map_or("none".into(), escape::string),
        );
        let width = match chart.width {
            None => String::new(),
            Some(Width::Percent(p)) => format!("width: {}%, ", fr(p)),
            Some(Width::Mm(mm)) => format!("width: {}mm, ", fr(mm)),
        };
        let height = chart
            .height
            .map_or(String::new(), |mm| format!("height: {}mm, ", fr(mm)));
        self.out.push_str(&format!(
            "#md.data-chart({data}, alt: {}, source: {}, closing: {}, {width}{height}caption: ",
            escape::string(&chart.alt),
            escape::string(&chart.source),
            chart.closing,
        ));
        let start = self.out.len();
        self.bracketed(&chart.caption);
        self.listed(false, start);
        if let Some(id) = &chart.id {
            self.out
                .push_str(&format!(", label: {}", escape::string(id)));
        }
        self.out.push(')');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::understand::tree::{Axis, ChartKind, Series};

    /// Whatever a dataset holds reaches typst as strings, never as markup or code.
    #[test]
    fn a_charts_words_reach_typst_as_strings() {
        let hostile = "#let x = 1 ] [ \" \\ $";
        let value = |value: f64, text: &str| ChartValue {
            value,
            text: text.into(),
            said: None,
        };
        let chart = Chart {
            kind: ChartKind::Bars,
            horizontal: false,
            caption: Vec::new(),
            id: Some("g".into()),
            categories: vec![hostile.into()],
            series: vec![Series {
                name: hostile.into(),
                values: vec![Some(value(59.4, "59,4"))],
            }],
            axis: Axis {
                low: 0.0,
                high: 60.0,
                ticks: vec![value(0.0, "0"), value(60.0, "60")],
                broken: false,
            },
            unit: Some(hostile.into()),
            source: hostile.into(),
            alt: hostile.into(),
            closing: false,
            width: None,
            height: None,
        };
        let pictures = std::collections::HashMap::new();
        let origin = crate::understand::Origin::Embedded(crate::diag::Span::new(
            crate::diag::FileId::default(),
            0..0,
        ));
        let mut writer = Writer::new(&origin, &pictures);
        writer.chart(&chart);
        let quoted = escape::string(hostile);
        assert_eq!(writer.out.matches(&quoted).count(), 5, "{}", writer.out);
        assert!(
            writer
                .out
                .starts_with("#md.data-chart((kind: \"bars\", horizontal: false, categories: ("),
            "{}",
            writer.out
        );
        assert!(
            writer.out.contains("values: ((59.4, \"59,4\"),)"),
            "{}",
            writer.out
        );
        assert!(writer.out.ends_with(", label: \"g\")"), "{}", writer.out);
    }
}
