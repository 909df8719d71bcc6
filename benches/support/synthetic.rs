//! Synthetic plans at any scale, made from a real one. "`scale` times the plan in every
//! dimension" means `scale` times its goals, objectives, measures, indicators and chapters,
//! with the priorities kept (a plan has few of them):
//! - every goal is repeated `scale` times in its priority, each copy with copies of the
//!   goal's objectives, and those with copies of their measures (product indicators and
//!   funding included). Copies get ids, codes and titles marked with their number (`-k2`,
//!   " – 2") and point at each other, so ids stay unique and every reference resolves;
//! - every monitoring entry of a copied indicator or measure is copied with it, so the
//!   report covers the copies as it does the originals;
//! - every chapter is repeated `scale` times, each copy a chapter file of its own
//!   (`01-ivadas-k2.md` after `01-ivadas.md`, in the documents' parts) with its heading,
//!   figure and table ids made unique; references keep pointing at the originals.
//!
//! So a 10× plan of the example has 60 goals, 210 objectives, 1,190 measures and ten times
//! its chapters and words, with the example's shape: the same 2 priorities, registries and
//! kinds of reference. Nothing grows as a power of `scale`.
//!
//! Shared by the benchmark (`benches/scale.rs`) and the tests that typeset very large plans.

use std::collections::BTreeSet;
use std::path::Path;

/// What a generated plan holds.
#[derive(Debug, Clone, Copy)]
pub struct Generated {
    pub goals: usize,
    pub objectives: usize,
    pub measures: usize,
    pub chapters: usize,
    pub words: usize,
}

/// Writes a copy of the plan in `source` scaled `scale` times into `out` (created).
pub fn generate(source: &Path, scale: usize, out: &Path) -> std::io::Result<Generated> {
    let scale = scale.max(1);
    copy_dir(source, out)?;
    let mut generated = Generated {
        goals: 0,
        objectives: 0,
        measures: 0,
        chapters: 0,
        words: 0,
    };
    // The ids of what is copied (goals, objectives, measures and their indicators): the
    // monitoring entries that name them are copied too.
    let mut copied = BTreeSet::new();
    for entry in sorted_entries(&source.join("strategy"))? {
        let text = std::fs::read_to_string(&entry)?;
        let mut table: toml::Table = text.parse().map_err(invalid)?;
        // Copies add up to more than the indicative needs said.
        if let Some(toml::Value::Table(priority)) = table.get_mut("priority") {
            priority.remove("need");
        }
        for (kind, count) in [
            ("goal", &mut generated.goals),
            ("objective", &mut generated.objectives),
            ("measure", &mut generated.measures),
        ] {
            if let Some(toml::Value::Array(items)) = table.get_mut(kind) {
                for item in items.iter_mut().filter_map(|i| i.as_table_mut()) {
                    item.remove("need");
                    copied.extend(ids_of(item));
                }
                // Copy after copy of the whole list: goals 1.1–1.3, then their copies 1.4–1.6…
                *items = (1..=scale)
                    .flat_map(|n| items.iter().map(move |item| copy_item(item, n)))
                    .collect();
                *count += items.len();
            }
        }
        let name = entry.file_name().unwrap_or_default();
        let scaled = toml::to_string(&table).map_err(invalid)?;
        std::fs::write(out.join("strategy").join(name), scaled)?;
    }
    if source.join("monitoring").is_dir() {
        for entry in sorted_entries(&source.join("monitoring"))? {
            let text = std::fs::read_to_string(&entry)?;
            let mut table: toml::Table = text.parse().map_err(invalid)?;
            for kind in ["indicator", "measure"] {
                if let Some(toml::Value::Array(items)) = table.get_mut(kind) {
                    let copies: Vec<toml::Value> = (2..=scale)
                        .flat_map(|n| {
                            items
                                .iter()
                                .filter(|i| {
                                    i.get("id")
                                        .and_then(|id| id.as_str())
                                        .is_some_and(|id| copied.contains(id))
                                })
                                .map(move |i| copy_entry(i, n))
                        })
                        .collect();
                    items.extend(copies);
                }
            }
            let name = entry.file_name().unwrap_or_default();
            let scaled = toml::to_string(&table).map_err(invalid)?;
            std::fs::write(out.join("monitoring").join(name), scaled)?;
        }
    }
    // Every chapter's copies, in the order the documents list them.
    let mut chapter_copies: Vec<(String, Vec<String>)> = Vec::new();
    for entry in sorted_entries(&source.join("chapters"))? {
        let text = std::fs::read_to_string(&entry)?;
        let name = entry
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        let stem = name.strip_suffix(".md").unwrap_or(&name).to_string();
        let mut names = vec![format!("chapters/{name}")];
        for n in 1..=scale {
            let copy = with_unique_ids(&text, n);
            generated.words += copy.split_whitespace().count();
            generated.chapters += 1;
            if n > 1 {
                let copy_name = format!("{stem}-k{n}.md");
                std::fs::write(out.join("chapters").join(&copy_name), copy)?;
                names.push(format!("chapters/{copy_name}"));
            }
        }
        chapter_copies.push((format!("chapters/{name}"), names));
    }
    if scale > 1 {
        with_chapter_copies(&out.join("plan.toml"), &chapter_copies)?;
    }
    Ok(generated)
}

