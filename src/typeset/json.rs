//! The view data as typst reads it: JSON served as `/.plan/<document>/data.json`, which the
//! main file hands to the templates as `data` (Markdown texts go to `/.plan/texts.typ` as
//! content).

use serde::Serialize;

/// The data as JSON for the templates, with break opportunities in very long words of
/// every [`crate::view::Text`] (see [`crate::writers::typst::escape::breakable`]: zero-width
/// spaces, which `document.typ` sets as spacing, so copied text has none). Only texts get
/// them: ids, the keys of the Markdown texts and the other strings templates match on are
/// plain strings in the view, and stay exactly as they are.
pub(super) fn to_json(data: &impl Serialize) -> String {
    crate::view::texts_shown_as(crate::writers::typst::escape::breakable, || {
        serde_json::to_string(data).unwrap_or_default()
    })
}
