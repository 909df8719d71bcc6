//! Nothing runs past the edge of the page: long words, long numbers and very large plans
//! stay inside the text area. Pages are drawn as images and their side margins must be
//! blank (the running header and footer sit inside the text width).

#[path = "../../benches/support/synthetic.rs"]
mod synthetic;

use std::path::Path;

use crate::common::{copy_of_basic, render};
use plan::Outcome;
use plan::typeset::Export;

const DPI: f32 = 30.0;

/// Draws the given documents of a plan and returns the pages that have ink in a side
/// margin, with how far into the margin it reaches.
fn pages_past_the_margins(dir: &Path, documents: &[&str]) -> Vec<String> {
    let (_out, outcome, sources, diags) = crate::common::build_with(dir, |options| {
        options.documents = documents.iter().map(|d| d.to_string()).collect();
        options.export = Export::Png {
            pages: Default::default(),
            dpi: DPI,
        };
    });
    let Outcome::Built(written) = outcome else {
        panic!("{outcome:?}\n{}", render(&sources, &diags));
    };
    let px = |cm: f32| (cm / 2.54 * DPI) as u32;
    let mut bad = Vec::new();
    for path in written.iter().flat_map(|w| &w.paths) {
        let page = image::open(path).expect("a PNG").to_luma8();
        let (width, height) = page.dimensions();
        // The templates' side margins: 2.2 cm on a publication's portrait pages (an act's:
        // 3 cm left, 1.5 cm right), 1.5 cm on the landscape action plan; 1 mm of slack for
        // antialiasing.
        let (margin, right_margin) = if width > height {
            (px(1.4), px(1.4))
        } else {
            (px(2.1), px(1.4))
        };
        let inked = |x: u32| (0..height).any(|y| page.get_pixel(x, y).0[0] < 128);
        let left = (0..margin).filter(|&x| inked(x)).count();
        let right = (width - right_margin..width).filter(|&x| inked(x)).count();
        if left + right > 0 {
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            bad.push(format!(
                "{name}: {left} px into the left margin, {right} into the right"
            ));
        }
    }
    bad
}

#[test]
fn long_words_and_numbers_break_instead_of_running_off_the_page() {
    let dir = copy_of_basic();
    let strategy = dir.path().join("strategy/a-green.toml");
    let toml = std::fs::read_to_string(&strategy).expect("strategy");
    let toml = toml
        .replace(
            "title = \"Install heat pumps in schools\"",
            "title = \"Install heat pumps 12345678901234567890123456789012345678901234567890123456789012345678901234567890\"",
        )
        .replace(
            "name = \"Schools with heat pumps\"",
            "name = \"Schools_with_heat_pumps_and_an_identifier_that_has_no_place_to_break_at_all_anywhere\"",
        );
    assert!(toml.contains("1234567890123456789012345678901234567890"));
    std::fs::write(&strategy, toml).expect("write strategy");
    let chapter = dir.path().join("chapters/analysis.md");
    let mut md = std::fs::read_to_string(&chapter).expect("chapter");
    md.push_str(
        "\nThe register file is Riverton_population_register_extract_2021_final_version_approved_by_the_council.xlsx today.\n\n\
         | Code | Value |\n|---|---|\n| ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNOPQRSTUVWXYZ | 1 |\n",
    );
    std::fs::write(&chapter, md).expect("write chapter");
    let bad = pages_past_the_margins(dir.path(), &[]);
    assert!(bad.is_empty(), "{bad:#?}");
}

/// The example plan at ten times its measures (1,190) and chapters: the action plan's
/// longer numbers ("1.3.3.34"), larger totals and hundred pages stay inside the page.
#[test]
fn a_ten_times_larger_plan_keeps_its_tables_inside_the_page() {
    let dir = tempfile::tempdir().expect("folder");
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("plan");
    let generated = synthetic::generate(&example, 10, dir.path()).expect("generate");
    assert_eq!(generated.measures, 1190);
    let bad = pages_past_the_margins(dir.path(), &["veiksmu-planas"]);
    assert!(bad.is_empty(), "{bad:#?}");
}

