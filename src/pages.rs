//! Page selections such as `1-5`, `3`, `2,7-9` or `10-` (from page 10 to the end), as
//! `plan preview --pages` takes them. Pages count from 1.

use std::fmt;
use std::str::FromStr;

/// Which pages of a document to take. The default selects every page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pages {
    /// Inclusive ranges; an open end runs to the last page. Empty means every page.
    ranges: Vec<(usize, Option<usize>)>,
}

impl Pages {
    /// Every page.
    pub fn all() -> Self {
        Self::default()
    }

    /// Whether page `n` (from 1) is selected.
    pub fn contains(&self, n: usize) -> bool {
        self.ranges.is_empty()
            || self
                .ranges
                .iter()
                .any(|&(first, last)| n >= first && last.is_none_or(|last| n <= last))
    }
}

impl FromStr for Pages {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let number = |part: &str| -> Result<usize, String> {
            match part.trim().parse::<usize>() {
                Ok(0) => Err("pages count from 1".into()),
                Ok(n) => Ok(n),
                Err(_) => Err(format!(
                    "`{}` is not a page number; write pages like `1-5`, `3`, `2,7-9` or `10-`",
                    part.trim()
                )),
            }
        };
        let mut ranges = Vec::new();
        for item in text.split(',') {
            let range = match item.split_once('-') {
                None => {
                    let n = number(item)?;
                    (n, Some(n))
                }
                Some((first, last)) => {
                    let first = if first.trim().is_empty() {
                        1
                    } else {
                        number(first)?
                    };
                    let last = if last.trim().is_empty() {
                        None
                    } else {
                        Some(number(last)?)
                    };
                    if last.is_some_and(|last| last < first) {
                        return Err(format!("the range `{}` runs backwards", item.trim()));
                    }
                    (first, last)
                }
            };
            ranges.push(range);
        }
        Ok(Self { ranges })
    }
}

impl fmt::Display for Pages {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ranges.is_empty() {
            return f.write_str("all");
        }
        let parts: Vec<String> = self
            .ranges
            .iter()
            .map(|&(first, last)| match last {
                Some(last) if last == first => first.to_string(),
                Some(last) => format!("{first}-{last}"),
                None => format!("{first}-"),
            })
            .collect();
        f.write_str(&parts.join(","))
    }
}

#[cfg(test)]
mod tests {
    use super::Pages;

    #[test]
    fn selections_parse_and_select() {
        let pages: Pages = "1-3, 7,10-".parse().expect("valid");
        let selected: Vec<usize> = (1..=12).filter(|&n| pages.contains(n)).collect();
        assert_eq!(selected, [1, 2, 3, 7, 10, 11, 12]);
        assert_eq!(pages.to_string(), "1-3,7,10-");
        let up_to: Pages = "-2".parse().expect("valid");
        assert!(up_to.contains(1) && up_to.contains(2) && !up_to.contains(3));
        assert!(Pages::all().contains(999));
    }

    #[test]
    fn mistakes_are_explained() {
        assert_eq!("0".parse::<Pages>(), Err("pages count from 1".into()));
        assert_eq!(
            "5-2".parse::<Pages>(),
            Err("the range `5-2` runs backwards".into())
        );
        assert_eq!(
            "x".parse::<Pages>(),
            Err("`x` is not a page number; write pages like `1-5`, `3`, `2,7-9` or `10-`".into())
        );
    }
}
