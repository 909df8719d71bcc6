//! Page labels typst cannot write: those of the annex of changes numbered 1, 10–19, 21 …,
//! whose pages print "1-1", "1-2". typst derives a page's PDF label from its numbering
//! pattern, whose digit 1 is the counting symbol, so "1-1" cannot be a pattern and those
//! pages are numbered by a function, which gives them an empty label. The main file marks
//! where such a run of pages starts (`<plan-page-labels>`, its value the prefix); here the
//! finished PDF's catalog gets a page-label tree with that run as prefix + arabic number:
//! the entries typst wrote for the other pages, the run's own in place of its pages'.

use typst::foundations::{Label, Selector, Value};
use typst::introspection::Introspector;
use typst::utils::PicoStr;
use typst_layout::PagedDocument;

/// The label the main file gives the metadata that starts a run of labelled pages.
pub(super) const MARK: &str = "plan-page-labels";

/// Pages labelled prefix + arabic number, "1-1", "1-2" …
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Run {
    /// The index of the run's first page in the document.
    pub first: usize,
    /// How many pages it has.
    pub pages: usize,
    /// What comes before the number ("1-").
    pub prefix: String,
    /// The number of its first page.
    pub start: u64,
}

/// The runs of pages the document marks: each from its mark's page while the page numbers
/// go on one by one.
pub(super) fn runs(doc: &PagedDocument) -> Vec<Run> {
    let Some(label) = Label::new(PicoStr::intern(MARK)) else {
        return Vec::new();
    };
    let selector = Selector::Label(label);
    let introspector = doc.introspector();
    let pages = doc.pages();
    let mut runs = Vec::new();
    for mark in introspector.query(&selector) {
        let Some(Value::Str(prefix)) = mark.get_by_name("value").ok() else {
            continue;
        };
        let Some(location) = mark.location() else {
            continue;
        };
        let Some(page) = introspector.page(location) else {
            continue;
        };
        let first = page.get() - 1;
        let Some(start) = pages.get(first).map(|p| p.number) else {
            continue;
        };
        let count = pages[first..]
            .iter()
            .zip(start..)
            .take_while(|(p, n)| p.number == *n)
            .count();
        runs.push(Run {
            first,
            pages: count,
            prefix: prefix.to_string(),
            start,
        });
    }
    runs
}

/// The page-label tree typst wrote (`/Nums[0 12 0 R 1 13 0 R …]`, an entry for every
/// page) with each run's pages labelled by one entry of its own, written out as a direct
/// dictionary for the catalog.
pub(super) fn tree(written: &[u8], runs: &[Run]) -> Result<Vec<u8>, String> {
    let start = find(written, b"/Nums[").ok_or("no /Nums in the page labels")? + 6;
    let end = start
        + written[start..]
            .iter()
            .position(|&b| b == b']')
            .ok_or("no end of /Nums")?;
    let words: Vec<&[u8]> = written[start..end]
        .split(|b| b.is_ascii_whitespace())
        .filter(|w| !w.is_empty())
        .collect();
    if !words.len().is_multiple_of(4) {
        return Err("page labels that are not references".into());
    }
    let mut out = b"<</Nums[".to_vec();
    let mut first = true;
    let mut separate = |out: &mut Vec<u8>| {
        if !std::mem::take(&mut first) {
            out.push(b' ');
        }
    };
    for entry in words.chunks(4) {
        let [index, object, generation, r] = entry else {
            return Err("a bad page label entry".into());
        };
        let index: usize = std::str::from_utf8(index)
            .ok()
            .and_then(|i| i.parse().ok())
            .ok_or("a bad page index")?;
        if *r != b"R" {
            return Err("a page label that is not a reference".into());
        }
        match runs
            .iter()
            .find(|run| (run.first..run.first + run.pages).contains(&index))
        {
            Some(run) if run.first == index => {
                separate(&mut out);
                out.extend_from_slice(
                    format!(
                        "{index} <</Type/PageLabel/S/D/P({})/St {}>>",
                        pdf_string(&run.prefix),
                        run.start
                    )
                    .as_bytes(),
                );
            }
            Some(_) => {}
            None => {
                separate(&mut out);
                out.extend_from_slice(format!("{index} ").as_bytes());
                out.extend_from_slice(object);
                out.push(b' ');
                out.extend_from_slice(generation);
                out.extend_from_slice(b" R");
            }
        }
    }
    out.extend_from_slice(b"]>>");
    Ok(out)
}

/// A prefix as the inside of a PDF literal string: ASCII, its brackets and backslashes
/// escaped (an annex's number and a dash; anything else is left out).
fn pdf_string(text: &str) -> String {
    let mut out = String::new();
    for c in text
        .chars()
        .filter(|c| c.is_ascii() && !c.is_ascii_control())
    {
        if matches!(c, '(' | ')' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run() -> Run {
        Run {
            first: 2,
            pages: 2,
            prefix: "1-".into(),
            start: 1,
        }
    }

    #[test]
    fn a_run_takes_the_place_of_its_pages_entries() {
        let written = b"<</Nums[0 10 0 R 1 11 0 R 2 12 0 R 3 13 0 R 4 14 0 R]>>";
        let tree = tree(written, &[run()]).expect("a tree");
        assert_eq!(
            String::from_utf8_lossy(&tree),
            "<</Nums[0 10 0 R 1 11 0 R 2 <</Type/PageLabel/S/D/P(1-)/St 1>> 4 14 0 R]>>"
        );
    }

    #[test]
    fn an_unexpected_tree_is_refused() {
        assert!(tree(b"<</Kids[5 0 R]>>", &[run()]).is_err());
        assert!(tree(b"<</Nums[0 <</S/D>>]>>", &[run()]).is_err());
    }

    #[test]
    fn a_prefix_is_escaped() {
        assert_eq!(pdf_string("1(a)\\-\u{0}ą"), "1\\(a\\)\\\\-");
    }
}