/// A higher-level goal with more contributors than a page holds (the 10× plan's national
/// goals have up to sixty) runs on over pages: no contributor is cut off at a page's foot,
/// as one was while every row of the links table was kept whole.
#[test]
fn a_long_row_of_links_runs_on_and_loses_no_contributor() {
    let dir = tempfile::tempdir().expect("folder");
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("plan");
    synthetic::generate(&example, 10, dir.path()).expect("generate");
    let emitted = tempfile::tempdir().expect("folder");
    let (out, outcome, sources, diags) = crate::common::build_with(dir.path(), |options| {
        options.documents = vec!["strateginis-planas".into()];
        options.emit_typst = Some(emitted.path().to_path_buf());
    });
    assert!(
        matches!(outcome, Outcome::Built(_)),
        "{}",
        render(&sources, &diags)
    );
    let data = std::fs::read_to_string(emitted.path().join(".plan/strateginis-planas/data.json"))
        .expect("data.json");
    let data: serde_json::Value = serde_json::from_str(&data).expect("JSON");
    let goals = data["higher-goals"].as_array().expect("higher goals");
    let longest = goals
        .iter()
        .max_by_key(|g| g["contributors"].as_array().map_or(0, Vec::len))
        .expect("a higher goal");
    let contributors = longest["contributors"].as_array().expect("contributors");
    assert!(contributors.len() > 40, "{}", contributors.len());
    let text = crate::common::pdf_text(&out.path().join("strateginis-planas.pdf"));
    // The longest goal's row: from its id in the links table to the next goal's.
    let part = &text[text
        .find("Aukštesnio lygmens plano tikslas Prisidedantys plano tikslai ir priemonės")
        .expect("the links table's header")..];
    let id = |g: &serde_json::Value| g["id"].as_str().expect("id").to_string();
    let start = part.find(&id(longest)).expect("the goal's row");
    let next = goals
        .iter()
        .skip_while(|g| id(g) != id(longest))
        .nth(1)
        .and_then(|g| part[start..].find(&id(g)));
    let row = &part[start..next.map_or(part.len(), |n| start + n)];
    for c in contributors {
        let number = c["number"].as_str().expect("number");
        let title = c["title"].as_str().expect("title");
        assert!(
            crate::common::contains_squashed(row, &format!("{number} {title}")),
            "{number} {title} is missing"
        );
    }
    // And every one of them is drawn on its page: a row kept whole ran on past the page's
    // foot, its text there drawn off the paper (and still in the PDF's text).
    let pdf = out.path().join("strateginis-planas.pdf");
    let texts = crate::common::page_texts(&pdf);
    let glyphs = crate::common::page_glyphs(&pdf);
    for (n, page) in glyphs.iter().enumerate() {
        if !texts[n].contains("Prisidedantys plano tikslai ir priemonės") {
            continue;
        }
        let low = page
            .iter()
            .filter(|g| !g.text.trim().is_empty() && g.y < FOOTER_TOP)
            .count();
        assert_eq!(
            low,
            0,
            "page {}: {low} characters below the text area",
            n + 1
        );
    }
}

/// Text smaller than this is body text or a table; headings are larger.
const HEADING_SIZE: f64 = 10.8;

/// Below this height (points from the page's bottom edge) is the footer.
const FOOTER_TOP: f64 = 45.0;

/// The headings of a PDF that end their page: nothing but headings (and the footer)
/// follows them there, so the reader meets the heading on one page and its text on the
/// next. Read from the PDF: each bookmark's target, and the glyphs drawn below it.
fn stranded_headings(pdf: &Path) -> Vec<String> {
    let doc = lopdf::Document::load(pdf).expect("PDF parses");
    let pages = crate::common::page_glyphs(pdf);
    let targets = crate::pdf::outline_targets(&doc);
    // Not vacuous: the bookmarks lead to headings drawn in heading type where they point.
    assert!(targets.len() >= 5, "{}: {targets:?}", pdf.display());
    for (title, page, top) in &targets {
        assert!(
            pages[*page]
                .iter()
                .any(|g| g.size >= HEADING_SIZE && g.y < *top && g.y > top - 40.0),
            "{}: no heading drawn where {title:?} points",
            pdf.display()
        );
    }
    targets
        .into_iter()
        .filter(|(_, page, top)| {
            !pages[*page].iter().any(|g| {
                g.y < *top && g.y > FOOTER_TOP && g.size < HEADING_SIZE && !g.text.trim().is_empty()
            })
        })
        .map(|(title, page, top)| format!("{title} (page {}, at {top:.0} pt)", page + 1))
        .collect()
}

