//! Charts drawn from datasets (`![…](data/x.csv){#id .bars …}`): numbered figures with
//! their caption, source line and alternative text stating every value; bars measured on
//! the drawn page against the axis ticks; mistakes located at the chapter's line.

use std::path::Path;

use crate::common::{
    Glyph, alts, build_ok, copy_dir, fixture, page_glyphs, page_shapes, page_texts, pdf_text,
    render,
};
use plan::diag::{Diagnostics, Sources};

/// A copy of the `charts` fixture, its chapter replaced by `chapter` when given.
fn charts_plan(chapter: Option<&str>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    copy_dir(&fixture("charts"), dir.path());
    if let Some(chapter) = chapter {
        std::fs::write(dir.path().join("chapters/charts.md"), chapter).expect("write");
    }
    dir
}

#[test]
fn every_kind_is_a_numbered_figure_with_its_source_and_every_value() {
    let dir = charts_plan(None);
    let out = build_ok(dir.path());
    let pdf = out.path().join("charts.pdf");
    let text = pdf_text(&pdf).replace('\u{a0}', " ");
    for expected in [
        "1 pav. Gyventojų skaičius 2011–2021 m., tūkst.",
        "2 pav. Gyventojai 2017–2021 m.",
        "3 pav. Gyventojai nuo 50 tūkst.",
        "4 pav. Registruotas nedarbas, %",
        "5 pav. Nedarbas 2016, 2018 ir 2021 m.",
        "6 pav. Investicijos pagal šaltinį, mln. Eur",
        "7 pav. Gyventojai pagal amžių ir lytį",
        "8 pav. Pasitenkinimas paslaugomis",
        "9 pav. Pasitenkinimas paslaugomis (nuo nepatenkintų iki patenkintų)",
        "Šaltinis: Valstybės duomenų agentūra. Duomenys gauti 2021 m. rugsėjo 15 d.",
        "Šaltinis: Savivaldybės gyventojų apklausa. Apklausta 412 respondentų, 2020 m. kovo 2–20 d.",
        "(žr. 1 pav.)",
    ] {
        assert!(text.contains(expected), "{expected:?} not in:\n{text}");
    }
    // Listed in the list of figures, each under its number.
    let listed = text
        .split("Paveikslų sąrašas")
        .nth(1)
        .expect("a list of figures");
    for expected in [
        "1 pav. Gyventojų skaičius 2011–2021 m., tūkst.",
        "7 pav. Gyventojai pagal amžių ir lytį",
        "9 pav. Pasitenkinimas paslaugomis (nuo nepatenkintų iki patenkintų)",
    ] {
        assert!(
            listed.contains(expected),
            "{expected:?} not listed:\n{listed}"
        );
    }
    let alts = alts(&pdf);
    for expected in [
        "Gyventojų skaičius 2011–2021 m., tūkst.: 2011 m. 59,4; 2012 m. 58,1; 2013 m. 56,8; 2014 m. 55,7; 2015 m. 54,8; 2016 m. 53,9; 2017 m. 52,9; 2018 m. 52,2; 2019 m. 51,8; 2020 m. 51,5; 2021 m. 51,3.",
        "Registruotas nedarbas, %. Alytaus miestas: 2016 m. 12,1 %; 2017 m. 11,3 %",
        "Lietuva: 2016 m. 8,7 %; 2017 m. 8,4 %; 2018 m. 7,9 %; 2019 m. nėra duomenų; 2020 m. 12,6 %; 2021 m. 10,9 %.",
        "Gyventojai pagal amžių ir lytį. Vyrai: 0–14 3 950; 15–29 4 210",
        "Moterys: 0–14 3 770;",
        "Investicijos pagal šaltinį, mln. Eur. savivaldybė: 2022 m. 4,2; 2023 m. 5,1; 2024 m. 4,8. ES: 2022 m. 6,5;",
        "Pasitenkinimas paslaugomis. visiškai nepatenkinti: Viešasis transportas 31 (8 %); Kultūros renginiai 12 (3 %); Gatvių priežiūra 60 (15 %).",
    ] {
        assert!(
            alts.iter().any(|a| a.contains(expected)),
            "no alternative text says {expected:?}: {alts:#?}"
        );
    }
}

