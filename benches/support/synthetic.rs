//! Synthetic plans at any scale, made from a real one: every measure (with its product
//! indicators and funding) is repeated `scale` times under its objective, and every chapter
//! is repeated `scale` times with its heading, figure and table ids made unique. So a 10×
//! plan of the example has 1,190 measures and ten times its words, with the example's
//! shape: the same priorities, goals, objectives, registries and references.
//!
//! Shared by the benchmark (`benches/scale.rs`) and the tests that typeset very large plans.

use std::path::Path;

/// What a generated plan holds.
#[derive(Debug, Clone, Copy)]
pub struct Generated {
    pub measures: usize,
    pub words: usize,
}

/// Writes a copy of the plan in `source` scaled `scale` times into `out` (created).
pub fn generate(source: &Path, scale: usize, out: &Path) -> std::io::Result<Generated> {
    let scale = scale.max(1);
    copy_dir(source, out)?;
    let mut generated = Generated {
        measures: 0,
        words: 0,
    };
    for entry in sorted_entries(&source.join("strategy"))? {
        let text = std::fs::read_to_string(&entry)?;
        let mut table: toml::Table = text.parse().map_err(invalid)?;
        // Copied measures add up to more than the indicative needs said.
        if let Some(toml::Value::Table(priority)) = table.get_mut("priority") {
            priority.remove("need");
        }
        for kind in ["goal", "objective"] {
            if let Some(toml::Value::Array(items)) = table.get_mut(kind) {
                for item in items.iter_mut().filter_map(|i| i.as_table_mut()) {
                    item.remove("need");
                }
            }
        }
        if let Some(toml::Value::Array(measures)) = table.get_mut("measure") {
            *measures = measures
                .iter()
                .flat_map(|measure| (1..=scale).map(move |n| copy_measure(measure, n)))
                .collect();
            generated.measures += measures.len();
        }
        let name = entry.file_name().unwrap_or_default();
        let scaled = toml::to_string(&table).map_err(invalid)?;
        std::fs::write(out.join("strategy").join(name), scaled)?;
    }
    for entry in sorted_entries(&source.join("chapters"))? {
        let text = std::fs::read_to_string(&entry)?;
        let scaled: Vec<String> = (1..=scale).map(|n| with_unique_ids(&text, n)).collect();
        let scaled = scaled.join("\n\n");
        generated.words += scaled.split_whitespace().count();
        let name = entry.file_name().unwrap_or_default();
        std::fs::write(out.join("chapters").join(name), scaled)?;
    }
    Ok(generated)
}

/// The `n`th copy of a measure: the first is the measure itself; later ones get ids (theirs
/// and their indicators'), codes and titles marked with `n`.
fn copy_measure(measure: &toml::Value, n: usize) -> toml::Value {
    let mut copy = measure.clone();
    if n == 1 {
        return copy;
    }
    let suffix = |value: Option<&mut toml::Value>, sep: &str| {
        if let Some(toml::Value::String(s)) = value {
            s.push_str(&format!("{sep}{n}"));
        }
    };
    if let toml::Value::Table(table) = &mut copy {
        suffix(table.get_mut("id"), "-k");
        suffix(table.get_mut("code"), "-k");
        suffix(table.get_mut("title"), " – ");
        if let Some(toml::Value::Array(indicators)) = table.get_mut("indicator") {
            for indicator in indicators.iter_mut().filter_map(|i| i.as_table_mut()) {
                suffix(indicator.get_mut("id"), "-k");
            }
        }
    }
    copy
}

/// The `n`th copy of a chapter: ids in `{#id}` (and `{#id .bars}`) get `-k<n>` after the
/// first copy, so that headings, figures, tables and charts stay unique; references keep
/// pointing at the originals.
fn with_unique_ids(text: &str, n: usize) -> String {
    if n == 1 {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 64);
    let mut rest = text;
    while let Some(start) = rest.find("{#") {
        let (before, after) = rest.split_at(start);
        out.push_str(before);
        // The id ends at the first space (`{#id .bars}`) or at the brace.
        match after.find(['}', ' ']) {
            Some(end) => {
                out.push_str(&after[..end]);
                out.push_str(&format!("-k{n}"));
                rest = &after[end..];
            }
            None => {
                out.push_str(after);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The files of a folder, in name order.
fn sorted_entries(dir: &Path) -> std::io::Result<Vec<std::path::PathBuf>> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    entries.retain(|p| p.is_file());
    entries.sort();
    Ok(entries)
}

/// Copies a plan folder, leaving out its `build/` output.
fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            if entry.file_name() != "build" {
                copy_dir(&entry.path(), &target)?;
            }
        } else {
            std::fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}

fn invalid(e: impl std::fmt::Display) -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidData, e.to_string())
}