/// Nothing is stranded, in the example plan (its plan, action plan and report) and in a
/// plan three times its size (whose longer parts put headings and tables in many more
/// places on the page): no heading ends
/// a page, no table of up to three rows is split over two, and no figure stands alone on
/// a page with under five lines of text.
#[test]
fn nothing_is_stranded() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("plan");
    let out = crate::common::build_ok(&example);
    let mut stranded = Vec::new();
    // The report too: its headings were once left at a page's foot ("3.6 Rodiklių kaita").
    for name in [
        "strateginis-planas.pdf",
        "veiksmu-planas.pdf",
        "ataskaita-2024.pdf",
    ] {
        stranded.extend(stranded_headings(&out.path().join(name)));
        stranded.extend(split_small_tables(&out.path().join(name)));
        stranded.extend(lonely_figures(&out.path().join(name)));
    }
    // Not vacuous: the action plan is read as one long table over several pages.
    let doc = lopdf::Document::load(out.path().join("veiksmu-planas.pdf")).expect("PDF");
    let tables = crate::pdf::tables(&doc);
    assert!(
        tables
            .iter()
            .any(|(rows, pages)| *rows > 100 && pages.len() > 3),
        "{tables:?}"
    );
    let dir = tempfile::tempdir().expect("folder");
    synthetic::generate(&example, 3, dir.path()).expect("generate");
    let out = crate::common::build_ok(dir.path());
    for name in [
        "strateginis-planas.pdf",
        "veiksmu-planas.pdf",
        "ataskaita-2024.pdf",
    ] {
        let path = out.path().join(name);
        stranded.extend(
            stranded_headings(&path)
                .into_iter()
                .chain(split_small_tables(&path))
                .chain(lonely_figures(&path))
                .map(|h| format!("3×: {h}")),
        );
    }
    assert!(stranded.is_empty(), "{stranded:#?}");
}

/// Tables of up to three rows under their header that run over two pages.
fn split_small_tables(pdf: &Path) -> Vec<String> {
    let doc = lopdf::Document::load(pdf).expect("PDF parses");
    crate::pdf::tables(&doc)
        .into_iter()
        .filter(|(rows, pages)| *rows <= 4 && pages.len() > 1)
        .map(|(rows, pages)| format!("{}: {rows} rows on pages {pages:?}", pdf.display()))
        .collect()
}

/// A table of three rows at the foot of a page moves to the next one whole, with its
/// caption; a longer one breaks there. The table is tried at every height near the foot.
#[test]
fn a_small_table_is_never_split() {
    let paragraph = "Miesto gyventojų skaičius per dešimtmetį mažėjo, tačiau pastaraisiais metais \
                     jis stabilizavosi, o į miestą ėmė grįžti jaunos šeimos.\n\n";
    let table = "| Rodiklis | 2020 | 2024 |\n|---|--:|--:|\n| Gyventojai | 52 | 50 |\n\
                 | Šeimos | 12 | 13 |\n| Įmonės | 3 | 4 |\n\nTable: Rodikliai {#rodikliai}\n\n";
    let mut split = Vec::new();
    for filler in 16..30 {
        let markdown = format!("# Skyrius\n\n{}{table}", paragraph.repeat(filler));
        let dir = crate::common::chapter_plan(&markdown, &[]);
        let out = crate::common::build_ok(dir.path());
        let pdf = out.path().join("text.pdf");
        let pages = crate::common::page_texts(&pdf);
        // The caption is on the page of the table's first row.
        let caption = pages
            .iter()
            .position(|p| p.contains("1 lentelė. Rodikliai"));
        let first_row = pages.iter().position(|p| p.contains("Gyventojai 52 50"));
        if caption != first_row {
            split.push(format!(
                "{filler}: caption on {caption:?}, first row on {first_row:?}"
            ));
        }
        split.extend(
            split_small_tables(&pdf)
                .into_iter()
                .map(|s| format!("{filler}: {s}")),
        );
    }
    assert!(split.is_empty(), "{split:#?}");
}