/// The text of the glyphs drawn within `near` points of (x, y), read left to right.
fn text_near(glyphs: &[Glyph], x: Option<(f64, f64)>, y: (f64, f64)) -> String {
    let mut found: Vec<&Glyph> = glyphs
        .iter()
        .filter(|g| g.y >= y.0 && g.y <= y.1 && x.is_none_or(|(a, b)| g.x >= a && g.x <= b))
        .collect();
    found.sort_by(|a, b| a.x.total_cmp(&b.x));
    found.iter().map(|g| g.text.as_str()).collect()
}

fn number(text: &str) -> Option<f64> {
    let cleaned: String = text
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == ',' || *c == '−')
        .collect();
    cleaned.replace(',', ".").replace('−', "-").parse().ok()
}

/// The value axis as drawn: each long grid line across (`across`: lines across the page,
/// for bars going up) or up, with the value its tick label says; at least two. An axis
/// drawn both ways from zero (`mirrored`) labels its left half without a minus: those
/// ticks are read as negative.
fn drawn_axis(pdf: &Path, across: bool, mirrored: bool) -> Vec<(f64, f64)> {
    let page = chart_page(pdf);
    let (_, lines) = page_shapes(pdf, page);
    let glyphs = &page_glyphs(pdf)[page as usize - 1];
    let mut ticks = Vec::new();
    for line in lines {
        let (dx, dy) = (line.to.0 - line.from.0, line.to.1 - line.from.1);
        if across && dy.abs() < 0.01 && dx.abs() > 150.0 {
            let (y, left) = (line.from.1, line.from.0.min(line.to.0));
            // The label stands left of the line, centred on it.
            let label = text_near(glyphs, Some((left - 40.0, left)), (y - 6.0, y + 1.0));
            if let Some(v) = number(&label) {
                ticks.push((v, y));
            }
        } else if !across && dx.abs() < 0.01 && dy.abs() > 40.0 {
            let (x, bottom) = (line.from.0, line.from.1.min(line.to.1));
            let label = text_near(
                glyphs,
                Some((x - 12.0, x + 6.0)),
                (bottom - 14.0, bottom - 1.0),
            );
            if let Some(v) = number(&label) {
                ticks.push((v, x));
            }
        }
    }
    if mirrored {
        let zero = ticks
            .iter()
            .find(|t| t.0 == 0.0)
            .map(|t| t.1)
            .expect("a zero tick");
        for tick in &mut ticks {
            if tick.1 < zero - 0.5 {
                tick.0 = -tick.0;
            }
        }
    }
    ticks.sort_by(|a, b| a.0.total_cmp(&b.0));
    ticks.dedup_by(|a, b| a.0 == b.0);
    assert!(ticks.len() >= 2, "no labelled grid lines found: {ticks:?}");
    ticks
}

/// The value at position `at` on an axis drawn as `ticks` (value, position).
fn value_at(ticks: &[(f64, f64)], at: f64) -> f64 {
    let (first, last) = (ticks[0], ticks[ticks.len() - 1]);
    // Every tick lies on the one straight scale.
    for (v, p) in ticks {
        let expected = first.1 + (v - first.0) / (last.0 - first.0) * (last.1 - first.1);
        assert!(
            (p - expected).abs() < 0.5,
            "tick {v} at {p}, not at {expected}"
        );
    }
    first.0 + (at - first.1) / (last.1 - first.1) * (last.0 - first.0)
}

/// The page (from 1) the chart's caption is on.
fn chart_page(pdf: &Path) -> u32 {
    let pages = page_texts(pdf);
    let at = pages
        .iter()
        .position(|p| p.contains("1 pav."))
        .expect("a page with the chart");
    at as u32 + 1
}

