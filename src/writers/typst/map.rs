//! Where generated markup came from, so that a problem typst finds in it is reported at
//! the user's own file, line and column, never in code `plan` wrote.

use crate::diag::Span;

/// Byte offsets into generated markup, each with the span of the Markdown (or the TOML
/// string) its markup was written for, in increasing order of offset. An offset belongs to
/// the last entry at or before it.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct SourceMap(Vec<(usize, Span)>);

impl SourceMap {
    /// Notes that the markup from `offset` on was written for `span`.
    pub fn note(&mut self, offset: usize, span: Span) {
        match self.0.last_mut() {
            Some((last, known)) if *last == offset => *known = span,
            Some((_, known)) if *known == span => {}
            _ => self.0.push((offset, span)),
        }
    }

    /// Notes `other`, a map of markup that is placed at `offset` of this one.
    pub fn place(&mut self, offset: usize, other: &SourceMap) {
        for (at, span) in &other.0 {
            self.note(offset + at, span.clone());
        }
    }

    /// The span the markup at `offset` was written for.
    pub fn at(&self, offset: usize) -> Option<&Span> {
        let after = self.0.partition_point(|(at, _)| *at <= offset);
        after.checked_sub(1).map(|i| &self.0[i].1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::FileId;

    #[test]
    fn an_offset_belongs_to_the_last_entry_before_it() {
        let file = FileId::default();
        let span = |start: usize| Span::new(file, start..start + 1);
        let mut map = SourceMap::default();
        map.note(0, span(10));
        map.note(5, span(20));
        // The same span again adds nothing; a later one at the same offset replaces it.
        map.note(7, span(20));
        map.note(9, span(30));
        map.note(9, span(40));
        assert_eq!(map.at(0), Some(&span(10)));
        assert_eq!(map.at(4), Some(&span(10)));
        assert_eq!(map.at(8), Some(&span(20)));
        assert_eq!(map.at(100), Some(&span(40)));
        let mut outer = SourceMap::default();
        outer.note(0, span(1));
        outer.place(3, &map);
        assert_eq!(outer.at(2), Some(&span(1)));
        assert_eq!(outer.at(3), Some(&span(10)));
        assert_eq!(outer.at(8), Some(&span(20)));
        assert!(SourceMap::default().at(3).is_none());
    }
}
