//! Markdown tables and pictures as a reader sees them: a wide table's columns by content,
//! its rows whole and its header repeated on the pages it continues on, a table on
//! landscape pages, a picture at the width asked for, a PDF picture embedded.

use std::path::Path;

use crate::common::{build_ok, chapter_plan, fixture, page_glyphs, page_sizes, page_texts};

/// The left and right margins of the pages, in points.
const MARGIN: f64 = 2.2 / 2.54 * 72.0;

/// The chapter of 45 wards in 11 columns (text and numbers), with its caption's attributes
/// replaced by `attributes`.
fn wards(attributes: &str) -> String {
    std::fs::read_to_string(fixture("tables/wards.md"))
        .expect("wards.md")
        .replace("{#seniuniju-rodikliai}", attributes)
}

/// Where `word` is first drawn on a page: the x of its first glyph.
fn x_of(glyphs: &[crate::common::Glyph], word: &str) -> Option<f64> {
    let text: String = glyphs.iter().map(|g| g.text.as_str()).collect();
    let at = text.find(word)?;
    Some(glyphs[text[..at].chars().count()].x)
}

#[test]
fn a_wide_table_gives_its_text_columns_the_room() {
    let dir = chapter_plan(&wards("{#seniuniju-rodikliai}"), &[]);
    let out = build_ok(dir.path());
    let pdf = out.path().join("text.pdf");
    let glyphs = page_glyphs(&pdf);
    let width = f64::from(page_sizes(&pdf)[0].0);
    let page = glyphs
        .iter()
        .find(|g| x_of(g, "Antakalnio").is_some())
        .expect("the table's first page");
    // The first row: its name, head of ward and works are the three text columns (the
    // 1st, 10th and 11th); the eight between hold numbers.
    let first = x_of(page, "Antakalnio").expect("first column");
    let head = x_of(page, "Rūta").expect("tenth column");
    let works = x_of(page, "Bendruo").expect("eleventh column");
    let (tenth, eleventh) = (works - head, width - MARGIN - works);
    let equal = (width - 2.0 * MARGIN) / 11.0;
    let first_nine = (head - first) / 9.0;
    assert!(
        first_nine < equal,
        "the first nine columns take {first_nine:.0} pt each, an equal share is {equal:.0}"
    );
    for (name, column) in [("tenth", tenth), ("eleventh", eleventh)] {
        assert!(
            column > 1.3 * equal && column > 1.3 * first_nine,
            "the {name} column (text) is {column:.0} pt, the first nine {first_nine:.0} pt each"
        );
    }
    // Numbers are set flush right: the population's last digits line up.
    let texts = page_texts(&pdf);
    assert!(texts.iter().any(|t| t.contains("29 222")), "{texts:?}");
}

#[test]
fn a_long_table_keeps_its_rows_whole_and_repeats_its_header() {
    let dir = chapter_plan(&wards("{#seniuniju-rodikliai}"), &[]);
    let out = build_ok(dir.path());
    let pdf = out.path().join("text.pdf");
    let doc = lopdf::Document::load(&pdf).expect("PDF parses");
    let rows = crate::pdf::elements(&doc, "TR");
    assert!(rows.len() >= 46, "{} rows", rows.len());
    for (i, (_, pages)) in rows.iter().enumerate() {
        assert_eq!(pages.len(), 1, "row {i} is split over pages {pages:?}");
    }
    // No page holds a lone row of the table (its first two and last two stay together).
    let mut per_page = std::collections::BTreeMap::new();
    for (_, pages) in &rows {
        for page in pages {
            *per_page.entry(*page).or_insert(0) += 1;
        }
    }
    assert!(per_page.len() >= 2, "{per_page:?}");
    assert!(per_page.values().all(|&n| n >= 2), "{per_page:?}");
    // Every page the table continues on repeats its header and says so at the top.
    let texts = page_texts(&pdf);
    let pages: Vec<usize> = per_page.keys().copied().collect();
    for &page in &pages[1..] {
        let text = &texts[page];
        assert!(
            text.contains("1 lentelė (tęsinys)"),
            "page {}: {text}",
            page + 1
        );
        assert!(text.contains("Seniūnas"), "page {}: {text}", page + 1);
    }
    assert!(!texts[pages[0]].contains("(tęsinys)"));
    // The page after the table is not marked.
    if let Some(after) = texts.get(pages[pages.len() - 1] + 1) {
        assert!(!after.contains("(tęsinys)"), "{after}");
    }
}

