//! Facts: figures computed from the plan data that chapters quote with `{{ name }}`, so
//! prose never disagrees with the tables. The full list is in docs/en/reference/facts.md.

pub(crate) mod data;
pub(crate) mod noun;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex};

use crate::format;
use crate::ledger::{Ledger, execution};
use crate::model::Plan;

/// Every fact of a plan by name, already formatted for the plan's language.
#[derive(Debug)]
pub(crate) struct Facts {
    values: BTreeMap<String, String>,
    /// The datasets `{{ data.… }}` facts quote, worked out when asked for.
    datasets: Arc<Vec<crate::model::data::Dataset>>,
    language: crate::model::Language,
    /// The datasets a fact has quoted so far: a dataset nothing quotes is a warning.
    used: Mutex<BTreeSet<String>>,
    /// What the facts and dataset pictures asked for since [`Facts::take_shown`].
    shown: Mutex<Shown>,
}

/// The plan files a Markdown source showed through its facts and dataset pictures: which
/// datasets, and whether a `report.…` fact (worked out from the monitoring reports).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Shown {
    /// The ids of the datasets charted, tabled or quoted.
    pub(crate) datasets: BTreeSet<String>,
    /// Whether a `report.…` fact was quoted.
    pub(crate) monitoring: bool,
}

impl Facts {
    /// Computes all facts of a plan; its sums of money are the ledger's.
    pub(crate) fn new(plan: &Plan, ledger: &Ledger) -> Facts {
        let mut values = BTreeMap::new();
        let mut put = |name: String, value: String| {
            values.insert(name, value);
        };
        let lang = plan.meta.language;
        let goals: Vec<_> = plan.priorities.iter().flat_map(|p| &p.goals).collect();
        let objectives: Vec<_> = goals.iter().flat_map(|g| &g.objectives).collect();
        let measures: Vec<_> = objectives.iter().flat_map(|o| &o.measures).collect();
        for (name, count) in [
            ("priorities", plan.priorities.len()),
            ("goals", goals.len()),
            ("objectives", objectives.len()),
            ("measures", measures.len()),
            ("indicators", plan.indicators().count()),
            ("sources", plan.sources.len()),
            ("institutions", plan.institutions.len()),
            ("groups", plan.groups.len()),
            ("higher-goals", plan.higher_goals.len()),
            ("principles", plan.principles.len()),
        ] {
            put(format!("count.{name}"), count.to_string());
        }
        // "count.effect-indicators" …, one per level.
        for (level, _) in crate::model::Level::ALL {
            let count = plan
                .indicators()
                .filter(|o| o.level.name() == level)
                .count();
            put(format!("count.{level}-indicators"), count.to_string());
        }

        let money = |m| ledger.format().text(m);
        let total = &ledger.plan().funding;
        put("funding.total".into(), money(total.total));
        for (source, amount) in plan.sources.iter().zip(&total.by_source) {
            put(format!("funding.{}", source.id), money(*amount));
        }
        for priority in &plan.priorities {
            let goals = priority.goals.iter().map(|g| &g.id);
            for id in std::iter::once(&priority.id).chain(goals) {
                put(format!("funding.{id}"), money(ledger.of(id).funding.total));
            }
        }
        for (year, totals) in &ledger.plan().by_year {
            put(format!("funding.{year}"), money(totals.total));
        }

        // Each reported year's figures as `report.<year>.…`, and the report's own year's
        // (the latest `report` of a document, else the latest reported year) as `report.…`.
        let own = plan
            .documents
            .iter()
            .filter_map(|d| d.report)
            .max()
            .or_else(|| plan.monitoring.keys().next_back().copied());
        for &year in plan.monitoring.keys() {
            let summary = crate::progress::Summary::of(plan, ledger, year);
            let figures = report_facts(&summary, &money, lang);
            if own == Some(year) {
                for (name, value) in &figures {
                    put(format!("report.{name}"), value.clone());
                }
            }
            for (name, value) in figures {
                put(format!("report.{year}.{name}"), value);
            }
        }

        // The judging rule (`[monitoring] rule`), for a chapter that states it.
        put(
            "monitoring.rule".into(),
            crate::progress::rule_text(&plan.rule, lang),
        );
        put(
            "monitoring.on-track".into(),
            format!("{}\u{a0}%", format::value(plan.rule.on_track, lang)),
        );
        put(
            "monitoring.lagging".into(),
            format!("{}\u{a0}%", format::value(plan.rule.lagging, lang)),
        );

        // Each annex's number, as its mark shows it: `annex.<document>` for a document that
        // is an annex, `annex.<document>.<part>` for a part listed in its `annex` (a
        // generated part by its name, a chapter by its file name without `.md`).
        for document in &plan.documents {
            if let Some(number) = document.annex {
                put(format!("annex.{}", document.id), number.to_string());
            }
            for (&index, &number) in &document.annex_parts {
                if let Some(part) = document.parts.get(index) {
                    let name = annex_part_name(part);
                    put(format!("annex.{}.{name}", document.id), number.to_string());
                }
            }
        }

        let meta = &plan.meta;
        put("plan.title".into(), meta.title.clone());
        put("plan.short-title".into(), meta.short_title.clone());
        put("plan.organisation".into(), meta.organisation.clone());
        put(
            "plan.period".into(),
            format::years(meta.period.0, meta.period.1),
        );
        put("plan.start".into(), meta.period.0.to_string());
        put("plan.end".into(), meta.period.1.to_string());
        put("plan.version".into(), meta.version.clone());
        put("plan.date".into(), format::date(meta.date, lang));
        put("plan.money-unit".into(), meta.money_unit.clone());
        put("vision.statement".into(), plan.vision.statement.clone());
        if let Some(mission) = &plan.vision.mission {
            put("vision.mission".into(), mission.clone());
        }
        Facts {
            values,
            datasets: Arc::clone(&plan.datasets),
            language: lang,
            used: Mutex::default(),
            shown: Mutex::default(),
        }
    }