/// The bars of the palette's first colour (#142e45) on the chart's page.
fn bars(pdf: &Path) -> Vec<crate::common::Filled> {
    let (filled, _) = page_shapes(pdf, chart_page(pdf));
    let bars: Vec<_> = filled
        .into_iter()
        .filter(|f| {
            (f.fill[0] - 0x14 as f64 / 255.0).abs() < 0.01
                && (f.fill[1] - 0x2e as f64 / 255.0).abs() < 0.01
                && (f.fill[2] - 0x45 as f64 / 255.0).abs() < 0.01
        })
        .collect();
    assert!(!bars.is_empty(), "no bars drawn");
    bars
}

fn one_chart(markdown: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = charts_plan(Some(&format!(
        "# Diagrama\n\nTekstas.\n\n{markdown}\n\nDaugiau teksto.\n"
    )));
    let out = build_ok(dir.path());
    let pdf = out.path().join("charts.pdf");
    (out, pdf)
}

#[test]
fn vertical_bars_end_at_their_values_on_the_drawn_axis() {
    let (_out, pdf) = one_chart("![Gyventojai](data/gyventojai.csv){#diagrama .bars}");
    let ticks = drawn_axis(&pdf, true, false);
    assert_eq!(ticks.first().map(|t| t.0), Some(0.0), "{ticks:?}");
    let bars = bars(&pdf);
    assert_eq!(bars.len(), 11);
    let tallest = bars
        .iter()
        .max_by(|a, b| a.y1.total_cmp(&b.y1))
        .expect("a bar");
    let (top, bottom) = (value_at(&ticks, tallest.y1), value_at(&ticks, tallest.y0));
    assert!((top - 59.4).abs() < 0.2, "the bar of 59,4 ends at {top}");
    assert!(
        bottom.abs() < 0.2,
        "the bar starts at {bottom}, not at zero"
    );
    let shortest = bars
        .iter()
        .min_by(|a, b| a.y1.total_cmp(&b.y1))
        .expect("a bar");
    let top = value_at(&ticks, shortest.y1);
    assert!((top - 51.3).abs() < 0.2, "the bar of 51,3 ends at {top}");
}

#[test]
fn horizontal_bars_end_at_their_values_on_the_drawn_axis() {
    let (_out, pdf) =
        one_chart("![Gyventojai](data/gyventojai.csv){#diagrama .hbars rows=\"2017..2021\"}");
    let ticks = drawn_axis(&pdf, false, false);
    let bars = bars(&pdf);
    assert_eq!(bars.len(), 5);
    let longest = bars
        .iter()
        .max_by(|a, b| a.x1.total_cmp(&b.x1))
        .expect("a bar");
    let (end, start) = (value_at(&ticks, longest.x1), value_at(&ticks, longest.x0));
    assert!((end - 52.9).abs() < 0.2, "the bar of 52,9 ends at {end}");
    assert!(start.abs() < 0.2, "the bar starts at {start}, not at zero");
}

#[test]
fn bars_from_above_zero_start_at_the_broken_axis() {
    let (_out, pdf) = one_chart(
        "![Gyventojai](data/gyventojai.csv){#diagrama .bars from=50 rows=\"2016..2021\"}",
    );
    let ticks = drawn_axis(&pdf, true, false);
    assert_eq!(ticks.first().map(|t| t.0), Some(50.0), "{ticks:?}");
    let bars = bars(&pdf);
    let tallest = bars
        .iter()
        .max_by(|a, b| a.y1.total_cmp(&b.y1))
        .expect("a bar");
    let (top, bottom) = (value_at(&ticks, tallest.y1), value_at(&ticks, tallest.y0));
    assert!((top - 53.9).abs() < 0.05, "the bar of 53,9 ends at {top}");
    assert!(
        (bottom - 50.0).abs() < 0.05,
        "the bar starts at {bottom}, not at 50"
    );
    // The break is drawn on every bar: a white band across each.
    let (filled, _) = page_shapes(&pdf, chart_page(&pdf));
    let bands = filled
        .iter()
        .filter(|f| f.fill.iter().all(|c| *c > 0.99) && (f.y1 - f.y0) < 4.0)
        .filter(|f| {
            bars.iter()
                .any(|b| f.x0 <= b.x0 && f.x1 >= b.x1 && f.y0 > b.y0 && f.y1 < b.y1)
        })
        .count();
    assert!(
        bands >= bars.len(),
        "{bands} breaks drawn on {} bars",
        bars.len()
    );
}

