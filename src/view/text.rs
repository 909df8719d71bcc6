//! What the view says is text a template sets ([`Text`]), and numbers with the text they
//! are shown as ([`Cell`]).

use std::borrow::Cow;

use serde::{Serialize, Serializer};

/// Text a template sets: a title, a name, a unit, a number, an amount or a date as written.
/// Ids, keys of `texts`, kinds, statuses and part names are plain strings, never texts.
///
/// Serialised as a string, as it is (the exports), or while [`texts_shown_as`] runs, as
/// its function makes it (typst's view gets break opportunities in very long words). The
/// type, not a list of field names, says which strings are set as text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Text(String);

impl Text {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for Text {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl From<String> for Text {
    fn from(text: String) -> Text {
        Text(text)
    }
}

impl From<&str> for Text {
    fn from(text: &str) -> Text {
        Text(text.to_string())
    }
}

impl std::fmt::Display for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// How texts are written while a view is serialised for one reader.
pub(crate) type Shown = for<'a> fn(&'a str) -> Cow<'a, str>;

thread_local! {
    /// The function texts are written through on this thread, while [`texts_shown_as`]
    /// runs; `None` otherwise.
    static SHOWN: std::cell::Cell<Option<Shown>> = const { std::cell::Cell::new(None) };
}

/// Runs `serialise` with every [`Text`] it serialises on this thread written as `shown`
/// makes it. A mode rather than a serializer of its own: serde tells a value nothing of the
/// serializer it is written to, and one that wrapped serde_json's to recognise texts would
/// repeat all of serde's methods. The view comes before typst in the pipeline, so typst's
/// stage hands the function in.
pub(crate) fn texts_shown_as<R>(shown: Shown, serialise: impl FnOnce() -> R) -> R {
    /// Puts the mode back as it was, also when `serialise` panics.
    struct Restore(Option<Shown>);
    impl Drop for Restore {
        fn drop(&mut self) {
            SHOWN.set(self.0);
        }
    }
    let _restore = Restore(SHOWN.replace(Some(shown)));
    serialise()
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match SHOWN.get() {
            Some(shown) => serializer.serialize_str(&shown(&self.0)),
            None => serializer.serialize_str(&self.0),
        }
    }
}

/// A number as a table shows it: its value, for charts and comparisons, and its text in the
/// plan's format. A field where there is no number holds `none`, not a cell.
#[derive(Debug, Clone, Serialize)]
pub struct Cell {
    /// The number.
    pub value: f64,
    /// The number as text ("1 234,5", "42,5 %").
    pub text: Text,
}

impl Cell {
    pub fn new(value: f64, text: impl Into<Text>) -> Cell {
        Cell {
            value,
            text: text.into(),
        }
    }

    /// A share in per cent, with its text ("87,5 %").
    pub fn percent(share: f64, language: crate::model::Language) -> Cell {
        Cell::new(share, crate::format::percent(share, language))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_are_written_through_the_mode_only_while_it_runs() {
        let text = Text::from("a");
        let loud: Shown = |s| Cow::Owned(s.to_uppercase());
        let inside = texts_shown_as(loud, || serde_json::to_string(&text).unwrap_or_default());
        assert_eq!(inside, "\"A\"");
        assert_eq!(serde_json::to_string(&text).unwrap_or_default(), "\"a\"");
    }
}
