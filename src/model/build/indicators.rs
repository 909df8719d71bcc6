//! Indicators at every level: baseline, targets by year (a milestone's or any other year
//! of the plan period, e.g. a measure's last year: kept and shown, never dropped).

use super::*;

impl Builder<'_> {
    pub(super) fn indicators(
        &mut self,
        file: FileId,
        list: &[Spanned<raw::Indicator>],
        reg: &Registries,
    ) -> Vec<Indicator> {
        let mut indicators = Vec::new();
        for i in list {
            let i = i.get_ref();
            if self.define(file, &i.id, "indicator").is_none() {
                continue;
            }
            let baseline = i.baseline.as_ref().and_then(|b| {
                let b = b.get_ref();
                Some((self.year(file, &b.year)?, b.value.get_ref().0))
            });
            let mut targets = Vec::new();
            for (key, value) in &i.targets {
                let at = span(file, value);
                let example = "`targets = { 2024 = 20, 2030 = 45 }`";
                let Some(year) = self.year_key(at.clone(), key, "a target", example, reg) else {
                    continue;
                };
                if let Some((base_year, _)) = baseline.filter(|(b, _)| *b > year) {
                    let indicator = i.id.get_ref();
                    self.error(codes::BASELINE_AFTER_TARGET,
                        at,
                        format!("indicator `{indicator}`: the target for {year} comes before the baseline year {base_year}"),
                    )
                    .hints
                    .push("a baseline is where the indicator starts from; targets come after it".into());
                }
                targets.push((year, value.get_ref().0));
            }
            targets.sort_by_key(|(y, _)| *y);
            indicators.push(Indicator {
                id: i.id.get_ref().clone(),
                name: self.text_value(file, &i.name, "name"),
                unit: i
                    .unit
                    .as_ref()
                    .map(|u| u.get_ref().clone())
                    .unwrap_or_default(),
                baseline,
                targets,
                source: i.source.as_ref().map(|s| s.get_ref().clone()),
                method: i.method.as_ref().map(|s| s.get_ref().trim().to_string()),
                frequency: i.frequency.as_ref().map(|s| s.get_ref().trim().to_string()),
                reporter: i.reporter.as_ref().map(|s| s.get_ref().trim().to_string()),
                direction: i
                    .direction
                    .as_ref()
                    .map(|d| *d.get_ref())
                    .unwrap_or_default(),
                span: span(file, &i.id),
            });
        }
        indicators
    }
}