#[test]
fn landscape_small_and_given_widths() {
    let dir = chapter_plan(
        &wards("{#seniuniju-rodikliai .landscape .small widths=\"3,1,1,1,1,1,1,1,1,3,4\"}"),
        &[],
    );
    let out = build_ok(dir.path());
    let pdf = out.path().join("text.pdf");
    let sizes = page_sizes(&pdf);
    let texts = page_texts(&pdf);
    let table_pages: Vec<usize> = (0..texts.len())
        .filter(|&p| texts[p].contains("seniūnija"))
        .collect();
    assert!(!table_pages.is_empty());
    for &page in &table_pages {
        let (w, h) = sizes[page];
        assert!(w > h, "page {} is {w} × {h}", page + 1);
    }
    // The pages around it stay portrait.
    let (w, h) = sizes[0];
    assert!(w < h);
    let glyphs = page_glyphs(&pdf);
    let page = &glyphs[table_pages[0]];
    let size = page
        .iter()
        .find(|g| g.text == "2")
        .map(|g| g.size)
        .expect("a digit");
    assert!(size < 8.0, "the table is set at {size} pt");
    let width = f64::from(sizes[table_pages[0]].0);
    let first = x_of(page, "Antakalnio").expect("first column");
    let works = x_of(page, "Bendruo").expect("last column");
    // 4 parts of 19 for the last column.
    let last = width - MARGIN - works;
    let expected = (width - 2.0 * MARGIN) * 4.0 / 19.0;
    assert!(
        (last - expected).abs() < 8.0,
        "{last:.0} pt, not {expected:.0}"
    );
    assert!(first < works);
}

/// Where pictures (image XObjects) are drawn on each page: their left edges and widths in
/// points.
fn pictures_drawn(pdf: &Path) -> Vec<Vec<(f64, f64)>> {
    let doc = lopdf::Document::load(pdf).expect("PDF parses");
    let mut pages = Vec::new();
    for (_, id) in doc.get_pages() {
        let content = doc.get_and_decode_page_content(id).expect("page content");
        let mut stack = vec![[1.0, 0.0, 0.0, 1.0, 0.0, 0.0]];
        let mut widths = Vec::new();
        for op in &content.operations {
            let number = |i: usize| op.operands.get(i).and_then(|o| o.as_float().ok());
            match op.operator.as_str() {
                "q" => stack.push(*stack.last().expect("a state")),
                "Q" => {
                    stack.pop();
                }
                "cm" => {
                    let m: Vec<f64> = (0..6)
                        .map(|i| f64::from(number(i).unwrap_or(0.0)))
                        .collect();
                    let c = stack.last_mut().expect("a state");
                    *c = [
                        m[0] * c[0] + m[1] * c[2],
                        m[0] * c[1] + m[1] * c[3],
                        m[2] * c[0] + m[3] * c[2],
                        m[2] * c[1] + m[3] * c[3],
                        m[4] * c[0] + m[5] * c[2] + c[4],
                        m[4] * c[1] + m[5] * c[3] + c[5],
                    ];
                }
                "Do" => {
                    let c = stack.last().expect("a state");
                    widths.push((c[4], (c[0] * c[0] + c[1] * c[1]).sqrt()));
                }
                _ => {}
            }
        }
        pages.push(widths);
    }
    pages
}

#[test]
fn a_picture_takes_the_width_asked_for() {
    let dir = chapter_plan(
        "# Skyrius\n\nTekstas.\n\n![Gyventojai](images/chart.png){#gyventojai-pav width=40%}\n\nTekstas po jo.\n\n![Kaita](images/chart.png){#kaita-pav width=30mm .right}\n\nDaugiau teksto.\n",
        &[],
    );
    let out = build_ok(dir.path());
    let pdf = out.path().join("text.pdf");
    let width = f64::from(page_sizes(&pdf)[0].0) - 2.0 * MARGIN;
    let drawn: Vec<f64> = pictures_drawn(&pdf)
        .into_iter()
        .flatten()
        .map(|(_, w)| w)
        .collect();
    assert!(
        drawn.iter().any(|w| (w - 0.4 * width).abs() < 1.0),
        "{drawn:?}, not {:.1}",
        0.4 * width
    );
    let mm30 = 30.0 / 25.4 * 72.0;
    assert!(drawn.iter().any(|w| (w - mm30).abs() < 1.0), "{drawn:?}");
    let text = crate::common::pdf_text(&pdf);
    assert!(text.contains("1 pav. Gyventojai"), "{text}");
    assert!(!text.contains("width="), "{text}");
}

