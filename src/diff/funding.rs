//! Funding compared from the two versions' ledgers: an item's amounts by source and their
//! total, and, where they differ, each source that changed with the difference.

use std::collections::BTreeMap;

use super::{Amount, FundingChange, Kind, SourceChange};
use crate::ledger::{Ledger, Totals};
use crate::model::Money;

/// Funding as compared: the amounts by source id (a source giving nothing left out, so
/// that sources of either plan compare) and their total, as the version's ledger has them.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Funds {
    by_source: BTreeMap<String, Money>,
    total: Money,
}

impl Funds {
    pub(super) fn of(ledger: &Ledger, totals: &Totals) -> Funds {
        Funds {
            by_source: ledger.by_source_id(totals),
            total: totals.total,
        }
    }
}

#[allow(clippy::too_many_arguments)]
pub(super) fn compare_funding(
    order: &[String],
    kind: Kind,
    id: Option<&str>,
    number: Option<&str>,
    title: &str,
    old: &Funds,
    new: &Funds,
    amount: &dyn Fn(Money) -> Amount,
) -> Option<FundingChange> {
    if old == new {
        return None;
    }
    let (old, new, before, after) = (&old.by_source, &new.by_source, old.total, new.total);
    let mut sources: Vec<&String> = old.keys().chain(new.keys()).collect();
    sources.sort_by_key(|s| order.iter().position(|o| o == *s));
    sources.dedup();
    let get = |map: &BTreeMap<String, Money>, s: &str| map.get(s).copied().unwrap_or_default();
    let changed: Vec<SourceChange> = sources
        .into_iter()
        .filter(|s| get(old, s) != get(new, s))
        .map(|s| SourceChange {
            source: s.clone(),
            old: amount(get(old, s)),
            new: amount(get(new, s)),
            delta: signed(amount(get(new, s) - get(old, s))),
        })
        .collect();
    Some(FundingChange {
        kind,
        id: id.map(str::to_string),
        number: number.map(str::to_string),
        title: title.to_string(),
        sources: changed,
        old_total: amount(before),
        new_total: amount(after),
        delta: signed(amount(after - before)),
    })
}

/// A difference with its sign always shown ("+174,0" beside "−750,0"), so that a reader
/// tells an increase from an amount; zero has none.
fn signed(amount: Amount) -> Amount {
    let text = &amount.text;
    let zero = text.chars().all(|c| !c.is_ascii_digit() || c == '0');
    let text = if zero || text.starts_with(['-', '\u{2212}', '+']) {
        text.replacen('-', "\u{2212}", 1)
    } else {
        format!("+{text}")
    };
    Amount { text, ..amount }
}
