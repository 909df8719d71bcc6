//! Two lists of texts (sentences, paragraphs, table rows) lined up as `plan diff` lines up
//! sentences: the unchanged ones, then in each run between them a deleted and an inserted
//! text sharing most of their words are one text changed, in order; the rest are deleted or
//! inserted where they stand. `plan diff`'s chapters and the Word comparison edition share
//! it, so both pair the same texts.

use similar::{Algorithm, DiffTag, capture_diff_slices, get_diff_ratio};

/// A deleted and an inserted sentence sharing at least this share of their words (as
/// `similar` counts a ratio) are one changed sentence.
pub(crate) const SAME_SENTENCE: f32 = 0.5;

/// How many inserted texts past the last pair a deleted one is compared with: a chapter
/// rewritten wholesale costs that many comparisons per text, not the square.
const WINDOW: usize = 20;

/// How an earlier list of texts became the new one, in the new one's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pairing {
    /// The earlier text `k` is gone.
    Deleted(usize),
    /// The new text `j` is new.
    Inserted(usize),
    /// The earlier text `k` is the new text `j`, as it was (`Equal`) or changed.
    Kept(usize, usize),
}

/// Lines up two lists of texts; a deleted and an inserted text sharing at least `same` of
/// their words are one text changed.
pub(crate) fn pairings(old: &[&str], new: &[&str], same: f32) -> Vec<Pairing> {
    let mut out = Vec::new();
    let (mut deleted, mut inserted) = (Vec::new(), Vec::new());
    for op in capture_diff_slices(Algorithm::Myers, old, new) {
        let (tag, before, after) = op.as_tag_tuple();
        if tag == DiffTag::Equal {
            hunk(old, new, &deleted, &inserted, same, &mut out);
            deleted.clear();
            inserted.clear();
            out.extend(before.zip(after).map(|(k, j)| Pairing::Kept(k, j)));
        } else {
            deleted.extend(before);
            inserted.extend(after);
        }
    }
    hunk(old, new, &deleted, &inserted, same, &mut out);
    out
}

/// A run of deleted and inserted texts between unchanged ones.
fn hunk(
    old: &[&str],
    new: &[&str],
    deleted: &[usize],
    inserted: &[usize],
    same: f32,
    out: &mut Vec<Pairing>,
) {
    let mut pairs = Vec::new();
    let mut next = 0;
    for (d, &k) in deleted.iter().enumerate() {
        let best = inserted[next..]
            .iter()
            .take(WINDOW)
            .enumerate()
            .map(|(i, &j)| (next + i, similarity(old[k], new[j])))
            .filter(|(_, ratio)| *ratio >= same)
            .reduce(|best, this| if this.1 > best.1 { this } else { best });
        if let Some((i, _)) = best {
            pairs.push((d, i));
            next = i + 1;
        }
    }
    let (mut d, mut i) = (0, 0);
    for (pd, pi) in pairs.into_iter().chain([(deleted.len(), inserted.len())]) {
        out.extend(deleted[d..pd].iter().map(|&k| Pairing::Deleted(k)));
        out.extend(inserted[i..pi].iter().map(|&j| Pairing::Inserted(j)));
        if let (Some(&k), Some(&j)) = (deleted.get(pd), inserted.get(pi)) {
            out.push(Pairing::Kept(k, j));
        }
        (d, i) = (pd + 1, pi + 1);
    }
}

/// The share of words two texts have in common, as `similar` counts it.
pub(crate) fn similarity(a: &str, b: &str) -> f32 {
    let a: Vec<&str> = a.split_whitespace().collect();
    let b: Vec<&str> = b.split_whitespace().collect();
    get_diff_ratio(
        &capture_diff_slices(Algorithm::Myers, &a, &b),
        a.len(),
        b.len(),
    )
}
