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

/// Writes a copy of the plan in `source` (its `data/` datasets the example's) with one more
/// chapter, `chapters/99-duomenys.md`, of `charts` charts and `tables` tables drawn from
/// those datasets, every kind in turn, each with a sentence before it; the chapter joins the
/// first document after its last chapter. What a situation analysis drawn wholly from data
/// costs.
pub fn data_heavy(
    source: &Path,
    charts: usize,
    tables: usize,
    out: &Path,
) -> std::io::Result<Generated> {
    let mut generated = generate(source, 1, out)?;
    // One line per kind, from the example's datasets (see plan/data/).
    const CHARTS: &[&str] = &[
        "](data/gyventojai.csv){#g{n} .bars}",
        "](data/nedarbas.csv){#g{n} .lines x=\"metai\" y=\"savivaldybė|apskritis|Lietuva\"}",
        "](data/amzius.csv){#g{n} .grouped y=\"2011|2021\"}",
        "](data/energija.csv){#g{n} .hbars y=\"suvartojimas\"}",
        "](data/piramide.csv){#g{n} .pyramid y=\"vyrai|moterys\"}",
        "](data/apklausa.csv){#g{n} .diverging y=\"labai nepatenkinti|nepatenkinti|nei patenkinti, nei nepatenkinti|patenkinti|labai patenkinti\"}",
        "](data/apklausa.csv){#g{n} .shares y=\"labai nepatenkinti|nepatenkinti|nei patenkinti, nei nepatenkinti|patenkinti|labai patenkinti\"}",
        "](data/amzius.csv){#g{n} .stacked y=\"2011|2021\"}",
    ];
    const TABLES: &[&str] = &[
        "](data/palyginimas.csv){#t{n} .table columns=\"rodiklis|metai|matas|savivaldybė|apskritis|Lietuva\"}",
        "](data/demografija.csv){#t{n} .table}",
        "](data/gyventojai.csv){#t{n} .table .total}",
        "](data/nedarbas.csv){#t{n} .table .small}",
    ];
    let mut chapter = String::from("# Duomenys\n\n");
    let (mut c, mut t) = (0, 0);
    while c < charts || t < tables {
        // Two charts to a table, interleaved as a situation analysis has them.
        for _ in 0..2 {
            if c < charts {
                c += 1;
                let line = CHARTS[c % CHARTS.len()].replace("{n}", &c.to_string());
                chapter.push_str(&format!(
                    "Rodiklio kaita parodyta [](#g{c}) pav.\n\n![Diagrama Nr. {c}{line}\n\n"
                ));
            }
        }
        if t < tables {
            t += 1;
            let line = TABLES[t % TABLES.len()].replace("{n}", &t.to_string());
            chapter.push_str(&format!(
                "Skaičiai pateikti [](#t{t}) lentelėje.\n\n![Lentelė Nr. {t}{line}\n\n"
            ));
        }
    }
    generated.words += chapter.split_whitespace().count();
    std::fs::write(out.join("chapters/99-duomenys.md"), chapter)?;
    let plan_toml = out.join("plan.toml");
    let text = std::fs::read_to_string(&plan_toml)?;
    let mut table: toml::Table = text.parse().map_err(invalid)?;
    let first = table
        .get_mut("document")
        .and_then(|d| d.as_array_mut())
        .and_then(|d| d.first_mut())
        .and_then(|d| d.get_mut("parts"))
        .and_then(|p| p.as_array_mut())
        .ok_or_else(|| invalid("plan.toml has no document with parts"))?;
    let last_chapter = first
        .iter()
        .rposition(|p| p.as_str().is_some_and(|p| p.starts_with("chapters/")))
        .map_or(0, |i| i + 1);
    first.insert(last_chapter, "chapters/99-duomenys.md".into());
    std::fs::write(&plan_toml, toml::to_string(&table).map_err(invalid)?)?;
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
