//! Money and funding sums. Amounts are kept in hundredths of the money unit as integers, so
//! subtotals add up exactly whatever the number of measures.

use std::collections::BTreeMap;
use std::iter::Sum;
use std::ops::{Add, AddAssign};

use super::{Amount, Measure, Plan};

/// An amount in hundredths of the plan's money unit.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Money(pub i64);

impl Money {
    /// The amount nearest to a number written in the plan; `None` if it is not finite or
    /// too large to add up safely.
    pub fn from_f64(value: f64) -> Option<Money> {
        let hundredths = (value * 100.0).round();
        (hundredths.is_finite() && hundredths.abs() < 1e15).then_some(Money(hundredths as i64))
    }

    /// The amount as a number of money units.
    pub fn as_f64(self) -> f64 {
        self.0 as f64 / 100.0
    }

    /// Decimals needed to show this amount exactly (0, 1 or 2).
    pub fn decimals(self) -> usize {
        if self.0 % 100 == 0 {
            0
        } else if self.0 % 10 == 0 {
            1
        } else {
            2
        }
    }
}

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

impl Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money(0), Add::add)
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
    pub fn add(&mut self, other: &Totals) {
        for (mine, theirs) in self.by_source.iter_mut().zip(&other.by_source) {
            *mine += *theirs;
        }
        self.total += other.total;
    }
}

impl Amount {
    /// The whole-period sum.
    pub fn total(&self) -> Money {
        match self {
            Amount::Total(m) => *m,
            Amount::PerYear(years) => years.iter().map(|(_, m)| *m).sum(),
        }
    }
}

impl Plan {
    /// A measure's funding per source and in total.
    pub fn measure_totals(&self, measure: &Measure) -> Totals {
        let mut totals = Totals::zero(self.sources.len());
        for funding in &measure.funding {
            if let Some(i) = self.sources.iter().position(|s| s.id == funding.source) {
                let amount = funding.amount.total();
                totals.by_source[i] += amount;
                totals.total += amount;
            }
        }
        totals
    }

    /// The summed funding of some measures, e.g. a priority's.
    pub fn sum<'a>(&self, measures: impl Iterator<Item = &'a Measure>) -> Totals {
        let mut totals = Totals::zero(self.sources.len());
        for measure in measures {
            totals.add(&self.measure_totals(measure));
        }
        totals
    }

    /// Funding per year and source over the plan period. Per-year amounts count in their
    /// year; whole-period amounts are spread evenly over the measure's period (the plan
    /// period when the measure has none) in steps of the smallest amount the plan shows
    /// ([`Plan::money_decimals`]), the odd steps going to the first years. Every spread
    /// amount can so be shown exactly, and a printed per-year table adds up as printed.
    pub fn totals_by_year(&self) -> BTreeMap<i32, Totals> {
        self.totals_by_year_of(self.measures().map(|(_, _, _, m)| m))
    }

    /// Funding per year and source of some measures (e.g. a working group's), spread as
    /// [`Plan::totals_by_year`] does; every year of the plan period has an entry.
    pub fn totals_by_year_of<'a>(
        &self,
        measures: impl Iterator<Item = &'a Measure>,
    ) -> BTreeMap<i32, Totals> {
        let mut years: BTreeMap<i32, Totals> = BTreeMap::new();
        let (first, last) = self.meta.period;
        let step = Money(10_i64.pow(2_u32.saturating_sub(self.money_decimals() as u32)));
        for year in first..=last {
            years.insert(year, Totals::zero(self.sources.len()));
        }
        for measure in measures {
            for funding in &measure.funding {
                let Some(i) = self.sources.iter().position(|s| s.id == funding.source) else {
                    continue;
                };
                for (year, amount) in spread(
                    &funding.amount,
                    measure.period.unwrap_or(self.meta.period),
                    step,
                ) {
                    let entry = years
                        .entry(year)
                        .or_insert_with(|| Totals::zero(self.sources.len()));
                    entry.by_source[i] += amount;
                    entry.total += amount;
                }
            }
        }
        years
    }

    /// Whether any measure gives a whole-period amount, which the per-year table spreads.
    pub fn has_spread_amounts(&self) -> bool {
        Self::any_spread_amounts(self.measures().map(|(_, _, _, m)| m))
    }

    /// Whether any of these measures gives a whole-period amount.
    pub fn any_spread_amounts<'a>(mut measures: impl Iterator<Item = &'a Measure>) -> bool {
        measures.any(|m| {
            m.funding
                .iter()
                .any(|f| matches!(f.amount, Amount::Total(_)))
        })
    }

    /// The number of decimals every amount of the plan (indicative needs included) is
    /// shown with.
    pub fn money_decimals(&self) -> usize {
        self.measures()
            .flat_map(|(_, _, _, m)| m.funding.iter())
            .flat_map(|f| match &f.amount {
                Amount::Total(m) => vec![*m],
                Amount::PerYear(years) => years.iter().map(|(_, m)| *m).collect(),
            })
            .chain(self.items().filter_map(|i| i.need).map(|n| n.money))
            .map(Money::decimals)
            .max()
            .unwrap_or(0)
            .max(1)
    }
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
mod tests {
    use super::*;

    #[test]
    fn spreading_keeps_every_hundredth() {
        let spread = spread(&Amount::Total(Money(1000)), (2021, 2023), Money(1));
        assert_eq!(
            spread,
            vec![(2021, Money(334)), (2022, Money(333)), (2023, Money(333))]
        );
        assert_eq!(spread.iter().map(|(_, m)| *m).sum::<Money>(), Money(1000));
    }

    #[test]
    fn spreading_uses_the_shown_step() {
        // 100.0 over three years, shown with one decimal: 33.4 + 33.3 + 33.3.
        let spread = spread(&Amount::Total(Money(10000)), (2021, 2023), Money(10));
        assert_eq!(
            spread,
            vec![
                (2021, Money(3340)),
                (2022, Money(3330)),
                (2023, Money(3330))
            ]
        );
        // An amount finer than the step keeps its odd hundredths in the first year.
        let odd = super::spread(&Amount::Total(Money(10005)), (2021, 2022), Money(10));
        assert_eq!(odd, vec![(2021, Money(5005)), (2022, Money(5000))]);
    }

    #[test]
    fn money_rounds_to_hundredths() {
        assert_eq!(Money::from_f64(120.5), Some(Money(12050)));
        assert_eq!(Money::from_f64(0.1 + 0.2), Some(Money(30)));
        assert_eq!(Money::from_f64(f64::NAN), None);
        assert_eq!(Money(12050).decimals(), 1);
        assert_eq!(Money(12345).decimals(), 2);
        assert_eq!(Money(12000).decimals(), 0);
    }
}
