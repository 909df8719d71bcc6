//! Indicators at every level, compared by id: name, unit, baseline, the target of each
//! milestone year and what the indicator card says; a code that changed alone is reported
//! too.

use super::{IndicatorChange, IndicatorField, Version, fields, when_changed};
use crate::format;
use crate::model::{Indicator, Language};

/// Every indicator with its code, at whichever level it is.
fn indicators<'a>(version: &Version<'a>) -> Vec<(&'a Indicator, String)> {
    version
        .plan
        .indicators()
        .map(|o| (o.indicator, version.numbers.of(&o.indicator.id).to_string()))
        .collect()
}

/// What an indicator card shows besides values, by field name.
fn card(i: &Indicator, language: Language) -> Vec<(&'static str, Option<String>)> {
    use crate::model::Direction::{Down, Maintain, Up};
    let direction = match (i.direction, language) {
        (Up, Language::Lt) => "didėjimo",
        (Down, Language::Lt) => "mažėjimo",
        (Up, Language::En) => "increase",
        (Down, Language::En) => "decrease",
        (Maintain, Language::Lt) => "išlaikymo",
        (Maintain, Language::En) => "maintain",
    };
    vec![
        ("source", i.source.clone()),
        ("direction", Some(direction.to_string())),
        ("method", i.method.clone()),
        ("frequency", i.frequency.clone()),
        ("reporter", i.reporter.clone()),
    ]
}

pub(super) fn compare_indicators(
    old: &Version,
    new: &Version,
    language: Language,
) -> Vec<IndicatorChange> {
    let value = |v: Option<f64>| v.map(|v| format::value(v, language));
    let baseline = |i: &Indicator| {
        i.baseline
            .map(|(y, v)| format!("{} ({y})", format::value(v, language)))
    };
    let old_list = indicators(old);
    let new_list = indicators(new);
    let mut out = Vec::new();
    for (i, code) in &new_list {
        let before = old_list.iter().find(|(o, _)| o.id == i.id);
        let mut changes = Vec::new();
        match before {
            None => changes.push(IndicatorField::Added),
            Some((o, _)) => {
                changes.extend(when_changed(&o.name, &i.name, |old, new| {
                    IndicatorField::Name { old, new }
                }));
                changes.extend(when_changed(&o.unit, &i.unit, |old, new| {
                    IndicatorField::Unit { old, new }
                }));
                if o.baseline != i.baseline {
                    changes.push(IndicatorField::Baseline {
                        old: baseline(o),
                        new: baseline(i),
                    });
                }
                let mut years: Vec<i32> = o
                    .targets
                    .iter()
                    .chain(&i.targets)
                    .map(|(y, _)| *y)
                    .collect();
                years.sort_unstable();
                years.dedup();
                for year in years {
                    let at = |list: &[(i32, f64)]| {
                        list.iter().find(|(y, _)| *y == year).map(|(_, v)| *v)
                    };
                    let (a, b) = (at(&o.targets), at(&i.targets));
                    if a != b {
                        changes.push(IndicatorField::Target {
                            year,
                            old: value(a),
                            new: value(b),
                        });
                    }
                }
                let (before, after) = (card(o, language), card(i, language));
                changes.extend(
                    fields(&before, &after).map(|(field, old, new)| IndicatorField::Field {
                        field,
                        old,
                        new,
                    }),
                );
            }
        }
        let old_code = before.map(|(_, c)| c.clone());
        if !changes.is_empty() || old_code.as_deref() != Some(code) {
            out.push(IndicatorChange {
                id: i.id.clone(),
                old_code,
                new_code: Some(code.clone()),
                name: i.name.clone(),
                unit: i.unit.clone(),
                changes,
            });
        }
    }
    for (o, code) in old_list
        .iter()
        .filter(|(o, _)| !new_list.iter().any(|(i, _)| i.id == o.id))
    {
        out.push(IndicatorChange {
            id: o.id.clone(),
            old_code: Some(code.clone()),
            new_code: None,
            name: o.name.clone(),
            unit: o.unit.clone(),
            changes: vec![IndicatorField::Removed],
        });
    }
    out
}
