//! `plan schema`: JSON Schemas of the plan files for the editor (Taplo, the engine of VS
//! Code's Even Better TOML), so it completes keys, shows what each means and underlines a
//! misspelt one. They are derived from the very serde types that read the files
//! (`load::raw`), so they never say anything the loader does not. Draft 7: the draft
//! Taplo's validator reads.

use std::collections::BTreeSet;
use std::path::Path;

use schemars::generate::SchemaSettings;
use serde_json::{Map, Value};

use crate::diag::{Diagnostic, Diagnostics, codes};
use crate::load::files::{Disk, Entry, Files};
use crate::load::raw;

/// The folder of a plan the schemas are written into, relative to the plan folder.
pub const FOLDER: &str = ".plan/schema";

/// A kind of plan file, with a schema of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `plan.toml`.
    Plan,
    /// `strategy/*.toml`.
    Strategy,
    /// `analysis.toml`.
    Analysis,
    /// `monitoring/<year>.toml`.
    Monitoring,
}

impl Kind {
    pub const ALL: [Kind; 4] = [Kind::Plan, Kind::Strategy, Kind::Analysis, Kind::Monitoring];

    /// Its name on the command line and in the schema's file name.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Plan => "plan",
            Kind::Strategy => "strategy",
            Kind::Analysis => "analysis",
            Kind::Monitoring => "monitoring",
        }
    }

    /// The files of a plan it describes, as the schema's title.
    pub fn files(self) -> &'static str {
        match self {
            Kind::Plan => "plan.toml",
            Kind::Strategy => "strategy/*.toml",
            Kind::Analysis => "analysis.toml",
            Kind::Monitoring => "monitoring/<year>.toml",
        }
    }

    /// The schema's file name in [`FOLDER`].
    pub fn file_name(self) -> String {
        format!("{}.schema.json", self.name())
    }

    /// The first line of a file of this kind: a `#:schema` comment Taplo reads, with the
    /// path relative to the file's own folder (strategy and monitoring files are one
    /// folder down).
    pub fn directive(self) -> String {
        let up = match self {
            Kind::Plan | Kind::Analysis => "",
            Kind::Strategy | Kind::Monitoring => "../",
        };
        format!("#:schema {up}{FOLDER}/{}", self.file_name())
    }
}

/// The JSON Schema of one kind of file.
pub fn schema(kind: Kind) -> Value {
    let mut generator = SchemaSettings::draft07().into_generator();
    let schema = match kind {
        Kind::Plan => generator.root_schema_for::<raw::PlanFile>(),
        Kind::Strategy => generator.root_schema_for::<raw::StrategyFile>(),
        Kind::Analysis => generator.root_schema_for::<raw::AnalysisFile>(),
        Kind::Monitoring => generator.root_schema_for::<raw::MonitoringFile>(),
    };
    let mut value = schema.to_value();
    tidy(&mut value);
    if let Some(root) = value.as_object_mut() {
        root.insert("title".into(), Value::String(kind.files().into()));
    }
    value
}

/// Takes out what a TOML file cannot hold, which would only clutter the editor's
/// completion: `null` (an optional key is simply left out) and Rust's integer formats
/// ("int64"); only the `date` format stays.
fn tidy(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if let Some(Value::Array(types)) = map.get_mut("type") {
                types.retain(|t| t != "null");
                if types.len() == 1 {
                    let only = types.remove(0);
                    map.insert("type".into(), only);
                }
            }
            if let Some(Value::Array(branches)) = map.get_mut("anyOf") {
                branches.retain(|b| b.get("type").and_then(Value::as_str) != Some("null"));
                if branches.len() == 1 {
                    let only = branches.remove(0);
                    map.remove("anyOf");
                    match only {
                        // A reference keeps its own place: in draft 7 a `$ref`'s siblings
                        // (the key's description) would be ignored.
                        Value::Object(only) if !only.contains_key("$ref") => {
                            for (key, value) in only {
                                map.entry(key).or_insert(value);
                            }
                        }
                        only => {
                            map.insert("allOf".into(), Value::Array(vec![only]));
                        }
                    }
                }
            }
            if map.get("format").is_some_and(|f| f != "date") {
                map.remove("format");
            }
            map.values_mut().for_each(tidy);
        }
        Value::Array(items) => items.iter_mut().for_each(tidy),
        _ => {}
    }
}

/// The schema as the file `plan schema` writes: pretty JSON ending in a newline. Made once
/// per process: every check compares the plan's files with it ([`outdated`]), and `plan
/// watch` checks on every save.
pub fn text(kind: Kind) -> &'static str {
    static TEXTS: [std::sync::OnceLock<String>; 4] = [const { std::sync::OnceLock::new() }; 4];
    let index = Kind::ALL.iter().position(|k| *k == kind).unwrap_or(0);
    TEXTS[index].get_or_init(|| {
        let mut text = serde_json::to_string_pretty(&schema(kind)).unwrap_or_default();
        text.push('\n');
        text
    })
}