/// The funding charts can be read without colour (WCAG 1.4.1): each source's colour, as
/// drawn in the action plan's charts, differs from every other one used by at least 30 of
/// 255 grey levels when the page is printed in grey.
#[test]
fn chart_colours_differ_in_grey() {
    let template = plan::typeset::templates::built_in("charts.typ").expect("charts.typ");
    let line = template
        .lines()
        .find(|l| l.starts_with("#let palette"))
        .expect("the palette");
    let palette: Vec<[u8; 3]> = line
        .split("rgb(\"#")
        .skip(1)
        .map(|rest| {
            let hex = &rest[..6];
            let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).expect("hex");
            [byte(0), byte(2), byte(4)]
        })
        .collect();
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("plan");
    let (out, outcome, sources, diags) = crate::common::build_with(&example, |options| {
        options.documents = vec!["veiksmu-planas".into()];
        options.export = Export::Png {
            pages: Default::default(),
            dpi: 60.0,
        };
    });
    assert!(
        matches!(outcome, Outcome::Built(_)),
        "{}",
        render(&sources, &diags)
    );
    // Pixels of each colour over every page.
    let mut counts = std::collections::HashMap::<[u8; 3], usize>::new();
    for entry in std::fs::read_dir(out.path()).expect("images") {
        let path = entry.expect("image").path();
        if path.extension().is_none_or(|e| e != "png") {
            continue;
        }
        let image = image::open(&path).expect("PNG decodes").to_rgb8();
        for pixel in image.pixels() {
            *counts.entry(pixel.0).or_default() += 1;
        }
    }
    let grey =
        |[r, g, b]: [u8; 3]| 0.2126 * f64::from(r) + 0.7152 * f64::from(g) + 0.0722 * f64::from(b);
    // The example plan has four sources: the first four colours are drawn.
    let used = &palette[..4];
    for colour in used {
        let drawn = counts.get(colour).copied().unwrap_or(0);
        assert!(drawn >= 100, "{colour:?} is drawn on only {drawn} pixels");
    }
    for (i, a) in used.iter().enumerate() {
        for b in &used[i + 1..] {
            let difference = (grey(*a) - grey(*b)).abs();
            assert!(
                difference >= 30.0,
                "{a:?} and {b:?} differ by {difference:.0} grey levels"
            );
        }
    }
}

/// Pages that hold a figure, fewer than five lines of text besides (body text of 10.5 pt,
/// table text of 8.5 pt and headings count; a chart's labels, legend and caption do not)
/// and nothing in their lower half: a figure alone on a nearly empty page. The title page
/// (no page label) is not counted.
fn lonely_figures(pdf: &Path) -> Vec<String> {
    let doc = lopdf::Document::load(pdf).expect("PDF parses");
    let glyphs = crate::common::page_glyphs(pdf);
    let sizes = crate::common::page_sizes(pdf);
    let labels = crate::common::page_labels(pdf);
    let figure_pages: std::collections::BTreeSet<usize> = crate::pdf::elements(&doc, "Figure")
        .into_iter()
        .flat_map(|(_, pages)| pages)
        .collect();
    figure_pages
        .into_iter()
        .filter(|page| !labels[*page].is_empty())
        .filter(|page| {
            let middle = f64::from(sizes[*page].1) / 2.0;
            // The draft watermark (rotated across the page, so of no measured size) is no
            // content.
            let lowest = glyphs[*page]
                .iter()
                .filter(|g| g.y > FOOTER_TOP && !g.text.trim().is_empty())
                .filter(|g| (5.0..30.0).contains(&g.size))
                .map(|g| g.y)
                .fold(f64::INFINITY, f64::min);
            lowest > middle
        })
        .filter(|page| {
            let mut lines: Vec<i64> = glyphs[*page]
                .iter()
                .filter(|g| g.y > FOOTER_TOP && !g.text.trim().is_empty())
                .filter(|g| {
                    (g.size - 10.5).abs() < 0.3
                        || (g.size - 8.5).abs() < 0.2
                        || (g.size >= HEADING_SIZE && g.size < 30.0)
                })
                .map(|g| g.y.round() as i64)
                .collect();
            lines.sort_unstable();
            lines.dedup();
            lines.len() < 5
        })
        .map(|page| format!("{}: page {} holds a figure alone", pdf.display(), page + 1))
        .collect()
}