/// The bars of a chart across, by row from the top: each filled shape as tall as a bar
/// (legend swatches are smaller), left and right edge.
fn rows_of_bars(pdf: &Path) -> Vec<Vec<(f64, f64)>> {
    let (filled, _) = page_shapes(pdf, chart_page(pdf));
    let mut rows: Vec<(f64, Vec<(f64, f64)>)> = Vec::new();
    for f in filled
        .iter()
        .filter(|f| (f.y1 - f.y0) > 8.0 && (f.y1 - f.y0) < 14.0)
    {
        match rows.iter_mut().find(|(y, _)| (y - f.y1).abs() < 0.5) {
            Some((_, row)) => row.push((f.x0, f.x1)),
            None => rows.push((f.y1, vec![(f.x0, f.x1)])),
        }
    }
    rows.sort_by(|a, b| b.0.total_cmp(&a.0));
    rows.into_iter().map(|(_, row)| row).collect()
}

#[test]
fn shares_fill_the_axis_and_diverging_bars_split_at_zero() {
    let (_out, pdf) = one_chart("![Paslaugos](data/apklausa.csv){#diagrama .shares}");
    let ticks = drawn_axis(&pdf, false, false);
    let rows = rows_of_bars(&pdf);
    assert_eq!(rows.len(), 3, "{rows:?}");
    for row in &rows {
        assert_eq!(row.len(), 5, "{row:?}");
        let left = row.iter().map(|s| s.0).fold(f64::INFINITY, f64::min);
        let right = row.iter().map(|s| s.1).fold(f64::NEG_INFINITY, f64::max);
        let (from, to) = (value_at(&ticks, left), value_at(&ticks, right));
        assert!(
            from.abs() < 0.3 && (to - 100.0).abs() < 0.3,
            "a row from {from} to {to}"
        );
    }
    let (_out, pdf) = one_chart("![Paslaugos](data/apklausa.csv){#diagrama .diverging}");
    let ticks = drawn_axis(&pdf, false, true);
    let rows = rows_of_bars(&pdf);
    // Viešasis transportas: 31, 72, 96 (half each side), 150, 63 of 412 answers.
    let first = &rows[0];
    let left = first.iter().map(|s| s.0).fold(f64::INFINITY, f64::min);
    let right = first.iter().map(|s| s.1).fold(f64::NEG_INFINITY, f64::max);
    let (from, to) = (value_at(&ticks, left), value_at(&ticks, right));
    let negative = -(31.0 + 72.0 + 48.0) / 412.0 * 100.0;
    let positive = (48.0 + 150.0 + 63.0) / 412.0 * 100.0;
    assert!(
        (from - negative).abs() < 0.3,
        "the negative answers reach {from}, not {negative}"
    );
    assert!(
        (to - positive).abs() < 0.3,
        "the positive answers reach {to}, not {positive}"
    );
    // An agreement scale's colours: the most negative answer dark rust, the most positive
    // the plan's dark blue, the neutral one grey.
    let (filled, _) = page_shapes(&pdf, chart_page(&pdf));
    let bars: Vec<_> = filled
        .iter()
        .filter(|f| (f.y1 - f.y0) > 8.0 && (f.y1 - f.y0) < 14.0)
        .collect();
    let is = |f: &&crate::common::Filled, rgb: [u8; 3]| {
        f.fill
            .iter()
            .zip(rgb)
            .all(|(c, e)| (c - f64::from(e) / 255.0).abs() < 0.01)
    };
    let leftmost = bars
        .iter()
        .min_by(|a, b| a.x0.total_cmp(&b.x0))
        .expect("bars");
    let rightmost = bars
        .iter()
        .max_by(|a, b| a.x1.total_cmp(&b.x1))
        .expect("bars");
    assert!(is(leftmost, [0x8c, 0x3b, 0x0c]), "{:?}", leftmost.fill);
    assert!(is(rightmost, [0x1f, 0x4e, 0x79]), "{:?}", rightmost.fill);
}