    /// What was shown since the last call (a chapter's datasets and reports), forgotten.
    pub(crate) fn take_shown(&self) -> Shown {
        self.shown
            .lock()
            .map(|mut s| std::mem::take(&mut *s))
            .unwrap_or_default()
    }

    /// Notes that `dataset` was shown (see [`Facts::take_shown`]).
    fn show_dataset(&self, dataset: &str) {
        if let Ok(mut shown) = self.shown.lock() {
            shown.datasets.insert(dataset.to_string());
        }
    }

    /// The value of a `{{ data.… }}` fact, or why it has none; `None` for any other fact.
    /// A fact naming a dataset counts as a use of it.
    pub(crate) fn data(&self, name: &str) -> Option<Result<String, data::Problem>> {
        let id = data::dataset_of(name)?;
        if self.datasets.iter().any(|d| d.id == id)
            && let Ok(mut used) = self.used.lock()
        {
            used.insert(id.to_string());
        }
        self.show_dataset(id);
        Some(data::value(&self.datasets, name, self.language))
    }

    /// The dataset a chapter's picture paragraph shows (`![…](data/gyventojai.csv)`): the one
    /// declared by `url` (its `data/<id>.toml`) or the one reading the file `url` names.
    /// Showing a dataset counts as a use of it.
    pub(crate) fn dataset_at(&self, url: &str) -> Option<&crate::model::data::Dataset> {
        let path = url.strip_prefix('/').unwrap_or(url);
        let dataset = self
            .datasets
            .iter()
            .find(|d| path == format!("data/{}.toml", d.id))
            .or_else(|| self.datasets.iter().find(|d| d.file == path))?;
        if let Ok(mut used) = self.used.lock() {
            used.insert(dataset.id.clone());
        }
        self.show_dataset(&dataset.id);
        Some(dataset)
    }

    /// The paths a chapter may show a dataset by: each one's `data/<id>.toml` and file.
    pub(crate) fn dataset_paths(&self) -> Vec<String> {
        self.datasets
            .iter()
            .flat_map(|d| [format!("data/{}.toml", d.id), d.file.clone()])
            .collect()
    }

    /// The plan's language, in which data is shown.
    pub(crate) fn language(&self) -> crate::model::Language {
        self.language
    }

    /// The datasets the facts asked for so far have quoted.
    pub(crate) fn datasets_used(&self) -> BTreeSet<String> {
        self.used.lock().map(|u| u.clone()).unwrap_or_default()
    }