/// Writes every schema into `<dir>/.plan/schema/`, replacing older ones; returns the paths
/// written, relative to `dir`.
pub fn write(dir: &Path) -> Result<Vec<String>, Box<Diagnostic>> {
    let io = |message: String| Box::new(Diagnostic::error(message).code(codes::IO));
    let folder = dir.join(FOLDER);
    std::fs::create_dir_all(&folder)
        .map_err(|e| io(format!("cannot create `{}`: {e}", folder.display())))?;
    let mut written = Vec::new();
    for kind in Kind::ALL {
        let target = folder.join(kind.file_name());
        std::fs::write(&target, text(kind))
            .map_err(|e| io(format!("cannot write `{}`: {e}", target.display())))?;
        written.push(format!("{FOLDER}/{}", kind.file_name()));
    }
    Ok(written)
}

/// Warns when the editor's schemas in `.plan/schema/` are not this version's: `plan` was
/// updated and the schemas were not, so the editor would complete keys `plan` no longer
/// reads or underline ones it now does. Only the files that are there are compared (a plan
/// without them has chosen not to use them), line endings aside (git may check them out
/// with Windows' line endings).
pub(crate) fn outdated(dir: &Path, diags: &mut Diagnostics) {
    /// Far larger than any schema: a bigger file is not one `plan schema` wrote.
    const LIMIT: u64 = 1 << 20;
    let files = Disk::new(dir);
    let stale = Kind::ALL.into_iter().find_map(|kind| {
        let path = format!("{FOLDER}/{}", kind.file_name());
        let Ok(Entry::File(len)) = files.entry(&path) else {
            return None;
        };
        let same = len <= LIMIT
            && files.read(&path).is_ok_and(|bytes| {
                let bytes: Vec<u8> = bytes.into_iter().filter(|b| *b != b'\r').collect();
                bytes == text(kind).as_bytes()
            });
        (!same).then_some(path)
    });
    if let Some(path) = stale {
        diags.push(
            Diagnostic::warning(format!(
                "the editor's schemas in `{FOLDER}/` are not those of this version of plan"
            ))
            .code(codes::SCHEMA_OUTDATED)
            .about(files.place(&path).display().to_string())
            .hint("run `plan schema` in the plan folder, so that the editor completes and checks the keys this version reads (the `#:schema` line at the top of each plan file names these files)"),
        );
    }
}

/// Every key a file of this kind may have, as its full dotted path: tables and arrays of
/// tables without brackets (`measure.indicator.baseline.year`), a map's key stopping at
/// the map (`measure.funding`), as the reference pages write them. Sorted.
pub fn keys(kind: Kind) -> Vec<String> {
    let schema = schema(kind);
    let empty = Map::new();
    let definitions = schema
        .get("definitions")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    let mut keys = BTreeSet::new();
    walk(&schema, definitions, "", &mut keys);
    keys.into_iter().collect()
}

/// Adds the keys under `schema` (at `prefix`) to `keys`.
fn walk(
    schema: &Value,
    definitions: &Map<String, Value>,
    prefix: &str,
    keys: &mut BTreeSet<String>,
) {
    if let Some(name) = schema
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix("#/definitions/"))
        && let Some(target) = definitions.get(name)
    {
        walk(target, definitions, prefix, keys);
    }
    for branches in ["allOf", "anyOf", "oneOf"] {
        for branch in schema
            .get(branches)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            walk(branch, definitions, prefix, keys);
        }
    }
    if let Some(items) = schema.get("items") {
        walk(items, definitions, prefix, keys);
    }
    for (key, value) in schema
        .get("properties")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        let path = if prefix.is_empty() {
            key.clone()
        } else {
            format!("{prefix}.{key}")
        };
        walk(value, definitions, &path, keys);
        keys.insert(path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_full_dotted_paths() {
        let plan = keys(Kind::Plan);
        for key in [
            "plan",
            "plan.money-decimals",
            "plan.approval.amendment.date",
            "document.annex",
            "group.member.role",
            "higher-goal.title",
            "abbreviations",
            "vision.indicator.baseline.year",
            "monitoring.rule.on-track",
        ] {
            assert!(
                plan.contains(&key.to_string()),
                "{key} missing from {plan:?}"
            );
        }
        let strategy = keys(Kind::Strategy);
        for key in [
            "measure.indicator.baseline.year",
            "priority.indicator.targets",
            "measure.funding",
            "measure.investment-project",
        ] {
            assert!(strategy.contains(&key.to_string()), "{key} missing");
        }
        // A map stops at the map: source ids and years are not keys.
        assert!(!strategy.iter().any(|k| k.starts_with("measure.funding.")));
        assert!(
            !strategy
                .iter()
                .any(|k| k.starts_with("priority.indicator.targets."))
        );
        assert!(keys(Kind::Analysis).contains(&"swot.strengths.id".to_string()));
        assert!(keys(Kind::Analysis).contains(&"scenario.projections".to_string()));
        assert!(keys(Kind::Monitoring).contains(&"measure.spent".to_string()));
    }

    #[test]
    fn directives_point_from_the_files_folder() {
        assert_eq!(
            Kind::Plan.directive(),
            "#:schema .plan/schema/plan.schema.json"
        );
        assert_eq!(
            Kind::Strategy.directive(),
            "#:schema ../.plan/schema/strategy.schema.json"
        );
    }
}
