//! The Word edition's parts about money and the monitoring report (`@action-plan`,
//! `@funding`, `@monitoring-summary`, `@indicator-progress`, `@measure-status`,
//! `@funding-execution`) and the lists of figures and tables, read back from the example
//! plan's Word files and compared with its PDFs.

use std::path::Path;

use crate::common::{build, normalize, pdf_text, render};
use crate::docx::{W, attr, is, parts, style, text, variant, xml};
use plan::Outcome;

/// The example plan's documents `ids`, built as PDF and Word.
fn example(ids: &[&str]) -> tempfile::TempDir {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("plan");
    crate::common::built_as_word(&dir, |o| {
        o.documents = ids.iter().map(|s| s.to_string()).collect();
    })
}

/// Text without its whitespace (the PDF's lines and no-break spaces left out).
fn squash(s: &str) -> String {
    normalize(s)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// What a block of the body is.
#[derive(Debug, Clone, PartialEq)]
enum Kind {
    /// A paragraph, with its style.
    Paragraph(Option<String>),
    /// A table row: a header (repeated on every page), a band (one cell across the
    /// table), a total (a first cell across some columns, then amounts) or a body row.
    Header,
    Band,
    Total,
    Body,
}

/// A paragraph or table row of the body, in order: what it is, the table it is in (its
/// index), its cells' texts, and whether its page is landscape.
#[derive(Debug, Clone)]
struct Block {
    kind: Kind,
    table: Option<usize>,
    cells: Vec<String>,
    /// The bookmarks in it.
    marks: Vec<String>,
    landscape: bool,
}

impl Block {
    fn text(&self) -> String {
        self.cells.join(" ")
    }
}

/// The body's blocks, each with the orientation of the section it is in.
fn blocks(document: &str) -> Vec<Block> {
    let doc = roxmltree::Document::parse(document).expect("document.xml parses");
    let body = doc.descendants().find(|n| is(*n, W, "body")).expect("body");
    let landscape = |sect: roxmltree::Node| {
        sect.descendants()
            .any(|n| is(n, W, "pgSz") && attr(n, W, "orient") == Some("landscape"))
    };
    let marks = |node: roxmltree::Node| -> Vec<String> {
        node.descendants()
            .filter(|n| is(*n, W, "bookmarkStart"))
            .filter_map(|n| attr(n, W, "name").map(String::from))
            .collect()
    };
    let mut out: Vec<Block> = Vec::new();
    let mut section_start = 0;
    let mut tables = 0;
    for node in body.children().filter(|n| n.is_element()) {
        if is(node, W, "p") {
            out.push(Block {
                kind: Kind::Paragraph(style(node)),
                table: None,
                cells: vec![text(node)],
                marks: marks(node),
                landscape: false,
            });
            if let Some(sect) = node.descendants().find(|n| is(*n, W, "sectPr")) {
                let flipped = landscape(sect);
                for b in &mut out[section_start..] {
                    b.landscape = flipped;
                }
                section_start = out.len();
            }
        } else if is(node, W, "tbl") {
            for row in node.children().filter(|n| is(*n, W, "tr")) {
                let cells: Vec<roxmltree::Node> =
                    row.children().filter(|n| is(*n, W, "tc")).collect();
                let spans: Vec<usize> = cells
                    .iter()
                    .map(|c| {
                        c.descendants()
                            .find(|n| is(*n, W, "gridSpan"))
                            .and_then(|n| attr(n, W, "val"))
                            .and_then(|v| v.parse().ok())
                            .unwrap_or(1)
                    })
                    .collect();
                let kind = if row.descendants().any(|n| is(n, W, "tblHeader")) {
                    Kind::Header
                } else if cells.len() == 1 && spans[0] > 1 {
                    Kind::Band
                } else if spans.first().is_some_and(|s| *s > 1) {
                    Kind::Total
                } else {
                    Kind::Body
                };
                out.push(Block {
                    kind,
                    table: Some(tables),
                    cells: cells.iter().map(|c| text(*c)).collect(),
                    marks: marks(row),
                    landscape: false,
                });
            }
            tables += 1;
        } else if is(node, W, "sectPr") {
            let flipped = landscape(node);
            for b in &mut out[section_start..] {
                b.landscape = flipped;
            }
        }
    }
    out
}

/// Finds each of `texts` in `pdf` after the one before; panics naming the first that is
/// not there.
fn in_order(pdf: &str, texts: impl IntoIterator<Item = String>) -> usize {
    let mut at = 0;
    let mut found = 0;
    for t in texts {
        let t = squash(&t);
        if t.is_empty() {
            continue;
        }
        let i = pdf[at..]
            .find(&t)
            .unwrap_or_else(|| panic!("{t} is not in the PDF after {at}: {}", &pdf[at..]));
        at += i + t.len();
        found += 1;
    }
    found
}

#[test]
fn the_action_plan_and_funding_hold_the_pdfs_rows_on_the_pdfs_pages() {
    let out = example(&["veiksmu-planas"]);
    let parts = parts(&out.path().join("veiksmu-planas.docx"));
    let blocks = blocks(&xml(&parts, "word/document.xml"));
    let pdf = squash(&pdf_text(&out.path().join("veiksmu-planas.pdf")));

    // The action plan is the first table, all of it on landscape pages, its header
    // repeated on each; the funding part after it is on portrait pages again.
    let plan: Vec<&Block> = blocks.iter().filter(|b| b.table == Some(0)).collect();
    assert!(
        plan.iter().all(|b| b.landscape),
        "the action plan is landscape"
    );
    // An act's annex: its title in capitals under the mark, in place of the heading.
    let heading = blocks
        .iter()
        .find(|b| b.kind == Kind::Paragraph(Some("AnnexTitle".into())))
        .expect("the annex's title");
    assert_eq!(
        heading.text().replace('\u{a0}', " "),
        "ALYTAUS MIESTO SAVIVALDYBĖS STRATEGINIO PLĖTROS PLANO IKI 2030 METŲ PRIEMONIŲ PLANAS"
    );
    assert!(
        heading.landscape,
        "the heading is on the first landscape page"
    );
    let header = plan[0];
    assert_eq!(header.kind, Kind::Header);
    assert_eq!(
        header.cells,
        [
            "Nr.",
            "Priemonė",
            "Vykdytojas",
            "Partneriai",
            "Laikotarpis",
            "Sąsaja su nacionaliniu ar regioniniu planu",
            "Investicijų projektas",
            "Produkto rodiklis",
            "Mato vnt.",
            "Siektina reikšmė",
            "SB",
            "VB",
            "ES",
            "KT",
            "Iš viso"
        ]
    );
    let funding = blocks
        .iter()
        .find(|b| b.text() == "2. Finansavimas")
        .expect("the funding part");
    assert!(!funding.landscape, "the funding part is portrait");
    // The key to the table's abbreviations (table 1) is on the action plan's pages too.
    assert!(
        blocks
            .iter()
            .filter(|b| b.table.is_some_and(|t| t > 1))
            .all(|b| !b.landscape)
    );

    // Every measure, in the PDF's order, with the rows naming priorities, goals and
    // objectives and the subtotals between them, as the PDF has them.
    // A measure's first row holds its number; the rows below it, one per further product
    // indicator, only that indicator's cells (the measure's span down into them).
    let measures: Vec<&&Block> = plan
        .iter()
        .filter(|b| b.kind == Kind::Body && !b.cells[0].is_empty())
        .collect();
    assert_eq!(measures.len(), 119);
    let found = in_order(
        &pdf,
        plan.iter().map(|b| match b.kind {
            // A further indicator's row: its code.
            Kind::Body if b.cells[0].is_empty() => {
                b.cells[7].split(' ').next().unwrap_or_default().to_string()
            }
            Kind::Body => b.cells[0].clone(),
            _ => b.text(),
        }),
    );
    assert_eq!(found, plan.len());
    // Every product indicator in a row of its own: its name, unit and target in cells of
    // their own, as many rows as the measures have indicators.
    let indicators: Vec<[&str; 3]> = plan
        .iter()
        .filter(|b| b.kind == Kind::Body)
        .map(|b| {
            [
                b.cells[7].as_str(),
                b.cells[8].as_str(),
                b.cells[9].as_str(),
            ]
        })
        .collect();
    assert!(
        indicators.len() > measures.len(),
        "no measure has two indicators"
    );
    assert!(
        indicators
            .iter()
            .all(|[name, unit, target]| name.starts_with("P-")
                && !unit.is_empty()
                && target.ends_with(')')),
        "{indicators:?}"
    );
    assert!(
        indicators
            .iter()
            .any(|[n, u, t]| n.starts_with("P-1.1.1.1-1 ") && *u == "vnt." && *t == "140 (2030)"),
        "{indicators:?}"
    );
    for [name, unit, target] in &indicators {
        for cell in [name, unit, target] {
            assert!(pdf.contains(&squash(cell)), "{cell} is not in the PDF");
        }
    }
    // The links and the investment projects the example marks.
    let row = |number: &str| {
        measures
            .iter()
            .find(|b| b.cells[0] == number)
            .unwrap_or_else(|| panic!("measure {number}"))
    };
    assert_eq!(row("1.1.1.2").cells[5], "NPP-6.2");
    assert_eq!(row("1.1.1.2").cells[6], "–");
    assert_eq!(row("1.1.2.2").cells[6], "Taip");
    // The key: every abbreviation the table shows, with its meaning, as the PDF lists it.
    let key: Vec<&Block> = blocks.iter().filter(|b| b.table == Some(1)).collect();
    assert!(key.iter().all(|b| b.landscape), "the key is landscape");
    let mut pairs: Vec<(String, String)> = Vec::new();
    for half in [0, 2] {
        pairs.extend(
            key.iter()
                .filter(|b| !b.cells[half].is_empty())
                .map(|b| (b.cells[half].clone(), b.cells[half + 1].clone())),
        );
    }
    let ids: Vec<&str> = pairs.iter().map(|(id, _)| id.as_str()).collect();
    for id in ["SB", "VB", "ES", "KT", "SA", "ABS", "NPP-6.2"] {
        assert!(ids.contains(&id), "{id} is not in the key: {ids:?}");
    }
    let from = pdf.find("Santrumpos").expect("the PDF's key");
    for (id, meaning) in &pairs {
        assert!(
            pdf[from..].contains(&squash(&format!("{id} {meaning}"))),
            "{id} {meaning}"
        );
    }
    assert!(
        plan.iter()
            .any(|b| b.kind == Kind::Band
                && normalize(&b.text()) == "1 prioritetas. Patogus miestas")
    );
    let total = plan.last().expect("the plan's total");
    assert_eq!(total.kind, Kind::Total);
    assert_eq!(
        squash(&total.text()),
        squash("Iš viso plane 44 572,5 34 770,0 69 746,0 22 351,0 171 439,5")
    );
    // Each measure's amounts as the PDF writes them.
    for m in &measures {
        for amount in m.cells[10..].iter().filter(|c| !c.is_empty()) {
            assert!(pdf.contains(&squash(amount)), "{amount} of {}", m.cells[0]);
        }
    }
    // References to measures and the items above them link to their numbers here.
    for b in plan
        .iter()
        .filter(|b| matches!(b.kind, Kind::Body | Kind::Band) && !b.cells[0].is_empty())
    {
        assert!(
            b.marks.iter().any(|m| m.starts_with("item_")),
            "{} has no label",
            b.text()
        );
    }

    // The funding part: its captions, and every row of its tables (but the charts'
    // values, which the PDF draws), in the PDF's order.
    let from = heading_at(&blocks, "2. Finansavimas");
    let rest = &blocks[from..];
    let captions: Vec<String> = rest
        .iter()
        .filter(|b| b.kind == Kind::Paragraph(Some("Caption".into())))
        .map(Block::text)
        .collect();
    let expected = [
        "2 lentelė. Finansavimas pagal šaltinius",
        "3 lentelė. Finansavimas pagal prioritetus",
        "1 pav. Finansavimas pagal prioritetus ir šaltinius (tūkst. Eur)",
        "2 pav. Finansavimas pagal metus ir šaltinius (tūkst. Eur)",
        "4 lentelė. Finansavimas pagal metus",
    ];
    assert_eq!(
        captions.iter().map(|c| normalize(c)).collect::<Vec<_>>(),
        expected
    );
    for c in &captions {
        assert!(pdf.contains(&squash(c)), "{c}");
    }
    let charts: Vec<usize> = (1..rest.len())
        .filter(|&i| {
            rest[i].kind == Kind::Paragraph(Some("Caption".into())) && rest[i - 1].table.is_some()
        })
        .map(|i| rest[i - 1].table.unwrap_or_default())
        .collect();
    // Two charts, each the PDF's drawing (SVG with a PNG) and its caption.
    assert!(charts.is_empty(), "{charts:?}");
    let document = xml(&parts, "word/document.xml");
    assert_eq!(document.matches("<asvg:svgBlip").count(), 2);
    let rows = rest
        .iter()
        .filter(|b| b.table.is_some_and(|t| !charts.contains(&t)))
        .map(Block::text);
    assert!(in_order(&pdf, rows) >= 4 + 1 + 3 + 11);
}

/// Where the part headed `title` starts (its heading, not its contents entry).
fn heading_at(blocks: &[Block], title: &str) -> usize {
    blocks
        .iter()
        .position(|b| {
            b.kind == Kind::Paragraph(Some("Heading1".into())) && normalize(&b.text()) == title
        })
        .unwrap_or_else(|| panic!("no part {title}"))
}

/// A status cell's text as the PDF shows it: the PDF draws the mark, the Word file writes
/// it as a character.
fn without_mark(cell: &str) -> String {
    cell.trim_start_matches(['●', '▲', '■', '◉', '○', '–', '\u{a0}'])
        .to_string()
}

#[test]
fn the_reports_parts_hold_the_pdfs_tables() {
    let out = example(&["ataskaita-2024"]);
    let parts = parts(&out.path().join("ataskaita-2024.docx"));
    let blocks = blocks(&xml(&parts, "word/document.xml"));
    let pdf = squash(&pdf_text(&out.path().join("ataskaita-2024.pdf")));

    // The parts' headings and subheadings, titled with the report's year, in the PDF's
    // order.
    let headings: Vec<String> = blocks
        .iter()
        .filter(|b| matches!(&b.kind, Kind::Paragraph(Some(s)) if s.starts_with("Heading")))
        .map(|b| normalize(&b.text()))
        .skip_while(|h| !h.starts_with("2. "))
        .collect();
    assert_eq!(
        headings,
        [
            "2. 2024 m. įgyvendinimo suvestinė",
            "2.1. Stebėsenos rodikliai",
            "2.2. Priemonės",
            "2.3. Finansavimas",
            "3. Rodiklių pasiekimas 2024 m.",
            "3.1. Vizijos rodikliai",
            "3.2. Poveikio rodikliai",
            "3.3. Efekto rodikliai",
            "3.4. Rezultato rodikliai",
            "3.5. Produkto rodikliai",
            "3.6. Rodiklių kaita",
            "4. Priemonių įgyvendinimas 2024 m.",
            "5. Finansavimo panaudojimas 2024 m.",
            "5.1. Panaudojimas pagal šaltinius",
            "5.2. Panaudojimas pagal prioritetus",
        ]
    );
    in_order(&pdf, headings);

    // Captions: the tables' in the PDF's order with the PDF's numbers, the charts'
    // anywhere (figures float in the PDF).
    let captions: Vec<&Block> = blocks
        .iter()
        .filter(|b| b.kind == Kind::Paragraph(Some("Caption".into())))
        .collect();
    let (figures, tables): (Vec<&&Block>, Vec<&&Block>) =
        captions.iter().partition(|b| b.text().contains("pav."));
    assert_eq!(tables.len(), 11);
    assert_eq!(figures.len(), 7);
    in_order(&pdf, tables.iter().map(|b| b.text()));
    for f in &figures {
        assert!(pdf.contains(&squash(&f.text())), "{}", f.text());
    }

    // The tables' rows: the summary's and the execution's whole (one line each in the
    // PDF), the others' numbers, codes, amounts and statuses (their names wrap).
    let chart_tables: Vec<usize> = (1..blocks.len())
        .filter(|&i| {
            blocks[i].kind == Kind::Paragraph(Some("Caption".into()))
                && blocks[i - 1].table.is_some()
        })
        .filter_map(|i| blocks[i - 1].table)
        .collect();
    // The charts are the PDF's drawings (SVG with a PNG), not tables of values.
    assert!(chart_tables.is_empty(), "{chart_tables:?}");
    let document = xml(&parts, "word/document.xml");
    assert_eq!(document.matches("<asvg:svgBlip").count(), 7);
    let start = heading_at(&blocks, "2. 2024 m. įgyvendinimo suvestinė");
    let progress = heading_at(&blocks, "3. Rodiklių pasiekimas 2024 m.");
    let status = heading_at(&blocks, "4. Priemonių įgyvendinimas 2024 m.");
    let execution = heading_at(&blocks, "5. Finansavimo panaudojimas 2024 m.");
    let whole_rows = blocks[start..progress]
        .iter()
        .chain(&blocks[execution..])
        .filter(|b| b.table.is_some() && b.kind != Kind::Header)
        .map(|b| {
            b.cells
                .iter()
                .map(|c| without_mark(c))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>();
    // Indicators by status (and the total), measures by status, the funding summary, and
    // the execution by source (four and the total) and by priority (two and the total).
    assert!(whole_rows.len() >= 4 + 3 + 2 + 5 + 3, "{whole_rows:?}");
    assert_eq!(in_order(&pdf, whole_rows.clone()), whole_rows.len());
    let mut cells = 0;
    for b in blocks[progress..execution]
        .iter()
        .filter(|b| b.kind == Kind::Body && b.table.is_some_and(|t| !chart_tables.contains(&t)))
    {
        let short = [0].into_iter().chain(3..b.cells.len());
        for c in short.filter_map(|i| b.cells.get(i)) {
            let c = without_mark(c);
            // Long statuses and comments wrap in the PDF's narrow columns.
            if !c.is_empty() && c.chars().count() <= 12 {
                assert!(pdf.contains(&squash(&c)), "{c:?} of {:?}", b.cells);
                cells += 1;
            }
        }
    }
    assert!(cells > 1000, "{cells} cells");

    // The measures' statuses on landscape pages, every measure under its objective.
    let landscape: Vec<&Block> = blocks[status..execution]
        .iter()
        .filter(|b| b.table.is_some())
        .collect();
    assert!(landscape.iter().all(|b| b.landscape));
    assert!(
        blocks[..status]
            .iter()
            .chain(&blocks[execution..])
            .all(|b| !b.landscape)
    );
    assert_eq!(
        landscape.iter().filter(|b| b.kind == Kind::Body).count(),
        119
    );
    assert_eq!(landscape[0].kind, Kind::Header);
    in_order(
        &pdf,
        landscape
            .iter()
            .filter(|b| b.kind != Kind::Header)
            .map(|b| b.cells[0].clone()),
    );
}

#[test]
fn the_lists_of_figures_and_tables_are_words_lists_linking_to_every_caption() {
    let dir = variant(
        "\"chapters/analize.md\"]",
        "\"chapters/analize.md\", \"@list-of-figures\", \"@list-of-tables\"]",
    );
    let (out, outcome, sources, diags) = build(dir.path());
    assert!(
        matches!(outcome, Outcome::Built(_)),
        "{}",
        render(&sources, &diags)
    );
    let parts = parts(&out.path().join("planas.docx"));
    let document = xml(&parts, "word/document.xml");
    let doc = roxmltree::Document::parse(&document).expect("document.xml parses");
    let pdf = squash(&pdf_text(&out.path().join("planas.pdf")));
    let paragraphs: Vec<roxmltree::Node> = doc.descendants().filter(|n| is(*n, W, "p")).collect();
    // Each caption, bookmarked, its number Word's own caption number.
    let captions: Vec<(String, String, bool)> = paragraphs
        .iter()
        .filter(|p| style(**p).as_deref() == Some("Caption"))
        .map(|p| {
            let mark = p
                .descendants()
                .find(|n| is(*n, W, "bookmarkStart"))
                .and_then(|n| attr(n, W, "name"))
                .expect("every caption is bookmarked")
                .to_string();
            let field = p
                .descendants()
                .find(|n| is(*n, W, "instrText"))
                .and_then(|n| n.text())
                .unwrap_or_default();
            (text(*p), mark, field.contains("SEQ Table"))
        })
        .collect();
    let listed: Vec<(String, String)> = paragraphs
        .iter()
        .filter(|p| style(**p).as_deref() == Some("TableofFigures"))
        .filter_map(|p| {
            let link = p.descendants().find(|n| is(*n, W, "hyperlink"))?;
            Some((text(link), attr(link, W, "anchor")?.to_string()))
        })
        .collect();
    let of = |table: bool| -> Vec<(String, String)> {
        captions
            .iter()
            .filter(|(_, _, t)| *t == table)
            .map(|(text, mark, _)| (text.clone(), mark.clone()))
            .collect()
    };
    let (tables, figures) = (of(true), of(false));
    assert!(tables.len() >= 2 && !figures.is_empty(), "{captions:?}");
    // The figures' list first, as the document names the parts, then the tables'.
    let expected: Vec<(String, String)> = figures.iter().chain(&tables).cloned().collect();
    assert_eq!(listed, expected);
    for (text, _) in &listed {
        assert!(pdf.contains(&squash(text)), "{text} is not in the PDF");
    }
    for kind in ["Figure", "Table"] {
        assert!(document.contains(&format!(
            "<w:instrText xml:space=\"preserve\"> TOC \\h \\z \\c \"{kind}\" </w:instrText>"
        )));
    }
    // Without a list, captions are as before: no caption numbers of Word's, no bookmarks
    // but for references.
    let out = crate::common::build_ok(&crate::common::fixture("docx"));
    let document = xml(
        &self::parts(&out.path().join("planas.docx")),
        "word/document.xml",
    );
    assert!(!document.contains("SEQ Table") && !document.contains("_Toc_caption"));
}

#[test]
fn an_english_plans_action_plan_and_funding_are_the_pdfs() {
    let out = crate::common::built_as_word(&crate::common::fixture("english"), |_| {});
    for id in ["action-plan", "strategic-plan"] {
        let parts = parts(&out.path().join(format!("{id}.docx")));
        let blocks = blocks(&xml(&parts, "word/document.xml"));
        let pdf = squash(&pdf_text(&out.path().join(format!("{id}.pdf"))));
        // Items named in English order ("Goal 1.1. …"), amounts in English format, and
        // every row of the funding tables, in the PDF's order.
        let rows: Vec<String> = blocks
            .iter()
            .filter(|b| matches!(b.kind, Kind::Band | Kind::Total))
            .map(Block::text)
            .collect();
        assert!(!rows.is_empty(), "{id} has no bands or totals");
        assert_eq!(in_order(&pdf, rows.clone()), rows.len());
        if id == "action-plan" {
            assert!(
                rows.iter()
                    .any(|r| normalize(r) == "Goal 1.1. Improve the air residents breathe"),
                "{rows:?}"
            );
        }
    }
}

#[test]
fn two_landscape_parts_in_a_row_share_their_section() {
    let dir = variant(
        "\"chapters/analize.md\"]",
        "\"chapters/analize.md\", \"@action-plan\", \"@action-plan\"]",
    );
    let (out, outcome, sources, diags) = build(dir.path());
    assert!(
        matches!(outcome, Outcome::Built(_)),
        "{}",
        render(&sources, &diags)
    );
    let document = xml(&parts(&out.path().join("planas.docx")), "word/document.xml");
    let blocks = blocks(&document);
    let headings: Vec<&Block> = blocks
        .iter()
        .filter(|b| {
            b.kind == Kind::Paragraph(Some("Heading1".into()))
                && normalize(&b.text()).ends_with("Priemonių planas")
        })
        .collect();
    assert_eq!(headings.len(), 2);
    assert!(headings.iter().all(|b| b.landscape));
    // One section of landscape pages (no empty portrait one between the parts), the
    // second part going on below the first, as in the PDF (its title repeats the one
    // before: see `part-break` in templates/document.typ).
    let first = document
        .match_indices("<w:pStyle w:val=\"Heading1\"/>")
        .map(|(i, _)| i)
        .find(|&i| {
            let end = document[i..]
                .find("</w:p>")
                .map_or(document.len(), |e| i + e);
            document[i..end].contains("Priemonių planas")
        })
        .expect("the first action plan's heading");
    let after = &document[first..];
    assert_eq!(after.matches("w:orient=\"landscape\"").count(), 1);
    assert_eq!(after.matches("<w:pageBreakBefore/>").count(), 0);
}

/// A document whose first part is landscape has its contents on portrait pages of their
/// own, numbered from 1, the landscape pages going on from them.
#[test]
fn contents_before_a_landscape_part_stay_portrait() {
    let dir = variant(
        "parts = [\"chapters/ivadas.md\"",
        "parts = [\"@action-plan\", \"chapters/ivadas.md\"",
    );
    let (out, outcome, sources, diags) = build(dir.path());
    assert!(
        matches!(outcome, Outcome::Built(_)),
        "{}",
        render(&sources, &diags)
    );
    let document = xml(&parts(&out.path().join("planas.docx")), "word/document.xml");
    let blocks = blocks(&document);
    let contents = blocks
        .iter()
        .find(|b| b.kind == Kind::Paragraph(Some("TOCHeading".into())))
        .expect("the contents");
    assert!(!contents.landscape);
    let heading = blocks
        .iter()
        .find(|b| {
            b.kind == Kind::Paragraph(Some("Heading1".into()))
                && normalize(&b.text()) == "1. Priemonių planas"
        })
        .expect("the action plan");
    assert!(heading.landscape);
    // Numbered from 1 once, from the contents on.
    assert_eq!(document.matches("<w:pgNumType w:start=\"1\"/>").count(), 1);
    let restart = document.find("<w:pgNumType").expect("a restart");
    let toc = document.find("TOCHeading").expect("the contents");
    let plan = document.find("Priemonių planas</w:t>").expect("the plan");
    assert!(toc < restart && restart < document[toc..].find("w:orient").map_or(0, |i| toc + i));
    assert!(plan > toc);
}
