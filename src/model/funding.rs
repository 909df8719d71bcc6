//! Amounts of money, kept in hundredths of the money unit as integers, so that sums (all
//! in [`crate::ledger`]) add up exactly whatever the number of measures.

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

#[cfg(test)]
mod tests {
    use super::*;

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