/// A lead-in ending with ":" stays on the page of the list it opens, wherever the page
/// breaks near it.
#[test]
fn a_lead_in_stays_with_its_list() {
    let paragraph = "Miesto gyventojų skaičius per dešimtmetį mažėjo, tačiau pastaraisiais metais \
                     jis stabilizavosi, o į miestą ėmė grįžti jaunos šeimos.\n\n";
    let mut apart = Vec::new();
    for filler in 16..30 {
        let markdown = format!(
            "# Skyrius\n\n{}Planuojamos šios priemonės:\n\n- pirmoji priemonė;\n- antroji.\n",
            paragraph.repeat(filler)
        );
        let dir = crate::common::chapter_plan(&markdown, &[]);
        let out = crate::common::build_ok(dir.path());
        let pages = crate::common::page_texts(&out.path().join("text.pdf"));
        let lead = pages.iter().position(|p| p.contains("šios priemonės:"));
        let item = pages.iter().position(|p| p.contains("pirmoji priemonė"));
        if lead != item {
            apart.push(format!("{filler}: lead-in on {lead:?}, list on {item:?}"));
        }
    }
    assert!(apart.is_empty(), "{apart:#?}");
}

/// A measure's title in `@strategy` stays on the page of the first line of its text,
/// wherever the page breaks near it.
#[test]
fn a_measure_title_stays_with_its_text() {
    let mut apart = Vec::new();
    for filler in 36..100 {
        let dir = crate::common::chapter_plan("# Skyrius\n\nTekstas.\n", &["@strategy"]);
        let strategy = dir.path().join("strategy/1.toml");
        let toml = std::fs::read_to_string(&strategy).expect("strategy");
        let lines = "Trumpa eilutė apie miestą.\\n\\n".repeat(filler);
        // Long enough to run over a page break.
        let long = "Darbai vyks etapais, pradedant nuo seniausių pastatų. ".repeat(12);
        let toml = toml
            .replace(
                "title = \"Uždavinys\"",
                &format!("title = \"Uždavinys\"\ntext = \"{lines}\""),
            )
            .replace(
                "title = \"Priemonė\"",
                &format!(
                    "title = \"Įrengti šilumos siurblius mokyklose\"\n\
                 text = \"Aprašas prasideda čia: siurbliai šildys dvylika mokyklų ir sumažins \
                 išmetamą anglies dioksido kiekį bei šildymo sąskaitas. {}\"",
                    long
                ),
            );
        std::fs::write(&strategy, toml).expect("write strategy");
        let out = crate::common::build_ok(dir.path());
        let pages = crate::common::page_texts(&out.path().join("text.pdf"));
        let title = pages
            .iter()
            .position(|p| p.contains("Įrengti šilumos siurblius"));
        let text = pages.iter().position(|p| p.contains("Aprašas prasideda"));
        assert!(title.is_some() && text.is_some(), "{pages:#?}");
        if title != text {
            apart.push(format!("{filler}: title on {title:?}, text on {text:?}"));
        }
    }
    assert!(apart.is_empty(), "{apart:#?}");
}

