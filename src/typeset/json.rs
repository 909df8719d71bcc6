//! The view data as typst reads it: JSON served as `/.plan/<document>/data.json`, which the
//! main file hands to the templates as `data` (Markdown texts go to `/.plan/texts.typ` as
//! content).

use std::collections::BTreeMap;

use serde::Serialize;

/// The data as JSON for the templates, with break opportunities in very long words of
/// every text a template sets (see [`crate::writers::typst::escape::breakable`]: zero-width
/// spaces, which `document.typ` sets as spacing, so copied text has none); ids, the keys
/// of the Markdown texts (`texts`, "measure:<id>") and other keys the templates match on
/// are left exactly as they are.
pub fn to_json<T>(data: &impl Serialize, texts: &BTreeMap<String, T>) -> String {
    let mut value = serde_json::to_value(data).unwrap_or_default();
    breakable_texts(&mut value, texts);
    serde_json::to_string(&value).unwrap_or_default()
}

/// Keys whose strings are identifiers or keywords, not text to set: ids and lists of ids
/// the templates match on (`principles`), names of fields.
const VERBATIM_KEYS: &[&str] = &[
    "id",
    "principles",
    "field",
    "contributes",
    "parts",
    "logo",
    "language",
    "kind",
    "status",
    "direction",
    "date-iso",
    "stamp",
];

fn breakable_texts<T>(value: &mut serde_json::Value, texts: &BTreeMap<String, T>) {
    match value {
        serde_json::Value::String(text) if !texts.contains_key(text.as_str()) => {
            if let std::borrow::Cow::Owned(broken) = crate::writers::typst::escape::breakable(text)
            {
                *text = broken;
            }
        }
        serde_json::Value::Array(items) => {
            items
                .iter_mut()
                .for_each(|item| breakable_texts(item, texts));
        }
        serde_json::Value::Object(map) => {
            for (key, item) in map.iter_mut() {
                if !VERBATIM_KEYS.contains(&key.as_str()) {
                    breakable_texts(item, texts);
                }
            }
        }
        _ => {}
    }
}
