//! The ledger: every sum of money in the plan, computed once beside the numbering. Each
//! measure's funding per source and per year is rolled up to its objective, goal, priority
//! and the whole plan, and over a working group's measures alone when its review pack asks
//! for them; the spending the monitoring reports give, rolled up the same way; the indicative
//! needs of what items hold; the decimals every amount is shown with, and the one way
//! amounts are written ([`MoneyFormat`]). Templates, exports, facts, checks, reports and
//! the diff read and format it; none adds money up itself.

use std::collections::{BTreeMap, HashMap};
use std::ops::{Add, AddAssign, Sub};
use std::sync::OnceLock;

use crate::format;
use crate::model::{Amount, Language, Measure, Plan};

pub use crate::model::Money;

impl Add for Money {
    type Output = Money;
    fn add(self, other: Money) -> Money {
        Money(self.0.saturating_add(other.0))
    }
}

impl AddAssign for Money {
    fn add_assign(&mut self, other: Money) {
        *self = *self + other;
    }
}

/// How much an amount changed (the diff's deltas).
impl Sub for Money {
    type Output = Money;
    fn sub(self, other: Money) -> Money {
        Money(self.0.saturating_sub(other.0))
    }
}

/// Amounts per source (in the plan's source order) and their total.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Totals {
    pub by_source: Vec<Money>,
    pub total: Money,
}

impl Totals {
    pub fn zero(sources: usize) -> Totals {
        Totals {
            by_source: vec![Money(0); sources],
            total: Money(0),
        }
    }

    /// Adds another set of totals over the same sources.
    fn add(&mut self, other: &Totals) {
        for (mine, theirs) in self.by_source.iter_mut().zip(&other.by_source) {
            *mine += *theirs;
        }
        self.total += other.total;
    }

    /// Adds an amount from the source at `index`.
    fn put(&mut self, index: usize, amount: Money) {
        if let Some(slot) = self.by_source.get_mut(index) {
            *slot += amount;
            self.total += amount;
        }
    }
}

/// The money of a measure, or of the measures an objective, goal, priority or the plan
/// holds (in a review pack, only the working group's).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sums {
    /// Whole-period funding per source and in total.
    pub funding: Totals,
    /// Funding per year and source: per-year amounts in their year, whole-period amounts
    /// spread evenly over the measure's period (the plan's when it has none) in steps of
    /// the smallest amount the plan shows, the odd steps going to the first years, so that
    /// every spread amount can be shown exactly and a printed per-year table adds up as
    /// printed. Every year of the plan period has an entry.
    pub by_year: BTreeMap<i32, Totals>,
    /// Whether a whole-period amount was spread over years in `by_year`.
    pub spread: bool,
    /// Spent per source in each reported year (`monitoring/<year>.toml`); every reported
    /// year has an entry, zero when nothing was reported spent.
    pub spent: BTreeMap<i32, Totals>,
    /// The part of `spent` a measure spent from a source it has no money planned from (in
    /// its whole period): kept in `spent`, left out of execution rates, which would
    /// otherwise set it against other measures' plans ("169,5 %").
    pub unplanned: BTreeMap<i32, Totals>,
}

impl Sums {
    /// Nothing yet, over the plan's sources, period and reported years.
    fn zero(plan: &Plan) -> Sums {
        let zero = || Totals::zero(plan.sources.len());
        let (first, last) = plan.meta.period;
        Sums {
            funding: zero(),
            by_year: (first..=last).map(|year| (year, zero())).collect(),
            spread: false,
            spent: plan.monitoring.keys().map(|year| (*year, zero())).collect(),
            unplanned: plan.monitoring.keys().map(|year| (*year, zero())).collect(),
        }
    }

    /// A measure's own money.
    fn of_measure(plan: &Plan, measure: &Measure, step: Money) -> Sums {
        let mut sums = Sums::zero(plan);
        let source = |id: &str| plan.sources.iter().position(|s| s.id == id);
        let zero = || Totals::zero(plan.sources.len());
        for funding in &measure.funding {
            let Some(i) = source(&funding.source) else {
                continue;
            };
            let period = measure.period.unwrap_or(plan.meta.period);
            for (year, amount) in spread(&funding.amount, period, step) {
                sums.by_year.entry(year).or_insert_with(zero).put(i, amount);
                sums.funding.put(i, amount);
            }
        }
        sums.spread = measure
            .funding
            .iter()
            .any(|f| matches!(f.amount, Amount::Total(_)));
        for (year, report) in &plan.monitoring {
            let Some(progress) = report.measures.get(&measure.id) else {
                continue;
            };
            for (id, amount, _) in &progress.spent {
                if let (Some(i), Some(spent)) = (source(id), sums.spent.get_mut(year)) {
                    spent.put(i, *amount);
                    let planned = sums.funding.by_source.get(i).is_some_and(|m| m.0 != 0);
                    if let (false, Some(unplanned)) = (planned, sums.unplanned.get_mut(year)) {
                        unplanned.put(i, *amount);
                    }
                }
            }
        }
        sums
    }