    /// The value of a fact.
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.values.get(name).map(String::as_str)
    }

    /// The value of a fact in a chapter of a report on `report_year`: an unqualified
    /// `report.…` fact is that year's (`report.<year>.…`).
    pub(crate) fn get_for(&self, name: &str, report_year: Option<i32>) -> Option<&str> {
        if name.starts_with("report.")
            && let Ok(mut shown) = self.shown.lock()
        {
            shown.monitoring = true;
        }
        let own = report_year.and_then(|year| {
            let rest = name.strip_prefix("report.")?;
            let qualified = rest.split('.').next()?.parse::<i32>().is_err();
            qualified.then(|| self.get(&format!("report.{year}.{rest}")))?
        });
        own.or_else(|| self.get(name))
    }

    /// Every fact name, for suggestions.
    pub(crate) fn names(&self) -> impl Iterator<Item = &str> + Clone {
        self.values.keys().map(String::as_str)
    }
}

/// What an annex part is called in its fact: a generated part by its name, a chapter by
/// its file name without `.md`.
fn annex_part_name(part: &crate::model::Part) -> &str {
    match part {
        crate::model::Part::Generated(g) => g.name(),
        crate::model::Part::Chapter(path) => {
            let file = path.rsplit('/').next().unwrap_or(path);
            file.strip_suffix(".md").unwrap_or(file)
        }
    }
}

/// A report's figures by name (without `report.`): the year, counts of indicators and
/// measures per status, and money planned and spent.
fn report_facts(
    summary: &crate::progress::Summary,
    money: &dyn Fn(crate::model::Money) -> String,
    lang: crate::model::Language,
) -> Vec<(String, String)> {
    use crate::progress::status_name;
    let mut figures = vec![("year".to_string(), summary.year.to_string())];
    let total: usize = summary.indicators.iter().map(|(_, n)| n).sum();
    let without: usize = summary
        .indicators
        .iter()
        .filter(|(r, _)| *r == crate::progress::Reached::NoData)
        .map(|(_, n)| n)
        .sum();
    for (reached, count) in &summary.indicators {
        figures.push((format!("indicators.{}", reached.name()), count.to_string()));
    }
    figures.push(("indicators.total".into(), total.to_string()));
    figures.push(("indicators.reported".into(), (total - without).to_string()));
    for (status, count) in &summary.measures {
        figures.push((
            format!("measures.{}", status_name(*status)),
            count.to_string(),
        ));
    }
    let measures: usize = summary.measures.iter().map(|(_, n)| n).sum();
    figures.push(("measures.total".into(), measures.to_string()));
    let percent = |p: Option<f64>| p.map(|p| format::percent(p, lang)).unwrap_or_default();
    // The execution rate as the report's table gives it: without money spent from a source
    // the measure has none planned from.
    for (name, planned, spent, unplanned) in [
        (
            "",
            &summary.spending.planned,
            &summary.spending.spent,
            &summary.spending.unplanned,
        ),
        (
            "-to-date",
            &summary.spending.planned_to_date,
            &summary.spending.spent_to_date,
            &summary.spending.unplanned_to_date,
        ),
    ] {
        figures.push((format!("funding.planned{name}"), money(planned.total)));
        figures.push((format!("funding.spent{name}"), money(spent.total)));
        figures.push((
            format!("funding.execution{name}"),
            percent(execution(spent.total, unplanned.total, planned.total)),
        ));
    }
    figures
}

/// A `{{ name }}` placeholder found in text: its byte range and the name inside.
#[derive(Debug, PartialEq)]
pub(crate) struct Placeholder<'a> {
    pub range: std::ops::Range<usize>,
    pub name: &'a str,
}

/// Finds the `{{ … }}` placeholders of a text, in order.
pub(crate) fn placeholders(text: &str) -> Vec<Placeholder<'_>> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(start) = text[from..].find("{{").map(|i| i + from) {
        let Some(end) = text[start + 2..].find("}}").map(|i| i + start + 2) else {
            break;
        };
        found.push(Placeholder {
            range: start..end + 2,
            name: text[start + 2..end].trim(),
        });
        from = end + 2;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_placeholders() {
        let text =
            "Plane {{ count.measures }} priemonės ir {{funding.total}} tūkst. Eur, {{ nebaigta";
        let found = placeholders(text);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].name, "count.measures");
        assert_eq!(&text[found[1].range.clone()], "{{funding.total}}");
    }
}