/// What `plan check` says of the fixture with this chart in its chapter.
fn check_chart(markdown: &str) -> String {
    let dir = charts_plan(Some(&format!("# Diagrama\n\n{markdown}\n\nTekstas.\n")));
    let mut sources = Sources::default();
    let mut diags = Diagnostics::default();
    plan::check(dir.path(), &mut sources, &mut diags);
    let root = dir.path().display().to_string();
    render(&sources, &diags).replace(&root, "<plan>")
}

#[test]
fn mistakes_in_charts_are_located() {
    let cases = [
        (
            "chart_unknown_column",
            "![G](data/gyventojai.csv){.bars y=\"gyventoja\"}",
        ),
        (
            "chart_unknown_x",
            "![G](data/nedarbas.csv){.lines x=\"meta\"}",
        ),
        (
            "chart_unknown_row",
            "![G](data/gyventojai.csv){.bars rows=\"2011..2031\"}",
        ),
        (
            "chart_backward_range",
            "![G](data/gyventojai.csv){.bars rows=\"2021..2011\"}",
        ),
        (
            "chart_labels_count",
            "![G](data/nedarbas.csv){.lines labels=\"A|B\"}",
        ),
        ("chart_pyramid_series", "![G](data/nedarbas.csv){.pyramid}"),
        (
            "chart_from_above_values",
            "![G](data/gyventojai.csv){.bars from=55}",
        ),
        ("chart_two_kinds", "![G](data/gyventojai.csv){.bars .lines}"),
        (
            "chart_text_column",
            "![G](data/amzius.csv){.bars y=\"grupė\" x=\"vyrai\"}",
        ),
        (
            "chart_empty",
            "![G](data/nedarbas.csv){.bars y=\"Lietuva\" rows=\"2019\"}",
        ),
        ("chart_undeclared_file", "![G](data/nera.csv){.bars}"),
        // "Did you mean" never suggests a column `y` names already.
        (
            "chart_unknown_y_beside_a_named_one",
            "![G](data/islaidos.csv){.stacked y=\"savivaldybė|savivaldybės\"}",
        ),
    ];
    for (name, markdown) in cases {
        let text = check_chart(markdown);
        assert!(
            text.contains("chapters/charts.md:3"),
            "{name}: not located:\n{text}"
        );
        insta::assert_snapshot!(name, text);
    }
}

#[test]
fn a_negative_share_is_reported() {
    let dir = charts_plan(None);
    let csv = dir.path().join("data/apklausa.csv");
    let text = std::fs::read_to_string(&csv)
        .expect("read")
        .replace(";31;", ";-31;");
    std::fs::write(&csv, text).expect("write");
    let mut sources = Sources::default();
    let mut diags = Diagnostics::default();
    plan::check(dir.path(), &mut sources, &mut diags);
    let root = dir.path().display().to_string();
    let text = render(&sources, &diags).replace(&root, "<plan>");
    insta::assert_snapshot!("chart_negative_share", text);
}