    /// Adds the money of something this holds.
    fn add(&mut self, other: &Sums) {
        self.funding.add(&other.funding);
        let sources = self.funding.by_source.len();
        for (maps, theirs) in [
            (&mut self.by_year, &other.by_year),
            (&mut self.spent, &other.spent),
            (&mut self.unplanned, &other.unplanned),
        ] {
            for (year, totals) in theirs {
                maps.entry(*year)
                    .or_insert_with(|| Totals::zero(sources))
                    .add(totals);
            }
        }
        self.spread |= other.spread;
    }

    /// What was planned for a year, per source (nothing for a year outside the period).
    pub fn planned_in(&self, year: i32) -> Totals {
        self.by_year
            .get(&year)
            .cloned()
            .unwrap_or_else(|| Totals::zero(self.funding.by_source.len()))
    }

    /// What was reported spent in a year, per source (nothing for a year not reported).
    pub fn spent_in(&self, year: i32) -> Totals {
        self.spent
            .get(&year)
            .cloned()
            .unwrap_or_else(|| Totals::zero(self.funding.by_source.len()))
    }

    /// What was spent in a year from sources with no money planned for the measure that
    /// spent it, per source.
    pub fn unplanned_in(&self, year: i32) -> Totals {
        self.unplanned
            .get(&year)
            .cloned()
            .unwrap_or_else(|| Totals::zero(self.funding.by_source.len()))
    }

    /// Planned against spent in `year` and in all reported years up to it.
    pub fn spending(&self, year: i32) -> Spending {
        let mut planned_to_date = Totals::zero(self.funding.by_source.len());
        for (y, totals) in self.by_year.range(..=year) {
            // A year without a report has no spending to set against its plan.
            if self.spent.contains_key(y) || *y == year {
                planned_to_date.add(totals);
            }
        }
        let to_date = |map: &BTreeMap<i32, Totals>| {
            let mut sum = Totals::zero(self.funding.by_source.len());
            for totals in map.range(..=year).map(|(_, t)| t) {
                sum.add(totals);
            }
            sum
        };
        Spending {
            planned: self.planned_in(year),
            spent: self.spent_in(year),
            planned_to_date,
            spent_to_date: to_date(&self.spent),
            unplanned: self.unplanned_in(year),
            unplanned_to_date: to_date(&self.unplanned),
        }
    }
}

/// Money planned and spent in a year, and in all reported years up to it (`to_date`: a
/// year without a report has no spending to set against its plan, so its plan does not
/// count either).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spending {
    pub planned: Totals,
    pub spent: Totals,
    pub planned_to_date: Totals,
    pub spent_to_date: Totals,
    /// The part of `spent` spent from sources the spending measure has no money planned
    /// from (see [`Sums::unplanned`]).
    pub unplanned: Totals,
    /// As `unplanned`, to date.
    pub unplanned_to_date: Totals,
}

/// Spent as a share of planned, in per cent; `None` when nothing was planned.
pub fn rate(spent: Money, planned: Money) -> Option<f64> {
    (planned.0 != 0).then(|| spent.0 as f64 / planned.0 as f64 * 100.0)
}

/// The execution rate: spent against planned, leaving out `unplanned` (spent from sources
/// with no money planned for the measure that spent it, which no plan stands against).
pub fn execution(spent: Money, unplanned: Money, planned: Money) -> Option<f64> {
    rate(spent - unplanned, planned)
}

/// The roll-ups over some measures: all of them, or one working group's.
#[derive(Debug)]
pub struct Book {
    plan: Sums,
    /// By the id of a priority, goal, objective or measure.
    items: HashMap<String, Sums>,
    /// What an item outside the book has.
    nothing: Sums,
}