/// Lists every chapter's copies right after it, in every document of `plan.toml`.
fn with_chapter_copies(plan_toml: &Path, copies: &[(String, Vec<String>)]) -> std::io::Result<()> {
    let text = std::fs::read_to_string(plan_toml)?;
    let mut table: toml::Table = text.parse().map_err(invalid)?;
    let documents = table
        .get_mut("document")
        .and_then(|d| d.as_array_mut())
        .ok_or_else(|| invalid("plan.toml has no documents"))?;
    for document in documents {
        if let Some(toml::Value::Array(parts)) = document.get_mut("parts") {
            *parts = parts
                .iter()
                .flat_map(|part| {
                    let named = part
                        .as_str()
                        .and_then(|p| copies.iter().find(|(name, _)| name == p));
                    match named {
                        Some((_, names)) => names.iter().map(|n| n.as_str().into()).collect(),
                        None => vec![part.clone()],
                    }
                })
                .collect();
        }
    }
    std::fs::write(plan_toml, toml::to_string(&table).map_err(invalid)?)
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

/// The `n`th copy of a goal, objective or measure: the first is the item itself; later ones
/// get ids (theirs and their indicators'), codes and titles marked with `n`, and name the
/// `n`th copy of their goal or objective.
fn copy_item(item: &toml::Value, n: usize) -> toml::Value {
    let mut copy = item.clone();
    if n == 1 {
        return copy;
    }
    let suffix = |value: Option<&mut toml::Value>, sep: &str| {
        if let Some(toml::Value::String(s)) = value {
            s.push_str(&format!("{sep}{n}"));
        }
    };
    if let toml::Value::Table(table) = &mut copy {
        for key in ["id", "code", "goal", "objective"] {
            suffix(table.get_mut(key), "-k");
        }
        suffix(table.get_mut("title"), " – ");
        if let Some(toml::Value::Array(indicators)) = table.get_mut("indicator") {
            for indicator in indicators.iter_mut().filter_map(|i| i.as_table_mut()) {
                suffix(indicator.get_mut("id"), "-k");
            }
        }
    }
    copy
}

/// The `n`th copy (from 2) of a monitoring entry: the same values for the `n`th copy of its
/// indicator or measure.
fn copy_entry(entry: &toml::Value, n: usize) -> toml::Value {
    let mut copy = entry.clone();
    if let Some(toml::Value::String(id)) = copy.get_mut("id") {
        id.push_str(&format!("-k{n}"));
    }
    copy
}

/// The ids a goal, objective or measure brings: its own and its indicators'.
fn ids_of(item: &toml::Table) -> Vec<String> {
    let indicators = item
        .get("indicator")
        .and_then(|i| i.as_array())
        .into_iter()
        .flatten();
    std::iter::once(item.get("id"))
        .chain(indicators.map(|i| i.get("id")))
        .flatten()
        .filter_map(|id| id.as_str().map(str::to_string))
        .collect()
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
