//! A measure and its money: references, period, funding per source (a total or per year)
//! and every amount turned into exact hundredths.

use super::*;

impl Builder<'_> {
    pub(super) fn measure(
        &mut self,
        file: FileId,
        m: &raw::Measure,
        reg: &Registries,
    ) -> Option<Measure> {
        self.define(file, &m.id, "measure")?;
        let at = span(file, &m.id);
        let id = m.id.get_ref();
        let institutions = || reg.institutions.iter().map(|e| e.id.as_str());
        let responsible: Vec<String> = m
            .responsible
            .iter()
            .filter_map(|r| self.resolve(file, r, "institution", institutions()))
            .collect();
        let partners: Vec<String> = m
            .partners
            .iter()
            .filter_map(|r| self.resolve(file, r, "institution", institutions()))
            .collect();
        let group = m.group.as_ref().and_then(|g| {
            self.resolve(
                file,
                g,
                "working group",
                reg.groups.iter().map(|e| e.id.as_str()),
            )
        });
        let period = m.period.as_ref().and_then(|p| self.period(file, p));
        if m.period.is_none() {
            let (first, last) = reg.period;
            self.warning(
                codes::NO_PERIOD,
                at.clone(),
                format!("measure `{id}` has no period"),
            )
            .hints
            .push(format!(
                "add e.g. `period = [{first}, {last}]`; the action plan shows it"
            ));
        }
        let (pf, pl) = reg.period;
        if let (Some((first, last)), Some(p)) = (period, &m.period)
            && (first < pf || last > pl)
        {
            self.error(
                codes::OUTSIDE_PERIOD,
                span(file, p),
                format!("the period {first}–{last} is outside the plan period {pf}–{pl}"),
            );
        }
        let mut funding = Vec::new();
        for source in reg.sources {
            let Some(value) = m.funding.get(&source.id) else {
                continue;
            };
            if let Some(amount) = self.amount(file, value, period, reg) {
                funding.push(SourceFunding {
                    source: source.id.clone(),
                    amount,
                });
            }
        }
        for (key, value) in &m.funding {
            if !reg.sources.iter().any(|s| &s.id == key) {
                let d = self.error(
                    codes::UNKNOWN_ID,
                    span(file, value),
                    format!("unknown funding source `{key}`"),
                );
                d.label = "this amount's source is not defined".into();
                d.hints
                    .push(hint(key, reg.sources.iter().map(|s| s.id.as_str()), || {
                        "define it in plan.toml with `[[source]]`".into()
                    }));
            }
        }
        if responsible.is_empty() && m.responsible.is_empty() {
            self.warning(
                codes::NO_RESPONSIBLE,
                at.clone(),
                format!("measure `{id}` has no responsible institution"),
            )
            .hints
            .push("add `responsible = [\"…\"]` with an institution id".into());
        }
        if m.funding.is_empty() {
            self.warning(
                codes::NO_FUNDING,
                at.clone(),
                format!("measure `{id}` has no funding"),
            )
            .hints
            .push(match reg.sources.first() {
                Some(source) => format!(
                    "add e.g. `funding = {{ {} = 100 }}` in the plan's money unit",
                    source.id
                ),
                None => {
                    "define a `[[source]]` in plan.toml, then add `funding = { <source id> = 100 }`"
                        .into()
                }
            });
        }
        let indicators = self.indicators(file, &m.indicator, reg);
        if m.indicator.is_empty() {
            self.warning(
                codes::MISSING_INDICATOR,
                at.clone(),
                format!("measure `{id}` has no product indicator"),
            )
            .hints
            .push(
                "the methodology asks for at least one `[[measure.indicator]]` per measure".into(),
            );
        }
        Some(Measure {
            id: id.clone(),
            title: self.text_value(file, &m.title, "title"),
            text: m.text.as_ref().map(|t| text(file, t)),
            code: self.code(file, &m.code),
            principles: self.principles_of(file, &m.principles, reg),
            responsible,
            partners,
            group,
            period,
            funding,
            contributes: self.contributes(file, &m.contributes, reg),
            investment_project: m.investment_project.as_ref().is_some_and(|b| *b.get_ref()),
            indicators,
            span: at,
        })
    }

    /// One source's amount: checked for sign and, per year, for years in the periods.
    fn amount(
        &mut self,
        file: FileId,
        value: &Spanned<raw::Funding>,
        period: Option<(i32, i32)>,
        reg: &Registries,
    ) -> Option<Amount> {
        match value.get_ref() {
            raw::Funding::Total(n) => Some(Amount::Total(self.money(span(file, value), n.0)?)),
            raw::Funding::PerYear(years) => {
                let mut list = Vec::new();
                for (key, amount) in years {
                    let at = span(file, amount);
                    let Some(year) = self.year_key(at.clone(), key, "funding", "`2023 = 200`", reg)
                    else {
                        continue;
                    };
                    let Some(money) = self.money(at.clone(), amount.get_ref().0) else {
                        continue;
                    };
                    if let Some((first, last)) = period.filter(|(f, l)| !(*f..=*l).contains(&year))
                    {
                        self.warning(
                            codes::OUTSIDE_MEASURE_PERIOD,
                            at,
                            format!(
                                "funding in {year} is outside the measure's period {first}–{last}"
                            ),
                        )
                        .hints
                        .push("widen the measure's `period` or move the amount".into());
                    }
                    list.push((year, money));
                }
                list.sort_by_key(|(y, _)| *y);
                Some(Amount::PerYear(list))
            }
        }
    }

    pub(in crate::model) fn money(&mut self, at: Span, value: f64) -> Option<Money> {
        if value < 0.0 {
            self.error(
                codes::NEGATIVE_AMOUNT,
                at,
                "a funding amount cannot be negative",
            )
            .hints
            .push("amounts are what a source contributes; write 0 or leave the source out".into());
            return None;
        }
        let money = Money::from_f64(value);
        if let Some(kept) = money
            && ((value * 100.0) - kept.0 as f64).abs() > 1e-6
        {
            // Quoted as written: amounts are written in one place only, the ledger's
            // `MoneyFormat`, which comes after the model.
            let written = self
                .written(&at)
                .map_or_else(|| value.to_string(), str::to_string);
            self.warning(
                codes::AMOUNT_PRECISION,
                at.clone(),
                format!("`{written}` has more decimals than amounts keep: it is rounded to hundredths"),
            )
            .hints
            .push("amounts keep hundredths of the money unit; round the amount, or change `money-unit` to a smaller unit".into());
        }
        // `nan` and `inf` never get here: the loader refuses them (`not-a-number`).
        if money.is_none() {
            self.error(codes::TOO_LARGE, at.clone(), "this amount is too large");
        }
        // The plan says how many decimals amounts have: a finer one is refused, never
        // rounded behind the user's back.
        if let (Some(max), Some(m)) = (self.money_decimals, money)
            && m.decimals() > max
        {
            let written = self
                .written(&at)
                .map_or_else(|| value.to_string(), str::to_string);
            let decimals = m.decimals();
            self.error(
                codes::MONEY_DECIMALS,
                at,
                format!("`{written}` has {decimals} decimals, more than the plan's `money-decimals = {max}`"),
            )
            .hints
            .push(format!("write the amount with at most {max} decimals, as the documents show every amount, or change `money-decimals` in `[plan]` of plan.toml"));
            return None;
        }
        money
    }
}