impl Book {
    /// Rolls up the measures `keep` accepts; every priority, goal and objective gets its
    /// sums, holding kept measures or not.
    fn new<'s>(
        plan: &Plan,
        measures: impl Fn(&str) -> Option<&'s Sums>,
        keep: impl Fn(&Measure) -> bool,
    ) -> Book {
        let mut items = HashMap::new();
        let mut whole = Sums::zero(plan);
        for p in &plan.priorities {
            let mut priority = Sums::zero(plan);
            for g in &p.goals {
                let mut goal = Sums::zero(plan);
                for o in &g.objectives {
                    let mut objective = Sums::zero(plan);
                    for m in o.measures.iter().filter(|m| keep(m)) {
                        if let Some(sums) = measures(&m.id) {
                            objective.add(sums);
                            items.insert(m.id.clone(), sums.clone());
                        }
                    }
                    goal.add(&objective);
                    items.insert(o.id.clone(), objective);
                }
                priority.add(&goal);
                items.insert(g.id.clone(), goal);
            }
            whole.add(&priority);
            items.insert(p.id.clone(), priority);
        }
        Book {
            plan: whole,
            items,
            nothing: Sums::zero(plan),
        }
    }

    /// All the book's measures together.
    pub fn plan(&self) -> &Sums {
        &self.plan
    }

    /// A priority's, goal's, objective's or measure's sums; nothing for an id the book does
    /// not hold (in a pack, another group's measure).
    pub fn of(&self, id: &str) -> &Sums {
        self.items.get(id).unwrap_or(&self.nothing)
    }
}

/// The indicative needs of what an item holds (a priority's goals, a goal's objectives, the
/// plan's priorities), added up.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Needs {
    /// The needs given, added up.
    pub sum: Money,
    /// How many of the items held give a need.
    pub given: usize,
    /// How many items it holds.
    pub of: usize,
}

impl Needs {
    fn tally<'a>(needs: impl Iterator<Item = Option<&'a crate::model::Need>>) -> Needs {
        let mut out = Needs::default();
        for need in needs {
            out.of += 1;
            if let Some(need) = need {
                out.given += 1;
                out.sum += need.money;
            }
        }
        out
    }

    /// Whether it holds items and each gives a need.
    pub fn all_given(&self) -> bool {
        self.of > 0 && self.given == self.of
    }
}

/// Every sum of money of a plan.
#[derive(Debug)]
pub struct Ledger {
    /// Source ids in plan order, which every [`Totals::by_source`] follows.
    sources: Vec<String>,
    format: MoneyFormat,
    whole: Book,
    /// Each working group's measures alone, by the group's id: rolled up when a review
    /// pack first asks (most runs make no pack).
    groups: BTreeMap<String, OnceLock<Book>>,
    /// A book without measures, for an id that names no working group.
    empty: OnceLock<Book>,
    /// The needs of what each priority and goal holds, by id (an objective holds measures,
    /// which give none).
    needs: HashMap<String, Needs>,
    /// The priorities' needs.
    plan_needs: Needs,
}

impl Ledger {
    /// The ledger of a plan.
    pub fn new(plan: &Plan) -> Ledger {
        let format = MoneyFormat {
            decimals: decimals(plan),
            language: plan.meta.language,
        };
        let step = Money(10_i64.pow(2_u32.saturating_sub(format.decimals as u32)));
        let measures: HashMap<&str, Sums> = plan
            .measures()
            .map(|(.., m)| (m.id.as_str(), Sums::of_measure(plan, m, step)))
            .collect();
        let mut needs = HashMap::new();
        for p in &plan.priorities {
            let below = Needs::tally(p.goals.iter().map(|g| g.need.as_ref()));
            needs.insert(p.id.clone(), below);
            for g in &p.goals {
                let below = Needs::tally(g.objectives.iter().map(|o| o.need.as_ref()));
                needs.insert(g.id.clone(), below);
            }
        }
        Ledger {
            sources: plan.sources.iter().map(|s| s.id.clone()).collect(),
            format,
            whole: Book::new(plan, |id| measures.get(id), |_| true),
            groups: plan
                .groups
                .iter()
                .map(|g| (g.id.clone(), OnceLock::new()))
                .collect(),
            empty: OnceLock::new(),
            needs,
            plan_needs: Needs::tally(plan.priorities.iter().map(|p| p.need.as_ref())),
        }
    }

    /// The whole plan's sums.
    pub fn plan(&self) -> &Sums {
        self.whole.plan()
    }

    /// The sums of a priority, goal, objective or measure over all its measures.
    pub fn of(&self, id: &str) -> &Sums {
        self.whole.of(id)
    }

