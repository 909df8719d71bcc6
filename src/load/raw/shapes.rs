//! The JSON Schemas of the values read by hand-written visitors in `raw.rs`: each says
//! exactly what its visitor accepts, for the editor help of `plan schema`.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

use super::{Annex, Funding, NamedSwotItem, Number, SwotItem};

/// A year as a map key: TOML keys are strings ("2027"); the loader reads them as years.
pub(crate) fn year_keys(schema: &mut Schema) {
    schema.insert(
        "propertyNames".into(),
        serde_json::json!({ "pattern": "^[0-9]{4}$" }),
    );
}

impl JsonSchema for Number {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> Cow<'static, str> {
        "Number".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        // An integer is a number too; `nan` and `inf` have no JSON form, so none passes.
        json_schema!({ "type": "number" })
    }
}

impl JsonSchema for Annex {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> Cow<'static, str> {
        "Annex".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "anyOf": [
                { "type": "boolean", "description": "`true`: the whole document is an annex." },
                {
                    "type": "array",
                    "items": { "type": "string" },
                    "description": "The parts that are annexes, named as in `parts`, e.g. [\"@action-plan\"]."
                }
            ]
        })
    }
}

impl JsonSchema for Funding {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> Cow<'static, str> {
        "Funding".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "anyOf": [
                { "type": "number", "description": "The amount for the whole period, e.g. 1200." },
                {
                    "type": "object",
                    "propertyNames": { "pattern": "^[0-9]{4}$" },
                    "additionalProperties": { "type": "number" },
                    "description": "Amounts per year, e.g. { 2026 = 200, 2027 = 400 }."
                }
            ]
        })
    }
}

impl JsonSchema for SwotItem {
    fn schema_name() -> Cow<'static, str> {
        "SwotItem".into()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let named = generator.subschema_for::<NamedSwotItem>();
        json_schema!({
            "description": "A SWOT item: its text (inline Markdown), or { id = \"…\", text = \"…\" } when goals name it in `answers`.",
            "anyOf": [
                { "type": "string" },
                named
            ]
        })
    }
}

/// A TOML date (`date = 2025-01-15`), which an editor sees as a string in `date` format.
pub(crate) struct Date;

impl JsonSchema for Date {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "string", "format": "date" })
    }
}
