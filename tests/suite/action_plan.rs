//! `@action-plan` as an annex that stands on its own, read from the PDFs: each product
//! indicator's name, unit and target in cells of their own (a row each under its measure),
//! the key to exactly the abbreviations the table shows, and the optional columns (links
//! to higher-level plans, investment projects) only when the plan uses them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::common::{Glyph, build_with, copy_of_basic, fixture, normalize, page_glyphs, pdf_text};
use crate::common::{json_export, render};
use plan::Outcome;

/// The example plan shipped in `plan/`.
fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("plan")
}

/// Builds `documents` of the plan in `dir` (as `groups`' review packs when given).
fn built(dir: &Path, documents: &[&str], groups: &[&str]) -> tempfile::TempDir {
    let (out, outcome, sources, diags) = build_with(dir, |o| {
        o.documents = documents.iter().map(|d| d.to_string()).collect();
        o.groups = groups.iter().map(|g| g.to_string()).collect();
    });
    assert!(
        matches!(outcome, Outcome::Built(_)),
        "{}",
        render(&sources, &diags)
    );
    out
}

/// A page's drawn text without spaces, and for each of its bytes the glyph it is from.
struct Page<'a> {
    text: String,
    owner: Vec<usize>,
    glyphs: &'a [Glyph],
}