/// Indicator tables give the room to the indicator's name: its column is the widest, over
/// a quarter of the table of nine columns and half as wide again as the data source's,
/// while codes and units take only what they need.
#[test]
fn indicator_names_get_the_room() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("plan");
    let out = crate::common::build_ok(&example);
    let pdf = out.path().join("strateginis-planas.pdf");
    let sizes = crate::common::page_sizes(&pdf);
    let mut tables = 0;
    for (page, glyphs) in crate::common::page_glyphs(&pdf).iter().enumerate() {
        let text: String = glyphs.iter().map(|g| g.text.as_str()).collect();
        // Header cells, each a word drawn at its column's left edge (plus the inset).
        let Some(at) = text.find("KodasRodiklisMato") else {
            continue;
        };
        let start = text[..at].chars().count();
        let x = |offset: usize| glyphs[start + offset].x;
        let (code, name, unit) = (x(0), x("Kodas".len()), x("KodasRodiklis".len()));
        let header: String = text[at..].chars().take(80).collect();
        let source = header
            .find("Duomenų")
            .map(|i| x(header[..i].chars().count()));
        let right = f64::from(sizes[page].0) - 2.2 / 2.54 * 72.0;
        let width = right - code;
        let name_width = unit - name;
        assert!(
            name_width > width * 0.28,
            "page {}: the name column is {name_width:.0} pt of {width:.0}",
            page + 1
        );
        assert!(
            name_width > 2.0 * (name - code),
            "page {}: codes take {:.0} pt",
            page + 1,
            name - code
        );
        if let Some(source) = source {
            assert!(
                name_width > 1.5 * (right - source),
                "page {}: the name column is {name_width:.0} pt, the source's {:.0}",
                page + 1,
                right - source
            );
        }
        tables += 1;
    }
    assert!(tables >= 10, "only {tables} indicator tables found");
}

