//! Reported values (`monitoring/<year>.toml`) compared year by year: an indicator's actual
//! value, note and source; a measure's status, comment and spending from each source.

use super::{Amount, MonitoringChange, Version};
use crate::format;
use crate::model::{Language, Money};

/// Reported values, year by year: each indicator's and then each measure's fields, in the
/// new plan's order and then what only the old one had.
pub(super) fn compare_monitoring(
    old: &Version,
    new: &Version,
    language: Language,
    sources: &[String],
    amount: &dyn Fn(Money) -> Amount,
) -> Vec<MonitoringChange> {
    use crate::model::monitoring::{Actual, Progress};
    let words = crate::collect::Words::of(language);
    let mut years: Vec<i32> = old
        .plan
        .monitoring
        .keys()
        .chain(new.plan.monitoring.keys())
        .copied()
        .collect();
    years.sort_unstable();
    years.dedup();
    // Every indicator and measure of either plan, with its number and name: the new
    // plan's first.
    let mut named: Vec<(&'static str, String, String, String)> = Vec::new();
    for version in [new, old] {
        let indicators = version.plan.indicators().map(|o| {
            let i = o.indicator;
            (
                "indicator",
                i.id.clone(),
                version.numbers.of(&i.id).to_string(),
                i.name.clone(),
            )
        });
        let measures = version.plan.measures().map(|(.., m)| {
            (
                "measure",
                m.id.clone(),
                version.numbers.of(&m.id).to_string(),
                m.title.clone(),
            )
        });
        for entry in indicators.chain(measures) {
            if !named
                .iter()
                .any(|(k, id, ..)| *k == entry.0 && *id == entry.1)
            {
                named.push(entry);
            }
        }
    }
    let actual = |a: Option<&Actual>| -> Vec<(&'static str, Option<String>, Option<String>)> {
        vec![
            (
                "value",
                None,
                a.and_then(|a| a.value).map(|v| format::value(v, language)),
            ),
            ("note", None, a.and_then(|a| a.note.clone())),
            ("source", None, a.and_then(|a| a.source.clone())),
        ]
    };
    let progress = |p: Option<&Progress>, sources: &[String]| {
        let mut fields = vec![
            (
                "status",
                None,
                p.map(|p| words.status_label(p.status).to_string()),
            ),
            ("comment", None, p.and_then(|p| p.comment.clone())),
        ];
        for source in sources {
            let spent = p.and_then(|p| p.spent.iter().find(|(s, ..)| s == source));
            fields.push((
                "spent",
                Some(source.clone()),
                spent.map(|(_, m, _)| amount(*m).text),
            ));
        }
        fields
    };
    let mut out = Vec::new();
    for year in years {
        let (before, after) = (
            old.plan.monitoring.get(&year),
            new.plan.monitoring.get(&year),
        );
        for (kind, id, number, name) in &named {
            let (a, b) = if *kind == "indicator" {
                let (a, b) = (
                    before.and_then(|r| r.indicators.get(id)),
                    after.and_then(|r| r.indicators.get(id)),
                );
                (actual(a), actual(b))
            } else {
                let (a, b) = (
                    before.and_then(|r| r.measures.get(id)),
                    after.and_then(|r| r.measures.get(id)),
                );
                (progress(a, sources), progress(b, sources))
            };
            for ((field, source, was), (_, _, now)) in a.into_iter().zip(b) {
                if was != now {
                    out.push(MonitoringChange {
                        year,
                        kind,
                        id: id.clone(),
                        number: number.clone(),
                        name: name.clone(),
                        field,
                        source,
                        old: was,
                        new: now,
                    });
                }
            }
        }
    }
    out
}