impl<'a> Page<'a> {
    fn of(glyphs: &'a [Glyph]) -> Page<'a> {
        let mut text = String::new();
        let mut owner = Vec::new();
        for (i, g) in glyphs.iter().enumerate() {
            // A hyphen drawn with the glyph a hyphenated word's break uses reads as a soft
            // hyphen by the font's map alone (the PDF gives its actual text, which these
            // glyphs do not carry): it is a hyphen here.
            let t: String = g
                .text
                .chars()
                .filter(|c| !c.is_whitespace())
                .map(|c| if c == '\u{ad}' { '-' } else { c })
                .collect();
            owner.extend(std::iter::repeat_n(i, t.len()));
            text.push_str(&t);
        }
        Page {
            text,
            owner,
            glyphs,
        }
    }

    /// The first glyph of `needle`'s first occurrence at or after byte `from`.
    fn find(&self, needle: &str, from: usize) -> Option<(usize, &'a Glyph)> {
        let at = from + self.text.get(from..)?.find(needle)?;
        Some((at, &self.glyphs[self.owner[at]]))
    }

    /// The text drawn on the baseline `y` between `left` and `right`.
    fn between(&self, y: f64, left: f64, right: f64) -> String {
        let mut on: Vec<&Glyph> = self
            .glyphs
            .iter()
            .filter(|g| (g.y - y).abs() < 0.5 && g.x >= left && g.x < right)
            .collect();
        on.sort_by(|a, b| a.x.total_cmp(&b.x));
        on.iter().map(|g| g.text.as_str()).collect::<String>()
    }
}

/// Each product indicator's code, unit and target sit in the columns headed "Produkto
/// rodiklis", "Mato vnt." and "Siektina reikšmė", on the same line; a measure's second
/// indicator is a row of its own below the first.
#[test]
fn product_indicators_have_their_name_unit_and_target_in_cells_of_their_own() {
    let out = built(&example(), &["veiksmu-planas"], &[]);
    let pdf = out.path().join("veiksmu-planas.pdf");
    let pages = page_glyphs(&pdf);
    // (code, unit, the target's first line)
    let expected = [
        ("P-1.1.1.1-1", "vnt.", "140"),
        ("P-1.1.1.3-1", "km", "14"),
        ("P-1.1.1.3-2", "%", "12,0"),
        ("P-1.1.1.4-2", "MWh", "1700"),
    ];
    let mut seen = BTreeMap::new();
    for glyphs in &pages {
        let page = Page::of(glyphs);
        let Some((at, name)) = page.find("Produkto", 0) else {
            continue;
        };
        let (_, unit) = page.find("Mato", at).expect("the unit's header");
        let (after, target) = page.find("Siektina", at).expect("the target's header");
        let (_, first_source) = page.find("SB", after).expect("the first source's header");
        for (code, unit_text, target_text) in expected {
            let Some((_, found)) = page.find(code, after) else {
                continue;
            };
            assert!(
                (found.x - name.x).abs() < 1.0,
                "{code} is not in the indicator's column"
            );
            let squashed = |s: String| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
            let unit_shown = squashed(page.between(found.y, unit.x - 1.0, target.x - 1.0));
            assert!(
                unit_shown.starts_with(unit_text),
                "{code}: the unit cell holds {unit_shown:?}"
            );
            let shown = squashed(page.between(found.y, target.x - 1.0, first_source.x - 1.0));
            assert!(
                shown.starts_with(target_text),
                "{code}: the target cell holds {shown:?}"
            );
            seen.insert(code, (found.x, found.y));
        }
    }
    assert_eq!(seen.len(), expected.len(), "{seen:?}");
    let (first, second) = (seen["P-1.1.1.3-1"], seen["P-1.1.1.3-2"]);
    assert!(
        (first.0 - second.0).abs() < 0.1 && second.1 < first.1,
        "the second indicator is not a row below the first: {first:?} {second:?}"
    );
}

/// Text without whitespace (the PDF's lines and no-break spaces left out).
fn squash(s: &str) -> String {
    normalize(s)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// The key's text in a built action plan: from its title to the funding part after it.
fn key_text(pdf: &Path) -> String {
    let text = squash(&pdf_text(pdf));
    let from = text.find("Santrumpos").expect("the key's title");
    let to = text[from..]
        .find("Finansavimas")
        .map_or(text.len(), |i| from + i);
    text[from..to].to_string()
}

/// The example plan's registries: each institution's, source's and higher-level goal's
/// id with what the key says it stands for.
fn registries() -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(example().join("plan.toml")).expect("plan.toml");
    let toml: toml::Table = toml::from_str(&text).expect("plan.toml parses");
    let mut out = BTreeMap::new();
    for list in ["institution", "source"] {
        for entry in toml[list].as_array().expect(list) {
            out.insert(
                entry["id"].as_str().expect("id").to_string(),
                entry["name"].as_str().expect("name").to_string(),
            );
        }
    }
    for goal in toml["higher-goal"].as_array().expect("higher goals") {
        out.insert(
            goal["id"].as_str().expect("id").to_string(),
            format!(
                "{}: {}",
                goal["document"].as_str().expect("document"),
                goal["title"].as_str().expect("title")
            ),
        );
    }
    out
}

/// The ids the action plan of `group`'s measures (all with `None`) shows: every source,
/// and the institutions and higher-level goals its measures name.
fn shown_ids(group: Option<&str>) -> Vec<String> {
    let json = json_export(&example());
    let mut ids: Vec<String> = json["sources"]
        .as_array()
        .expect("sources")
        .iter()
        .map(|s| s["id"].as_str().expect("id").to_string())
        .collect();
    for m in json["measures"].as_array().expect("measures") {
        if group.is_some_and(|g| m["group"]["id"] != g) {
            continue;
        }
        for list in ["responsible", "partners"] {
            for named in m[list].as_array().expect(list) {
                ids.push(named["id"].as_str().expect("id").to_string());
            }
        }
        for id in m["contributes"].as_array().expect("contributes") {
            ids.push(id.as_str().expect("id").to_string());
        }
    }
    ids.sort();
    ids.dedup();
    ids
}

/// The key under the example's action plan lists every abbreviation its table shows with
/// its meaning, and a working group's pack only those of the group's rows.
#[test]
fn the_key_lists_exactly_the_abbreviations_the_table_shows() {
    let names = registries();
    let out = built(&example(), &["veiksmu-planas"], &[]);
    let key = key_text(&out.path().join("veiksmu-planas.pdf"));
    let all = shown_ids(None);
    assert!(all.iter().any(|id| id.starts_with("NPP-")), "{all:?}");
    for id in &all {
        assert!(
            key.contains(&squash(&format!("{id}{}", names[id]))),
            "{id} is not in the key: {key}"
        );
    }

    let group = "ekonomika";
    let out = built(&example(), &["veiksmu-planas"], &[group]);
    let key = key_text(&out.path().join(format!("veiksmu-planas-{group}.pdf")));
    let mine = shown_ids(Some(group));
    let left_out: Vec<&String> = names.keys().filter(|id| !mine.contains(id)).collect();
    assert!(
        left_out.len() >= 5,
        "the group's rows show almost everything"
    );
    for (id, name) in &names {
        let entry = squash(&format!("{id}{name}"));
        assert_eq!(
            key.contains(&entry),
            mine.contains(id),
            "{id} in the pack's key: {key}"
        );
    }
}

/// The basic plan's measures name no higher-level goal and no investment project: its
/// action plan has neither column. Marking one measure adds both, with its values, and
/// the goal to the key.
#[test]
fn the_optional_columns_appear_only_when_used() {
    let out = built(&fixture("basic"), &["actions"], &[]);
    let text = squash(&pdf_text(&out.path().join("actions.pdf")));
    for header in ["Investmentproject", "Linktonationalorregionalplan"] {
        assert!(!text.contains(header), "{header} in {text}");
    }
    assert!(text.contains("Abbreviations") && text.contains("ADMTownadministration"));
    assert!(!text.contains("NPP-1.1"), "no measure names NPP-1.1");

    let plan = copy_of_basic();
    crate::diff::edit(
        &plan.path().join("strategy/a-green.toml"),
        "id = \"district-heating\"\n",
        "id = \"district-heating\"\ninvestment-project = true\ncontributes = [\"NPP-1.1\"]\n",
    );
    let out = built(plan.path(), &["actions"], &[]);
    let text = squash(&pdf_text(&out.path().join("actions.pdf")));
    for shown in [
        "Investmentproject",
        "Linktonationalorregionalplan",
        "NPP-1.1Yes",
        "NPP-1.1NationalProgressPlan2021–2030:",
    ] {
        assert!(text.contains(shown), "{shown} is not in {text}");
    }
}

/// A measure without a product indicator has a dash across the indicator's three columns,
/// and its amounts stay under their sources, also where it is a row of its own between
/// others (kept whole by its cells, not by a spanning cell): there a cell spanning
/// columns was once made a one-column cell, which moved the row's amounts and failed the
/// build.
#[test]
fn a_measure_without_a_product_indicator_keeps_its_columns() {
    let plan = copy_of_basic();
    crate::diff::edit(
        &plan.path().join("strategy/a-green.toml"),
        "# measure 1.1.2 — funding per year\n",
        "[[measure]]\nid = \"street-lights\"\nobjective = \"cleaner-heating\"\n\
         title = \"Replace street lights\"\nresponsible = [\"ADM\"]\ngroup = \"infra\"\n\
         period = [2022, 2023]\nfunding = { MB = 77.7 }\n\n",
    );
    let out = built(plan.path(), &["actions"], &[]);
    let pages = page_glyphs(&out.path().join("actions.pdf"));
    let page = pages
        .iter()
        .map(|glyphs| Page::of(glyphs))
        .find(|page| page.text.contains("Replacestreetlights"))
        .expect("the new measure's row");
    let (_, indicator) = page.find("Product", 0).expect("the indicator's header");
    let (after, mb) = page.find("MB", 0).expect("the first source's header");
    let (_, eu) = page.find("EU", after).expect("the second source's header");
    let (at, number) = page.find("1.1.2", after).expect("the measure's number");
    let (_, title) = page.find("Replace", at).expect("the measure's title");
    assert!(
        (number.y - title.y).abs() < 0.5,
        "the title is on the number's line"
    );
    let row = |left: f64, right: f64| page.between(number.y, left, right).replace(' ', "");
    assert_eq!(row(indicator.x - 1.0, indicator.x + 20.0), "–");
    assert_eq!(row(mb.x - 30.0, eu.x - 5.0), "77.70");
    assert!(
        row(eu.x - 5.0, f64::MAX).ends_with("77.70"),
        "{}",
        row(0.0, f64::MAX)
    );
}