/// A large picture, wherever the page breaks before it, neither stands alone on a page nor
/// leaves a gap at the foot of the page before: it shrinks to fit the rest of the page, or
/// floats to the top of the next one while the text after it fills this one; at the end of
/// a chapter (no text after it) the paragraphs before it go with it.
#[test]
fn a_large_picture_leaves_no_gap_and_no_lonely_page() {
    let paragraph = "Miesto gyventojų skaičius per dešimtmetį mažėjo, tačiau pastaraisiais metais \
                     jis stabilizavosi, o į miestą ėmė grįžti jaunos šeimos.\n\n";
    let mut wrong = Vec::new();
    for after in [0, 12] {
        for filler in (4..40).step_by(2) {
            let markdown = format!(
                "# Skyrius\n\n{}![Gyventojų skaičiaus kaita](images/chart.png)\n\n{}",
                paragraph.repeat(filler),
                paragraph.repeat(after)
            );
            let dir = crate::common::chapter_plan(&markdown, &["chapters/next.md"]);
            std::fs::write(
                dir.path().join("chapters/next.md"),
                "# Kitas skyrius\n\nTekstas.\n",
            )
            .expect("write chapter");
            let out = crate::common::build_ok(dir.path());
            let pdf = out.path().join("text.pdf");
            let case = format!("{filler} paragraphs, the picture, {after} paragraphs");
            wrong.extend(
                lonely_figures(&pdf)
                    .into_iter()
                    .map(|s| format!("{case}: {s}")),
            );
            // With text after the picture, every page of the chapter but its last is full:
            // its lowest line (of text or of a caption) is within two lines of the bottom
            // margin (2.4 cm). A picture that ends the chapter may take the paragraphs
            // before it along, and leave that gap.
            if after == 0 {
                continue;
            }
            let glyphs = crate::common::page_glyphs(&pdf);
            let chapter_pages = glyphs.len() - 1;
            for (page, glyphs) in glyphs.iter().enumerate().take(chapter_pages - 1).skip(1) {
                let lowest = glyphs
                    .iter()
                    .filter(|g| g.y > FOOTER_TOP && (5.0..30.0).contains(&g.size))
                    .map(|g| g.y)
                    .fold(f64::INFINITY, f64::min);
                if lowest > 68.0 + 30.0 {
                    wrong.push(format!("{case}: page {} ends at {lowest:.0} pt", page + 1));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

/// The benchmark's plan drawn from data (the example with a chapter of 100 charts and 50
/// tables from its datasets) builds without a warning, every chart and table numbered in
/// turn and listed.
#[test]
fn a_hundred_charts_and_fifty_data_tables_build() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("plan");
    let dir = tempfile::tempdir().expect("folder");
    synthetic::data_heavy(&example, 100, 50, dir.path()).expect("generate");
    let (out, outcome, sources, diags) = crate::common::build(dir.path());
    assert!(
        matches!(outcome, plan::Outcome::Built(_)) && diags.iter().next().is_none(),
        "{}",
        crate::common::render(&sources, &diags)
    );
    let text = crate::common::pdf_text(&out.path().join("strateginis-planas.pdf"));
    for caption in ["Diagrama Nr. 100", "Lentelė Nr. 50"] {
        assert!(text.contains(caption), "{caption} missing");
    }
}

/// The note on how amounts for the whole period are spread over the years ("Visam
/// laikotarpiui nurodytos sumos…") never stands alone on a page: it shares its page with the
/// funding by year it explains (its subheading and chart), in the example plan and in the
/// plan `plan init` writes, in both languages (where a first build once left it alone on
/// the last page).
#[test]
fn the_funding_note_stays_with_what_it_explains() {
    let mut lonely = Vec::new();
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("plan");
    let mut plans = vec![(example, "lt")];
    let folder = tempfile::tempdir().expect("folder");
    for language in ["lt", "en"] {
        let dir = folder.path().join(language);
        let status = std::process::Command::new(env!("CARGO_BIN_EXE_plan"))
            .args(["init", dir.to_str().expect("UTF-8"), "--language", language])
            .output()
            .expect("run plan init")
            .status;
        assert!(status.success());
        plans.push((dir, language));
    }
    let mut notes = 0;
    for (dir, language) in &plans {
        let (note, section) = match *language {
            "lt" => (
                "Visam laikotarpiui nurodytos sumos",
                "Finansavimas pagal metus",
            ),
            _ => ("Amounts given for a whole period", "Funding by year"),
        };
        let out = crate::common::build_ok(dir);
        for entry in std::fs::read_dir(out.path()).expect("output") {
            let path = entry.expect("entry").path();
            if path.extension().is_none_or(|e| e != "pdf") {
                continue;
            }
            for (page, text) in crate::common::page_texts(&path).iter().enumerate() {
                if !text.contains(note) {
                    continue;
                }
                notes += 1;
                if !text.contains(section) {
                    lonely.push(format!("{}: page {}: {text}", path.display(), page + 1));
                }
            }
        }
    }
    // Not vacuous: every plan prints the note (the starter's and the example's measures
    // give amounts for their whole period).
    assert!(notes >= plans.len(), "the note is printed {notes} times");
    assert!(lonely.is_empty(), "{lonely:#?}");
}

/// Rows left alone by a page break: a table over several pages whose first page holds one
/// row under its header (at the page's foot), or whose last page holds one row (at its
/// head; often the totals), or a title row (an objective's over its measures) that ends a
/// page, what it titles on the next.
fn lone_rows(pdf: &Path) -> Vec<String> {
    let doc = lopdf::Document::load(pdf).expect("PDF parses");
    let mut lone = Vec::new();
    for rows in crate::pdf::table_rows(&doc) {
        let body: Vec<_> = rows
            .iter()
            .filter(|(head, pages, _)| !head && !pages.is_empty())
            .collect();
        for pair in body.windows(2) {
            let ((_, this, title), (_, next, _)) = (pair[0], pair[1]);
            if *title && next.first() > this.last() {
                lone.push(format!(
                    "{}: page {}: a title row ends the page",
                    pdf.display(),
                    this.last().map_or(0, |p| p + 1)
                ));
            }
        }
        let body: Vec<usize> = rows
            .iter()
            .filter(|(head, pages, _)| !head && !pages.is_empty())
            .filter_map(|(_, pages, _)| pages.first().copied())
            .collect();
        let (Some(&first), Some(&last)) = (body.first(), body.last()) else {
            continue;
        };
        if first == last || body.len() < 3 {
            continue;
        }
        let on = |page: usize| body.iter().filter(|&&p| p == page).count();
        if on(first) == 1 {
            lone.push(format!(
                "{}: page {}: one row at the foot of a {}-row table",
                pdf.display(),
                first + 1,
                body.len()
            ));
        }
        if on(last) == 1 {
            lone.push(format!(
                "{}: page {}: one row at the head, the end of a {}-row table",
                pdf.display(),
                last + 1,
                body.len()
            ));
        }
    }
    lone
}

/// No table leaves one row alone at a page's foot or head (typst has no widow control for
/// table rows; the templates hold the first two rows and the last ones together), nor a
/// title row at a page's foot: in every document of the example plan (its report's
/// indicator tables once left one row at a page's foot, its measures' status table an
/// objective's title), of a `plan init` plan and of a plan three times the example's size.
#[test]
fn no_table_row_stands_alone() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("plan");
    let folder = tempfile::tempdir().expect("folder");
    let starter = folder.path().join("starter");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_plan"))
        .args(["init", starter.to_str().expect("UTF-8")])
        .output()
        .expect("run plan init")
        .status;
    assert!(status.success());
    let larger = folder.path().join("larger");
    synthetic::generate(&example, 3, &larger).expect("generate");
    let mut lone = Vec::new();
    let mut broken = 0;
    for dir in [&example, &starter, &larger] {
        let out = crate::common::build_ok(dir);
        for entry in std::fs::read_dir(out.path()).expect("output") {
            let path = entry.expect("entry").path();
            if path.extension().is_none_or(|e| e != "pdf") {
                continue;
            }
            let doc = lopdf::Document::load(&path).expect("PDF parses");
            // Not vacuous: tables run over pages here.
            broken += crate::pdf::table_rows(&doc)
                .iter()
                .filter(|rows| {
                    let pages: std::collections::BTreeSet<_> = rows
                        .iter()
                        .flat_map(|(_, p, _)| p.iter().copied())
                        .collect();
                    pages.len() > 1
                })
                .count();
            lone.extend(lone_rows(&path));
        }
    }
    assert!(broken >= 5, "only {broken} tables run over pages");
    assert!(lone.is_empty(), "{lone:#?}");
}

/// Every page a table continues on says so in its header: "(tęsinys)", with the table's
/// caption ("Produkto rodikliai (tęsinys)"), number ("8 lentelė (tęsinys)", a Markdown
/// table) or the part's name ("Priemonių planas (tęsinys)"), in
/// every document of the example plan (the report's indicator tables and the plan's
/// generated tables once ran on without it).
#[test]
fn continued_tables_are_marked() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("plan");
    let out = crate::common::build_ok(&example);
    let mut unmarked = Vec::new();
    let mut continued = 0;
    for entry in std::fs::read_dir(out.path()).expect("output") {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|e| e != "pdf") {
            continue;
        }
        let doc = lopdf::Document::load(&path).expect("PDF parses");
        let texts = crate::common::page_texts(&path);
        let mut pages = std::collections::BTreeSet::new();
        for rows in crate::pdf::table_rows(&doc) {
            let on: std::collections::BTreeSet<usize> = rows
                .iter()
                .filter(|(head, _, _)| !head)
                .filter_map(|(_, p, _)| p.first().copied())
                .collect();
            pages.extend(on.into_iter().skip(1));
        }
        for page in pages {
            continued += 1;
            // The header is the page's first line of text.
            let head: String = texts[page].chars().take(120).collect();
            if !head.contains("(tęsinys)") {
                unmarked.push(format!("{}: page {}: {head}", path.display(), page + 1));
            }
        }
    }
    assert!(continued >= 10, "only {continued} continued pages");
    assert!(unmarked.is_empty(), "{unmarked:#?}");
}
