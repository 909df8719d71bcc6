//! Alternative development scenarios (`[[scenario]]` in analysis.toml): each projects
//! values of indicators the plan has, by year within the plan period; one is chosen.

use super::*;

/// Every indicator of the plan: the vision's, then each priority's tree in order.
pub(super) fn indicators<'a>(
    vision: &'a [Indicator],
    priorities: &'a [Priority],
) -> Vec<&'a Indicator> {
    let mut all: Vec<&Indicator> = vision.iter().collect();
    for p in priorities {
        all.extend(&p.indicators);
        for g in &p.goals {
            all.extend(&g.indicators);
            for o in &g.objectives {
                all.extend(&o.indicators);
                for m in &o.measures {
                    all.extend(&m.indicators);
                }
            }
        }
    }
    all
}

impl Builder<'_> {
    pub(super) fn scenarios(
        &mut self,
        file: FileId,
        list: &[Spanned<raw::Scenario>],
        indicators: &[&Indicator],
        reg: &Registries,
    ) -> Vec<Scenario> {
        let mut scenarios = Vec::new();
        for s in list {
            let s = s.get_ref();
            if self.define(file, &s.id, "scenario").is_none() {
                continue;
            }
            let mut projections = Vec::new();
            for (indicator, years) in &s.projections {
                let at = span(file, years);
                if !indicators.iter().any(|i| &i.id == indicator) {
                    if self.dropped.contains(indicator) {
                        continue;
                    }
                    let message = format!(
                        "scenario `{}` projects `{indicator}`, but the plan has no indicator with this id",
                        s.id.get_ref()
                    );
                    let hint = hint(indicator, indicators.iter().map(|i| i.id.as_str()), || {
                        "projections are keyed by the ids of the plan's indicators, e.g. `projections = { gyventoju-skaicius = { 2030 = 52 } }`".into()
                    });
                    self.error(codes::UNKNOWN_ID, at, message).hints.push(hint);
                    continue;
                }
                let mut values = Vec::new();
                for (key, value) in years.get_ref() {
                    let at = span(file, value);
                    let example = "`{ 2025 = 50.1, 2030 = 52 }`";
                    if let Some(year) = self.year_key(at.clone(), key, "a projection", example, reg)
                    {
                        values.push((year, value.get_ref().0, at));
                    }
                }
                values.sort_by_key(|(year, ..)| *year);
                if values.is_empty() {
                    self.warning(
                        codes::EMPTY_PROJECTION,
                        at,
                        format!("scenario `{}` projects no value of `{indicator}`", s.id.get_ref()),
                    )
                    .hints
                    .push("give the projected values by year, e.g. `{ 2025 = 50.1, 2030 = 52 }`, or leave the indicator out".into());
                    continue;
                }
                projections.push(Projection {
                    indicator: indicator.clone(),
                    values,
                });
            }
            scenarios.push(Scenario {
                id: s.id.get_ref().clone(),
                name: self.text_value(file, &s.name, "name"),
                assumptions: s.assumptions.as_ref().map(|a| text(file, a)),
                chosen: s.chosen.as_ref().is_some_and(|c| *c.get_ref()),
                projections,
                span: span(file, &s.id),
            });
        }
        self.one_chosen(file, list, &scenarios);
        scenarios
    }

    /// The plan follows one scenario: none chosen among several, or more than one, is
    /// reported.
    fn one_chosen(
        &mut self,
        file: FileId,
        list: &[Spanned<raw::Scenario>],
        scenarios: &[Scenario],
    ) {
        let chosen: Vec<&raw::Scenario> = list
            .iter()
            .map(Spanned::get_ref)
            .filter(|s| s.chosen.as_ref().is_some_and(|c| *c.get_ref()))
            .collect();
        match chosen.as_slice() {
            [] if !scenarios.is_empty() => {
                let names: Vec<String> = scenarios.iter().map(|s| format!("`{}`", s.id)).collect();
                let at = scenarios[0].span.clone();
                self.warning(
                    codes::CHOSEN_SCENARIO,
                    at,
                    "no scenario is marked as the one the plan follows",
                )
                .hints
                .push(format!(
                    "add `chosen = true` to one of {}: its projections are checked against the indicators' targets",
                    names.join(", ")
                ));
            }
            [first, second, ..] => {
                let (Some(first_at), Some(second_at)) = (&first.chosen, &second.chosen) else {
                    return;
                };
                let d = self.error(
                    codes::CHOSEN_SCENARIO,
                    span(file, second_at),
                    format!(
                        "scenarios `{}` and `{}` are both marked chosen",
                        first.id.get_ref(),
                        second.id.get_ref()
                    ),
                );
                d.related
                    .push((span(file, first_at), "chosen here first".into()));
                d.hints.push(
                    "the plan follows one scenario: keep `chosen = true` on one of them".into(),
                );
            }
            _ => {}
        }
    }
}
