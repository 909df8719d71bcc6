//! Page selections such as `1-5`, `3`, `2,7-9`, `10-` (from page 10 to the end) or an
//! annex's `3-1`, as `plan preview --pages` takes them. Pages are named by the numbers
//! printed on them, the PDF's page labels a viewer shows: "page 12" from a colleague is the
//! page printed 12, whatever pages (a title page) come before it in the file.

use std::fmt;
use std::str::FromStr;

/// Which pages of a document to take, by their printed labels. The default selects every
/// page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pages {
    /// The items as written (`12`, `3-1`, `2-7`, `10-`). Empty means every page.
    items: Vec<String>,
}

impl Pages {
    /// Every page.
    pub fn all() -> Self {
        Self::default()
    }

    /// Which pages (counted from 0 in the file) a document whose pages carry `labels` (none
    /// for a page printed without a number) has in the selection. An item that is a page's
    /// label takes that page (so an annex's `3-1` is its page 1, not a range); otherwise
    /// `A-B` takes the pages from the one labelled A to the one labelled B, an open end
    /// running to the first or last page of the file.
    pub fn select(&self, labels: &[Option<String>]) -> Vec<usize> {
        if self.items.is_empty() {
            return (0..labels.len()).collect();
        }
        let mut chosen = vec![false; labels.len()];
        for item in &self.items {
            for (first, last) in spans(item, labels) {
                chosen[first..=last].iter_mut().for_each(|c| *c = true);
            }
        }
        (0..labels.len()).filter(|&i| chosen[i]).collect()
    }
}

/// The pages (first and last, counted from 0) one item of a selection takes.
fn spans(item: &str, labels: &[Option<String>]) -> Vec<(usize, usize)> {
    let is = |i: &usize, label: &str| labels[*i].as_deref() == Some(label);
    let exact: Vec<(usize, usize)> = (0..labels.len())
        .filter(|i| is(i, item))
        .map(|i| (i, i))
        .collect();
    if !exact.is_empty() || labels.is_empty() {
        return exact;
    }
    let last_page = labels.len() - 1;
    for (at, _) in item.match_indices('-') {
        let (from, to) = (&item[..at], &item[at + 1..]);
        let first = if from.is_empty() {
            Some(0)
        } else {
            (0..labels.len()).find(|i| is(i, from))
        };
        let last = if to.is_empty() {
            Some(last_page)
        } else {
            (0..labels.len()).rev().find(|i| is(i, to))
        };
        if let (Some(first), Some(last)) = (first, last) {
            return if first <= last {
                vec![(first, last)]
            } else {
                Vec::new()
            };
        }
    }
    Vec::new()
}

impl FromStr for Pages {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let mut items = Vec::new();
        for item in text.split(',') {
            let item = item.trim();
            let printed = item.chars().any(|c| c.is_ascii_digit())
                && item.chars().all(|c| c.is_ascii_digit() || c == '-');
            if !printed && item != "-" {
                return Err(format!(
                    "`{item}` is not a page number; write pages as they are printed, like `1-5`, `3`, `2,7-9`, `10-` or an annex's `3-1`"
                ));
            }
            items.push(item.to_string());
        }
        Ok(Self { items })
    }
}

impl fmt::Display for Pages {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.items.is_empty() {
            return f.write_str("all");
        }
        f.write_str(&self.items.join(","))
    }
}

#[cfg(test)]
mod tests {
    use super::Pages;

    /// A title page without a number, pages 1–5, then an annex's pages 3-1 and 3-2.
    fn labels() -> Vec<Option<String>> {
        let mut labels = vec![None];
        labels.extend((1..=5).map(|n| Some(n.to_string())));
        labels.extend((1..=2).map(|n| Some(format!("3-{n}"))));
        labels
    }

    fn select(text: &str) -> Vec<usize> {
        let pages: Pages = text.parse().expect("valid");
        pages.select(&labels())
    }

    #[test]
    fn pages_are_taken_by_their_printed_numbers() {
        // Page 1 is the file's second page: the title page has no number.
        assert_eq!(select("1"), [1]);
        assert_eq!(select("2-3, 5"), [2, 3, 5]);
        assert_eq!(select("4-"), [4, 5, 6, 7]);
        assert_eq!(select("-2"), [0, 1, 2]);
        assert_eq!(select("-"), [0, 1, 2, 3, 4, 5, 6, 7]);
        // An annex's label is a page, not a range.
        assert_eq!(select("3-1"), [6]);
        assert_eq!(select("5-3-2"), [5, 6, 7]);
        assert_eq!(select("3-2-"), [7]);
        assert!(select("9").is_empty());
        assert!(select("0").is_empty());
        assert!(select("5-2").is_empty());
        assert_eq!(Pages::all().select(&labels()).len(), 8);
        let pages: Pages = "1-3, 7,10-".parse().expect("valid");
        assert_eq!(pages.to_string(), "1-3,7,10-");
    }

    #[test]
    fn mistakes_are_explained() {
        assert_eq!(
            "x".parse::<Pages>(),
            Err("`x` is not a page number; write pages as they are printed, like `1-5`, `3`, `2,7-9`, `10-` or an annex's `3-1`".into())
        );
        assert!("1,,2".parse::<Pages>().is_err());
    }
}