    /// The sums a document of `plan` (the ledger's) shows: over every measure, or in a
    /// review pack (`group`) over that working group's measures alone.
    pub fn book(&self, plan: &Plan, group: Option<&str>) -> &Book {
        let Some(group) = group else {
            return &self.whole;
        };
        let measures = |id: &str| self.whole.items.get(id);
        match self.groups.get(group) {
            Some(book) => book
                .get_or_init(|| Book::new(plan, measures, |m| m.group.as_deref() == Some(group))),
            None => self
                .empty
                .get_or_init(|| Book::new(plan, measures, |_| false)),
        }
    }

    /// The indicative needs of what a priority or goal holds (nothing for anything else).
    pub fn needs_below(&self, id: &str) -> Needs {
        self.needs.get(id).copied().unwrap_or_default()
    }

    /// The priorities' indicative needs added up; `None` when no priority gives one.
    pub fn need_total(&self) -> Option<Money> {
        (self.plan_needs.given > 0).then_some(self.plan_needs.sum)
    }

    /// Source ids in plan order, as [`Totals::by_source`] follows them.
    pub fn sources(&self) -> &[String] {
        &self.sources
    }

    /// The amounts of `totals` by source id, leaving out sources that give nothing.
    pub fn by_source_id(&self, totals: &Totals) -> BTreeMap<String, Money> {
        self.sources
            .iter()
            .zip(&totals.by_source)
            .filter(|(_, m)| m.0 != 0)
            .map(|(s, m)| (s.clone(), *m))
            .collect()
    }

    /// How the plan's amounts are written.
    pub fn format(&self) -> MoneyFormat {
        self.format
    }

    /// The number of decimals every amount of the plan is shown with.
    pub fn decimals(&self) -> usize {
        self.format.decimals
    }
}

/// How amounts are written: with a fixed number of decimals, in a language. Every amount a
/// document, an export, a fact, a message or the diff shows is written through it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MoneyFormat {
    pub decimals: usize,
    pub language: Language,
}

impl MoneyFormat {
    /// As documents show amounts: "1 234,5" / "1,234.5".
    pub fn text(self, amount: Money) -> String {
        format::money(amount, self.decimals, self.language)
    }

    /// Without grouping, as a spreadsheet reads a number from CSV: "1234,5".
    pub fn plain(self, amount: Money) -> String {
        format::plain(amount.as_f64(), Some(self.decimals), self.language)
    }

    /// Excel's number format for these amounts: thousands grouped, the decimals. Excel
    /// shows it with the reader's own separators.
    pub fn spreadsheet(self) -> String {
        if self.decimals == 0 {
            "#,##0".into()
        } else {
            format!("#,##0.{}", "0".repeat(self.decimals))
        }
    }

    /// With the decimals the amount itself has, as written in the plan: a message's "1,200.5",
    /// an indicative need in the diff.
    pub fn exact(amount: Money, language: Language) -> String {
        MoneyFormat {
            decimals: amount.decimals(),
            language,
        }
        .text(amount)
    }
}

/// The number of decimals every amount of the plan (indicative needs included) is shown
/// with: `[plan] money-decimals` when given (the model refused finer amounts), else as many
/// as the finest amount has, at least one.
fn decimals(plan: &Plan) -> usize {
    if let Some(decimals) = plan.meta.money_decimals {
        return decimals;
    }
    let funding = plan
        .measures()
        .flat_map(|(.., m)| m.funding.iter())
        .flat_map(|f| match &f.amount {
            Amount::Total(m) => vec![*m],
            Amount::PerYear(years) => years.iter().map(|(_, m)| *m).collect(),
        });
    let needs = plan.items().filter_map(|i| i.need).map(|n| n.money);
    funding
        .chain(needs)
        .map(Money::decimals)
        .max()
        .unwrap_or(0)
        .max(1)
}

/// An amount as (year, money) pairs over a period, whole-period amounts split into
/// multiples of `step` (the total is one, as the plan shows every amount exactly).
fn spread(amount: &Amount, (first, last): (i32, i32), step: Money) -> Vec<(i32, Money)> {
    match amount {
        Amount::PerYear(years) => years.clone(),
        Amount::Total(total) => {
            let count = i64::from((last - first).max(0) + 1);
            let steps = total.0.div_euclid(step.0);
            let base = steps.div_euclid(count);
            let mut rest = steps.rem_euclid(count);
            // Whatever is not a whole step (never, when `step` comes from the plan) stays
            // in the first year, so the sum is always the total.
            let mut odd = total.0.rem_euclid(step.0);
            (first..=last.max(first))
                .map(|year| {
                    let extra = i64::from(rest > 0);
                    rest -= extra;
                    let amount = Money((base + extra) * step.0 + odd);
                    odd = 0;
                    (year, amount)
                })
                .collect()
        }
    }
}

#[cfg(test)]
mod tests;