#[test]
fn diff_compares_a_chart_by_its_values() {
    use crate::diff::git;
    let root = tempfile::tempdir().expect("repository");
    copy_dir(&fixture("charts"), &root.path().join("plan"));
    git(root.path(), &["init", "-q", "-b", "main"]);
    git(root.path(), &["add", "-A"]);
    git(root.path(), &["commit", "-q", "-m", "First"]);
    let csv = root.path().join("plan/data/gyventojai.csv");
    let text = std::fs::read_to_string(&csv)
        .expect("read")
        .replace("2021;51,3", "2021;51,0");
    std::fs::write(&csv, text).expect("write");
    let md = root.path().join("plan/chapters/charts.md");
    let text = std::fs::read_to_string(&md)
        .expect("read")
        .replace("rows=\"2017..2021\"", "rows=\"2019..2021\"");
    std::fs::write(&md, text).expect("write");
    let text = crate::diff::plan_diff(root.path(), &["plan"]);
    // The chart's values as the text writer gives them: the rows left out are deleted.
    assert!(text.contains("2017 52,9"), "{text}");
    // From the first section: the heading names a commit, which differs from run to run.
    let sections = text
        .split_once("Duomenų rinkiniai")
        .map_or(&*text, |(_, s)| s);
    insta::assert_snapshot!("chart_diff", sections);
}

#[test]
fn survey_mistakes_are_located() {
    let dir = charts_plan(None);
    let toml = dir.path().join("data/apklausa.toml");
    let text = std::fs::read_to_string(&toml)
        .expect("read")
        .replace("respondents = 412", "respondents = 0")
        .replace("to = 2020-03-20", "to = 2020-02-20");
    std::fs::write(&toml, text).expect("write");
    let mut sources = Sources::default();
    let mut diags = Diagnostics::default();
    plan::check(dir.path(), &mut sources, &mut diags);
    let root = dir.path().display().to_string();
    let text = render(&sources, &diags).replace(&root, "<plan>");
    insta::assert_snapshot!("survey_mistakes", text);
}

/// An English plan's chart: "Figure N", English numbers and dates, years without "m.".
#[test]
fn an_english_plan_draws_its_charts_in_english() {
    let dir = charts_plan(None);
    let toml = dir.path().join("plan.toml");
    let text = std::fs::read_to_string(&toml)
        .expect("read")
        .replace("language = \"lt\"", "language = \"en\"");
    std::fs::write(&toml, text).expect("write");
    let out = build_ok(dir.path());
    let pdf = out.path().join("charts.pdf");
    let text = pdf_text(&pdf).replace('\u{a0}', " ");
    for expected in [
        "Figure 1. Gyventojų skaičius 2011–2021 m., tūkst.",
        "412 respondents surveyed, 2–20 March 2020.",
        "15 September 2021",
    ] {
        assert!(text.contains(expected), "{expected:?} not in:\n{text}");
    }
    let alts = alts(&pdf);
    let expected = "tūkst.: 2011 59.4; 2012 58.1;";
    assert!(
        alts.iter().any(|a| a.contains(expected)),
        "no alternative text says {expected:?}: {alts:#?}"
    );
    let expected = "Viešasis transportas 31 (8 %)";
    assert!(
        alts.iter().any(|a| a.contains(expected)),
        "no alternative text says {expected:?}: {alts:#?}"
    );
}

#[test]
fn the_json_export_carries_a_surveys_sample_and_fieldwork() {
    let dir = charts_plan(None);
    let json = crate::common::json_export(dir.path());
    let datasets = json["datasets"].as_array().expect("datasets");
    let survey = datasets
        .iter()
        .find(|d| d["id"] == "apklausa")
        .map(|d| &d["survey"])
        .expect("the survey dataset");
    assert_eq!(
        *survey,
        serde_json::json!({"respondents": 412, "from": "2020-03-02", "to": "2020-03-20"})
    );
    let people = datasets
        .iter()
        .find(|d| d["id"] == "gyventojai")
        .expect("gyventojai");
    assert!(people.get("survey").is_none(), "{people}");
}
