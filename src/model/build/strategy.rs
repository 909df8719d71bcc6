//! The strategy tree, assembled across the strategy files from parent references
//! (priority → goal → objective → measure), with the codes and indicative needs of its
//! items, and the structure that is there but empty.

use super::*;

impl Builder<'_> {
    /// Assembles priorities → goals → objectives → measures across the strategy files.
    pub(super) fn strategy(
        &mut self,
        files: &[(FileId, raw::StrategyFile)],
        reg: &Registries,
    ) -> Vec<Priority> {
        let mut priorities = Vec::new();
        let mut goal_at: HashMap<String, (usize, usize)> = HashMap::new();
        for (file, strategy) in files {
            let p = strategy.priority.get_ref();
            if self.define(*file, &p.id, "priority").is_none() {
                continue;
            }
            let mut priority = Priority {
                id: p.id.get_ref().clone(),
                title: self.text_value(*file, &p.title, "title"),
                text: p.text.as_ref().map(|t| text(*file, t)),
                code: self.code(*file, &p.code),
                need: self.need(*file, &p.need),
                indicators: self.indicators(*file, &p.indicator, reg),
                span: span(*file, &p.id),
                goals: Vec::new(),
            };
            for g in &strategy.goal {
                let g = g.get_ref();
                if self.define(*file, &g.id, "goal").is_none() {
                    continue;
                }
                goal_at.insert(
                    g.id.get_ref().clone(),
                    (priorities.len(), priority.goals.len()),
                );
                let at = span(*file, &g.id);
                let indicators = self.indicators(*file, &g.indicator, reg);
                if indicators.is_empty() {
                    self.warning(
                        codes::MISSING_INDICATOR,
                        at.clone(),
                        format!("goal `{}` has no effect indicator", g.id.get_ref()),
                    )
                    .hints
                    .push(
                        "the methodology asks for at least one `[[goal.indicator]]` per goal"
                            .into(),
                    );
                }
                priority.goals.push(Goal {
                    id: g.id.get_ref().clone(),
                    title: self.text_value(*file, &g.title, "title"),
                    text: g.text.as_ref().map(|t| text(*file, t)),
                    code: self.code(*file, &g.code),
                    need: self.need(*file, &g.need),
                    answers: self.named(*file, &g.answers, "SWOT item", reg.swot.iter()),
                    principles: self.principles_of(*file, &g.principles, reg),
                    contributes: self.contributes(*file, &g.contributes, reg),
                    indicators,
                    span: at,
                    objectives: Vec::new(),
                });
            }
            priorities.push(priority);
        }

        let mut objective_at: HashMap<String, (usize, usize, usize)> = HashMap::new();
        // Suggestions and "known ids" lists name the goals in plan order.
        let goal_ids: Vec<String> = priorities
            .iter()
            .flat_map(|p| &p.goals)
            .map(|g| g.id.clone())
            .collect();
        for (file, strategy) in files {
            for o in &strategy.objective {
                let o = o.get_ref();
                // Looked up at once; scanned (for a suggestion) only when unknown.
                let goal = if goal_at.contains_key(o.goal.get_ref()) {
                    Some(o.goal.get_ref().clone())
                } else {
                    self.resolve(*file, &o.goal, "goal", goal_ids.iter().map(String::as_str))
                };
                let Some(goal) = goal else {
                    self.drop_item(&o.id, &o.indicator);
                    continue;
                };
                if self.define(*file, &o.id, "objective").is_none() {
                    continue;
                }
                let (pi, gi) = goal_at[&goal];
                let at = span(*file, &o.id);
                let indicators = self.indicators(*file, &o.indicator, reg);
                if indicators.is_empty() {
                    self.warning(codes::MISSING_INDICATOR, at.clone(), format!("objective `{}` has no result indicator", o.id.get_ref()))
                        .hints
                        .push("the methodology asks for at least one `[[objective.indicator]]` per objective".into());
                }
                let objectives = &mut priorities[pi].goals[gi].objectives;
                objective_at.insert(o.id.get_ref().clone(), (pi, gi, objectives.len()));
                let contributes = self.contributes(*file, &o.contributes, reg);
                let code = self.code(*file, &o.code);
                let need = self.need(*file, &o.need);
                let principles = self.principles_of(*file, &o.principles, reg);
                priorities[pi].goals[gi].objectives.push(Objective {
                    id: o.id.get_ref().clone(),
                    title: self.text_value(*file, &o.title, "title"),
                    text: o.text.as_ref().map(|t| text(*file, t)),
                    code,
                    need,
                    principles,
                    contributes,
                    indicators,
                    span: at,
                    measures: Vec::new(),
                });
            }
        }

        let objective_ids: Vec<String> = priorities
            .iter()
            .flat_map(|p| &p.goals)
            .flat_map(|g| &g.objectives)
            .map(|o| o.id.clone())
            .collect();
        for (file, strategy) in files {
            for m in &strategy.measure {
                let m_raw = m.get_ref();
                let objective = if objective_at.contains_key(m_raw.objective.get_ref()) {
                    Some(m_raw.objective.get_ref().clone())
                } else {
                    let known = objective_ids.iter().map(String::as_str);
                    self.resolve(*file, &m_raw.objective, "objective", known)
                };
                let Some(objective) = objective else {
                    self.drop_item(&m_raw.id, &m_raw.indicator);
                    continue;
                };
                let Some(measure) = self.measure(*file, m.get_ref(), reg) else {
                    continue;
                };
                let (pi, gi, oi) = objective_at[&objective];
                priorities[pi].goals[gi].objectives[oi]
                    .measures
                    .push(measure);
            }
        }
        priorities
    }

    /// Warns about structure that is there but empty, which would print as a bare title or
    /// a total of 0,0: a priority without goals, a goal without objectives, an objective
    /// without measures, a document with `@action-plan` or `@funding` in a plan without
    /// measures. Items that were written but left out for an error do not count as missing
    /// (the error says enough).
    pub(super) fn empty_structure(
        &mut self,
        files: &[(FileId, raw::StrategyFile)],
        priorities: &[Priority],
        plan_file: FileId,
        documents: &[Spanned<raw::Document>],
    ) {
        let raw_objectives = || files.iter().flat_map(|(_, s)| &s.objective);
        let raw_measures = || files.iter().flat_map(|(_, s)| &s.measure);
        // An objective naming a goal that does not exist may have meant an empty one, and a
        // measure naming an unknown objective too: then the error is the message.
        let goals = || priorities.iter().flat_map(|p| &p.goals);
        let goals_mistaken =
            raw_objectives().any(|o| !goals().any(|g| &g.id == o.get_ref().goal.get_ref()));
        let objectives_mistaken = raw_measures().any(|m| {
            !goals()
                .flat_map(|g| &g.objectives)
                .any(|o| &o.id == m.get_ref().objective.get_ref())
        });
        for p in priorities {
            if p.goals.is_empty()
                && !files
                    .iter()
                    .any(|(_, s)| !s.goal.is_empty() && s.priority.get_ref().id.get_ref() == &p.id)
            {
                self.warning(codes::EMPTY_PRIORITY, p.span.clone(), format!("priority `{}` has no goals", p.id))
                    .hints
                    .push("add `[[goal]]` to its strategy file; a priority without goals has no measures and nothing funded".into());
            }
            for g in &p.goals {
                let mut goals = raw_objectives().map(|o| o.get_ref().goal.get_ref());
                if g.objectives.is_empty() && !goals_mistaken && !goals.any(|id| id == &g.id) {
                    self.warning(codes::EMPTY_GOAL, g.span.clone(), format!("goal `{}` has no objectives", g.id))
                        .hints
                        .push(format!("add `[[objective]]` with `goal = \"{}\"`; without objectives the goal has no measures and no funding", g.id));
                }
                for o in &g.objectives {
                    let mut objectives = raw_measures().map(|m| m.get_ref().objective.get_ref());
                    if o.measures.is_empty()
                        && !objectives_mistaken
                        && !objectives.any(|id| id == &o.id)
                    {
                        self.warning(codes::EMPTY_OBJECTIVE, o.span.clone(), format!("objective `{}` has no measures", o.id))
                            .hints
                            .push(format!("add `[[measure]]` with `objective = \"{}\"`; without measures the objective is a bare title with nothing funded", o.id));
                    }
                }
            }
        }
        if raw_measures().next().is_some() || self.unreadable {
            return;
        }
        for d in documents {
            let d = d.get_ref();
            for part in d.parts.get_ref() {
                if crate::parts::named(part.get_ref())
                    .is_some_and(|p| p.needs == Some(Needs::Measures))
                {
                    self.warning(
                        codes::EMPTY_ACTION_PLAN,
                        span(plan_file, part),
                        format!("document `{}` includes `{}`, but the plan has no measures", d.id.get_ref(), part.get_ref()),
                    )
                    .hints
                    .push("add `[[measure]]` entries to the strategy files, or take the part out of `parts`: it would show only an empty total".into());
                }
            }
        }
    }

    /// A code given from outside: one word, unique across the plan.
    pub(super) fn code(&mut self, file: FileId, code: &Option<raw::Str>) -> Option<Code> {
        let code = code.as_ref()?;
        let at = span(file, code);
        let text = code.get_ref().trim();
        if text.is_empty() || text.chars().any(|c| c.is_whitespace() || c.is_control()) {
            self.error(codes::INVALID_CODE, at, format!("`{}` is not a code", code.get_ref()))
                .hints
                .push("a code is one word without spaces, e.g. \"LT029-01-01-01\"; leave `code` out for the number from order".into());
            return None;
        }
        if let Some(first) = self.codes.get(text).cloned() {
            let d = self.error(
                codes::DUPLICATE_CODE,
                at,
                format!("the code `{text}` is given twice"),
            );
            d.label = "this item repeats it".into();
            d.related.push((first, "first given here".into()));
            d.hints
                .push("codes name one item each; correct the one that was copied".into());
            return None;
        }
        self.codes.insert(text.to_string(), at.clone());
        Some(Code {
            text: text.to_string(),
            span: at,
        })
    }

    /// An indicative need: an amount like any other.
    pub(super) fn need(
        &mut self,
        file: FileId,
        need: &Option<Spanned<raw::Number>>,
    ) -> Option<Need> {
        let need = need.as_ref()?;
        let at = span(file, need);
        let money = self.money(at.clone(), need.get_ref().0)?;
        Some(Need { money, span: at })
    }
}
