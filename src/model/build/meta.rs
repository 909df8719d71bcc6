//! The `[plan]` section: title, organisation, period and milestones, date, status and
//! approval, logo and language.

use super::*;

impl Builder<'_> {
    pub(super) fn meta(&mut self, file: FileId, plan: &Spanned<raw::PlanSection>) -> Meta {
        let p = plan.get_ref();
        let period = self.period(file, &p.period).unwrap_or((2021, 2030));
        let milestones = match &p.milestones {
            Some(list) => {
                let mut years = Vec::new();
                for year in list.get_ref() {
                    let Some(y) = self.year(file, year) else {
                        continue;
                    };
                    if y < period.0 || y > period.1 {
                        self.error(
                            codes::BAD_MILESTONE,
                            span(file, year),
                            format!(
                                "milestone {y} is outside the plan period {}–{}",
                                period.0, period.1
                            ),
                        );
                    } else {
                        if years.last().is_some_and(|&last| last >= y) {
                            self.error(
                                codes::BAD_MILESTONE,
                                span(file, year),
                                "milestones must be in increasing order",
                            )
                            .hints
                            .push("list each year once, the earliest first, e.g. `milestones = [2024, 2027, 2030]`".into());
                        }
                        // Still a milestone: targets for it are not reported again.
                        years.push(y);
                    }
                }
                years.sort_unstable();
                years.dedup();
                years
            }
            None => vec![period.1],
        };
        let date = self.date(file, &p.date);
        let approval = p
            .approval
            .as_ref()
            .map(|a| self.approval(file, a.get_ref()));
        let status = p.status.as_ref().map_or(Status::Draft, |s| *s.get_ref());
        if status == Status::Approved && approval.is_none() {
            let at = p
                .status
                .as_ref()
                .map_or_else(|| span(file, plan), |s| span(file, s));
            self.warning(
                codes::NO_APPROVAL,
                at,
                "the plan is approved but has no `[plan.approval]`",
            )
            .hints
            .push("add `[plan.approval]` with the approving body (and the decision's number and date once known) for the title page".into());
        }
        let logo =
            p.logo
                .as_ref()
                .and_then(|logo| match crate::load::check_relative(logo.get_ref()) {
                    Ok(()) => Some(Logo {
                        path: logo.get_ref().clone(),
                        span: span(file, logo),
                    }),
                    Err(problem) => {
                        self.error(
                            codes::BAD_IMAGE,
                            span(file, logo),
                            format!("the logo path {problem}"),
                        )
                        .label = "not a file inside the plan folder".into();
                        None
                    }
                });
        let title = self.text_value(file, &p.title, "title");
        let language = p.language.as_ref().map_or(Language::Lt, |l| *l.get_ref());
        self.short_enough(file, &p.organisation, "organisation");
        for (value, key) in [
            (&p.short_title, "short title"),
            (&p.title_genitive, "title in the genitive"),
        ] {
            if let Some(value) = value {
                self.short_enough(file, value, key);
            }
        }
        let organisation_code = p.organisation_code.as_ref().and_then(|code| {
            let value = code.get_ref().trim();
            if !value.is_empty() && value.chars().all(|c| c.is_ascii_digit()) {
                return Some(value.to_string());
            }
            self.error(
                codes::BAD_VALUE,
                span(file, code),
                "the organisation code is not a legal entity code",
            )
            .hints
            .push("write the code from the Register of Legal Entities, digits only, e.g. `organisation-code = \"188719391\"`".into());
            None
        });
        let money_decimals = p.money_decimals.as_ref().and_then(|d| {
            let value = *d.get_ref();
            let kept = usize::try_from(value).ok().filter(|v| *v <= 2);
            if kept.is_none() {
                self.error(
                    codes::MONEY_DECIMALS,
                    span(file, d),
                    format!("`money-decimals = {value}`: amounts are shown with 0, 1 or 2 decimals"),
                )
                .hints
                .push("amounts keep hundredths of the money unit: write e.g. `money-decimals = 1`, or leave it out to show as many decimals as the finest amount has".into());
            }
            kept
        });
        self.money_decimals = money_decimals;
        Meta {
            title_genitive: match (&p.title_genitive, language) {
                (Some(given), _) => given.get_ref().trim().to_string(),
                (None, Language::Lt) => crate::format::title_genitive_lt(&title),
                (None, Language::En) => title.clone(),
            },
            short_title: p
                .short_title
                .as_ref()
                .map_or_else(|| title.clone(), |s| s.get_ref().clone()),
            title,
            organisation: p.organisation.get_ref().clone(),
            organisation_code,
            period,
            milestones,
            language: p.language.as_ref().map_or(Language::Lt, |l| *l.get_ref()),
            version: p
                .version
                .as_ref()
                .map(|v| v.get_ref().clone())
                .unwrap_or_default(),
            status,
            date,
            money_unit: p
                .money_unit
                .as_ref()
                .map_or_else(|| "Eur".into(), |m| m.get_ref().clone()),
            money_decimals,
            logo,
            approval,
            form: p.form.as_ref().map(|f| *f.get_ref()),
        }
    }

    /// `[plan.approval]` or a document's own `[document.approval]`, with its amendments.
    pub(super) fn approval(&mut self, file: FileId, a: &raw::Approval) -> Approval {
        Approval {
            body: a.body.get_ref().clone(),
            decision: a.decision.as_ref().map(|d| d.get_ref().clone()),
            date: a.date.as_ref().map(|d| self.date(file, d)),
            amendments: a
                .amendment
                .iter()
                .map(|m| Amendment {
                    body: m.body.as_ref().map(|b| b.get_ref().clone()),
                    decision: m.decision.get_ref().clone(),
                    date: self.date(file, &m.date),
                })
                .collect(),
        }
    }
}
