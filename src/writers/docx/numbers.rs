//! The numbers a Word document shows, worked out before it is written (references may
//! point forward): heading numbers as the PDF's (`crate::typeset::outline`), figure and
//! table numbers counted over the document's chapters, and a bookmark name for every
//! reference target.

use std::collections::HashMap;

use crate::typeset::ChapterFigures;
use crate::typeset::outline::PartNumbers;
use crate::understand::tree::{Block, BlockKind, Doc, Visit};

/// A block's identity while the tree is borrowed: its address.
fn key(block: &Block) -> usize {
    std::ptr::from_ref(block) as usize
}

#[derive(Debug, Default)]
pub(super) struct Numbers {
    /// Each chapter heading's level and number as shown ("3.2.").
    headings: HashMap<usize, (u8, String)>,
    /// Each numbered figure's, chart's or captioned table's number.
    figures: HashMap<usize, usize>,
    /// What a reference without text of its own shows, by target id ("3.2", "4").
    shown: HashMap<String, String>,
    /// The bookmark around each target, by id.
    bookmarks: HashMap<String, String>,
    /// The numbers the PDF gave the generated parts' figures and captioned tables, in
    /// layout order.
    part_images: Vec<usize>,
    part_tables: Vec<usize>,
    /// The PDF's pictures and charts as it drew them, by number.
    drawn: std::collections::BTreeMap<usize, crate::typeset::drawn::Drawn>,
}

impl Numbers {
    /// Numbers the chapters of a document, each with the heading numbers the PDF gives it,
    /// and its figures and captioned tables with the numbers the PDF gave them (`laid_out`,
    /// where the generated parts' figures count too); without those, or should they not
    /// match, counted over the chapters.
    pub(super) fn new(
        chapters: &[(&Doc, &PartNumbers)],
        refs: &[(String, String)],
        laid_out: Option<&ChapterFigures>,
    ) -> Self {
        let mut numbers = Numbers::default();
        // Each figure and captioned table in order, with its id.
        let mut images: Vec<(usize, Option<String>)> = Vec::new();
        let mut tables: Vec<(usize, Option<String>)> = Vec::new();
        let mut targets = Vec::new();
        for (doc, part) in chapters {
            let mut headings = match part {
                PartNumbers::Chapter(headings) => headings.iter(),
                PartNumbers::Generated(_) => [].iter(),
            };
            doc.visit(&mut |visit| {
                let Visit::Block(block) = visit else { return };
                match &block.kind {
                    BlockKind::Heading { id, .. } => {
                        if let Some(number) = headings.next() {
                            numbers.headings.insert(key(block), number.clone());
                        }
                        targets.extend(id.clone());
                    }
                    BlockKind::Figure(figure) => {
                        images.push((key(block), figure.id.clone()));
                        targets.extend(figure.id.clone());
                    }
                    BlockKind::Chart(chart) => {
                        images.push((key(block), chart.id.clone()));
                        targets.extend(chart.id.clone());
                    }
                    BlockKind::Table(table) => {
                        if let Some(caption) = &table.caption {
                            tables.push((key(block), caption.id.clone()));
                            targets.extend(caption.id.clone());
                        }
                    }
                    _ => {}
                }
            });
        }
        let given = |kind: fn(&ChapterFigures) -> &Vec<usize>, found: usize| {
            laid_out
                .map(kind)
                .filter(|given| given.len() == found)
                .cloned()
                .unwrap_or_else(|| (1..=found).collect())
        };
        let image_numbers = given(|f| &f.images, images.len());
        let table_numbers = given(|f| &f.tables, tables.len());
        for (list, given) in [(images, image_numbers), (tables, table_numbers)] {
            for ((block, id), number) in list.into_iter().zip(given) {
                numbers.figures.insert(block, number);
                if let Some(id) = id {
                    numbers.shown.insert(id, number.to_string());
                }
            }
        }
        for (id, number) in refs {
            numbers.shown.insert(id.clone(), number.clone());
        }
        if let Some(laid_out) = laid_out {
            numbers.part_images.clone_from(&laid_out.part_images);
            numbers.part_tables.clone_from(&laid_out.part_tables);
            numbers.drawn.clone_from(&laid_out.drawn);
        }
        for (n, id) in targets.into_iter().enumerate() {
            let name = bookmark_name(n + 1, &id);
            numbers.bookmarks.entry(id).or_insert(name);
        }
        numbers
    }

    /// The number of the `index`-th captioned table (`table`) or figure of the generated
    /// parts, as the PDF numbered it.
    pub(super) fn part_figure(&self, table: bool, index: usize) -> Option<usize> {
        let list = if table {
            &self.part_tables
        } else {
            &self.part_images
        };
        list.get(index).copied()
    }

    /// The picture or chart numbered `number` as the PDF drew it.
    pub(super) fn drawn(&self, number: usize) -> Option<&crate::typeset::drawn::Drawn> {
        self.drawn.get(&number)
    }

    pub(super) fn heading(&self, block: &Block) -> Option<&(u8, String)> {
        self.headings.get(&key(block))
    }

    pub(super) fn figure(&self, block: &Block) -> Option<usize> {
        self.figures.get(&key(block)).copied()
    }

    pub(super) fn shown(&self, id: &str) -> Option<&str> {
        self.shown.get(id).map(String::as_str)
    }

    pub(super) fn bookmark(&self, id: &str) -> Option<&str> {
        self.bookmarks.get(id).map(String::as_str)
    }
}

/// A bookmark name Word accepts: a letter first, then letters, digits and `_`, at most
/// 40 characters; the target's number in the document keeps it unique.
fn bookmark_name(n: usize, id: &str) -> String {
    let tail: String = id
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    let mut name = format!("ref{n}_{tail}");
    name.truncate(40);
    name
}

/// The bookmark around a plan item's or indicator's label in the generated part that
/// carries it (`anchors` in the view), which references to the item link to: `item_` and
/// its id, a long id shortened with a hash of the whole so that two stay apart.
pub(super) fn item_bookmark(id: &str) -> String {
    let tail: String = id
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    let name = format!("item_{tail}");
    if name.len() <= 40 && tail == id {
        return name;
    }
    // FNV-1a: stable across builds and platforms.
    let hash = id.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    let mut name = name;
    name.truncate(31);
    format!("{name}_{:08x}", hash as u32)
}

#[cfg(test)]
mod tests {
    #[test]
    fn item_bookmarks_stay_apart_and_short() {
        assert_eq!(super::item_bookmark("P1"), "item_P1");
        let a = super::item_bookmark(&format!("{}a", "x".repeat(50)));
        let b = super::item_bookmark(&format!("{}b", "x".repeat(50)));
        assert_ne!(a, b);
        assert!(a.len() <= 40 && b.len() <= 40);
        assert_ne!(super::item_bookmark("a-b"), super::item_bookmark("a_b"));
    }

    #[test]
    fn bookmark_names_are_words_of_at_most_40_characters() {
        assert_eq!(super::bookmark_name(3, "fig-pop.2"), "ref3_fig_pop_2");
        let long = super::bookmark_name(12, &"ą".repeat(60));
        assert_eq!(long.chars().count(), 40);
        assert!(long.starts_with("ref12__"));
    }
}