#[test]
fn a_picture_is_placed_left_centred_or_right() {
    let dir = chapter_plan(
        "# Skyrius\n\nTekstas.\n\n![Kairėje](images/chart.png){#kaire width=30mm .left}\n\n![Centre](images/chart.png){#centre width=40mm}\n\n![Dešinėje](images/chart.png){#desine width=50mm .right}\n",
        &[],
    );
    let out = build_ok(dir.path());
    let pdf = out.path().join("text.pdf");
    let page = f64::from(page_sizes(&pdf)[0].0);
    let drawn: Vec<(f64, f64)> = pictures_drawn(&pdf).into_iter().flatten().collect();
    // Each is known by its width (the order they are drawn in is typst's).
    let mm = |w: f64| w / 25.4 * 72.0;
    let by_width = |width: f64| {
        *drawn
            .iter()
            .find(|(_, w)| (w - mm(width)).abs() < 1.0)
            .unwrap_or_else(|| panic!("no picture {width} mm wide: {drawn:?}"))
    };
    let (left, centre, right) = (by_width(30.0), by_width(40.0), by_width(50.0));
    assert!((left.0 - MARGIN).abs() < 1.0, "{left:?}");
    assert!(
        (centre.0 + centre.1 / 2.0 - page / 2.0).abs() < 1.0,
        "{centre:?}"
    );
    assert!(
        (right.0 + right.1 - (page - MARGIN)).abs() < 1.0,
        "{right:?}"
    );
}

#[test]
fn an_english_plan_marks_continued_tables_so() {
    let dir = chapter_plan(&wards("{#seniuniju-rodikliai}"), &[]);
    let plan_toml = dir.path().join("plan.toml");
    let toml = std::fs::read_to_string(&plan_toml).expect("plan.toml");
    std::fs::write(
        &plan_toml,
        toml.replace("language = \"lt\"", "language = \"en\""),
    )
    .expect("write plan.toml");
    let out = build_ok(dir.path());
    let texts = page_texts(&out.path().join("text.pdf"));
    let continued: Vec<usize> = (0..texts.len())
        .filter(|&p| texts[p].contains("Table 1 (continued)"))
        .collect();
    assert!(!continued.is_empty(), "{texts:?}");
    assert!(continued.iter().all(|&p| texts[p].contains("Seniūnas")));
    assert!(texts.iter().all(|t| !t.contains("tęsinys")), "{texts:?}");
}

#[test]
fn a_pdf_picture_is_embedded() {
    let dir = chapter_plan(
        "# Skyrius\n\nTekstas.\n\n![Stulpelinė diagrama](images/chart.pdf){#diagrama-pav width=50%}\n\n![Antras puslapis](images/chart.pdf){page=2}\n\nTekstas po jų.\n",
        &[],
    );
    std::fs::copy(
        fixture("tables/chart.pdf"),
        dir.path().join("images/chart.pdf"),
    )
    .expect("copy the PDF");
    let out = build_ok(dir.path());
    let pdf = out.path().join("text.pdf");
    let text = crate::common::pdf_text(&pdf);
    assert!(text.contains("1 pav. Stulpelinė diagrama"), "{text}");
    assert!(text.contains("2 pav. Antras puslapis"), "{text}");
    // The PDF's pages are drawn as vector shapes (an SVG made of them: a PDF/A file may
    // not hold another PDF): its three bars and the square are filled shapes on the page.
    let doc = lopdf::Document::load(&pdf).expect("PDF parses");
    let fills: usize = doc
        .get_pages()
        .values()
        .map(|&id| {
            let content = doc.get_and_decode_page_content(id).expect("page content");
            let mut fills = 0;
            let mut forms = Vec::new();
            count_fills(&doc, &content.operations, &mut fills, &mut forms, id);
            fills
        })
        .sum();
    assert!(fills >= 4, "{fills} filled shapes");
}

/// Counts fill operators in a content stream and the form XObjects it draws.
fn count_fills(
    doc: &lopdf::Document,
    operations: &[lopdf::content::Operation],
    fills: &mut usize,
    seen: &mut Vec<lopdf::ObjectId>,
    page: lopdf::ObjectId,
) {
    for op in operations {
        match op.operator.as_str() {
            "f" | "f*" | "F" | "B" | "B*" => *fills += 1,
            "Do" => {
                let Some(name) = op.operands.first().and_then(|o| o.as_name().ok()) else {
                    continue;
                };
                let found = doc.get_page_resources(page).ok().and_then(|(dict, ids)| {
                    let from = |d: &lopdf::Dictionary| {
                        d.get(b"XObject")
                            .ok()
                            .map(|x| crate::common::deref(doc, x))
                            .and_then(|x| x.as_dict().ok())
                            .and_then(|x| x.get(name).ok())
                            .and_then(|r| r.as_reference().ok())
                    };
                    dict.and_then(from).or_else(|| {
                        ids.iter()
                            .find_map(|id| doc.get_dictionary(*id).ok().and_then(from))
                    })
                });
                if let Some(id) = found
                    && !seen.contains(&id)
                {
                    seen.push(id);
                    if let Ok(stream) = doc.get_object(id).and_then(|o| o.as_stream().cloned())
                        && let Ok(content) = stream.decode_content()
                    {
                        count_fills(doc, &content.operations, fills, seen, page);
                    }
                }
            }
            _ => {}
        }
    }
}
