//! Tables from datasets (`![Caption](data/gyventojai.csv){#id .table …}`) as a reader sees
//! them: numbered and listed with the other tables, referenced by number, the cells as
//! facts show them, a total row, the source line under the table; a long wide one on
//! landscape pages with its rows whole and its header repeated; every mistake in what the
//! attributes name located at the chapter's line.

use std::fmt::Write as _;
use std::path::Path;

use crate::common::{build_ok, check, copy_dir, fixture, page_sizes, page_texts, pdf_text};

/// A copy of the `data-tables` fixture.
fn tables_plan() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    copy_dir(&fixture("data-tables"), dir.path());
    dir
}

/// Leaves out a dataset (its TOML and its file).
fn remove(dir: &Path, id: &str, file: &str) {
    std::fs::remove_file(dir.join(format!("data/{id}.toml"))).expect("remove");
    std::fs::remove_file(dir.join("data").join(file)).expect("remove");
}

fn write(dir: &Path, file: &str, text: &str) {
    std::fs::write(dir.join(file), text).expect("write");
}

/// What `plan check` prints, the temporary folder's path left out.
/// The text between `from` and the next `to` after it.
fn between<'t>(text: &'t str, from: &str, to: &str) -> &'t str {
    let start = text
        .find(from)
        .unwrap_or_else(|| panic!("{from:?} not in:\n{text}"));
    let rest = &text[start..];
    let end = rest
        .find(to)
        .unwrap_or_else(|| panic!("{to:?} not after {from:?}:\n{rest}"));
    &rest[..end + to.len()]
}

#[test]
fn a_table_from_data_is_numbered_listed_and_sourced() {
    let dir = tables_plan();
    assert_eq!(check(dir.path()), "");
    let out = build_ok(dir.path());
    let pdf = out.path().join("text.pdf");
    let text = pdf_text(&pdf);
    // References give the tables' numbers.
    assert!(
        text.contains("pateiktos 1 lentelėje, gyventojų skaičius – 2 lentelėje."),
        "{text}"
    );
    // The chosen columns under their headers, the numbers grouped with the column's
    // decimals, the total, then the source line.
    let first = between(&text, "1 lentelė. Biudžeto", "Patvirtintas biudžetas.");
    assert_eq!(
        first,
        "1 lentelė. Biudžeto išlaidos pagal sritį, tūkst. Eur Sritis Suma Švietimas 12 345,25 \
         Socialinė apsauga 8 000,50 Kultūra 654,25 Iš viso 21 000,00 Šaltinis: Alytaus miesto \
         savivaldybės administracija. Patvirtintas biudžetas."
    );
    // `rows="2016..2021"`: 2011 left out; per cents with the sign; an empty text cell blank.
    let second = between(&text, "2 lentelė.", "rugsėjo 15 d.");
    assert_eq!(
        second,
        "2 lentelė. Gyventojų skaičius, tūkst. Metai Gyventojai Dalis Pastaba 2016 56,4 9,85 % \
         2021 51,8 8,90 % naujausi Šaltinis: Valstybės duomenų agentūra. Duomenys gauti \
         2021 m. rugsėjo 15 d."
    );
    // Without a description the dataset's title is the caption; every column is shown.
    let third = between(&text, "3 lentelė.", "Šaltinis:");
    assert!(
        third.starts_with(
            "3 lentelė. Gyventojų skaičius Alytaus mieste metų pradžioje, tūkst. metai gyventojai dalis pastaba 2011 67,6 11,20 % surašymas; galutinis"
        ),
        "{third}"
    );
    // The list of tables lists them with the other tables.
    let pages = page_texts(&pdf);
    let list = pages
        .iter()
        .find(|p| p.contains("Lentelių sąrašas"))
        .expect("the list of tables");
    let list = crate::common::normalize(list);
    for entry in [
        "1 lentelė. Biudžeto išlaidos pagal sritį, tūkst. Eur",
        "2 lentelė. Gyventojų skaičius, tūkst.",
        "3 lentelė. Gyventojų skaičius Alytaus mieste metų pradžioje, tūkst.",
    ] {
        assert!(list.contains(entry), "{entry:?} not in {list}");
    }
}

/// A dataset of 45 wards in 11 columns: the ward's name, eight numbers, the head of ward
/// and a long text.
fn add_wards(dir: &Path) {
    let mut csv = String::from(
        "seniūnija;gyventojai;vaikai;pensininkai;įmonės;darbo vietos;plotas;keliai;biudžetas;seniūnas;darbai\n",
    );
    for i in 1..=45 {
        writeln!(
            csv,
            "Seniūnija {i};{};{};{};{};{};{},5;{},25;{}5,5;Vardenis Pavardenis {i};Gatvių apšvietimo ir šaligatvių remontas {i}",
            10_000 + i * 137,
            1_000 + i * 13,
            2_000 + i * 17,
            100 + i,
            900 + i * 7,
            20 + i,
            100 + i,
            1_000 + i,
        )
        .expect("write");
    }
    write(dir, "data/seniunijos.csv", &csv);
    write(
        dir,
        "data/seniunijos.toml",
        "title = \"Seniūnijų rodikliai\"\nsource = \"Savivaldybės administracija\"\nretrieved = 2024-01-10\nfile = \"seniunijos.csv\"\n",
    );
}

#[test]
fn a_wide_long_table_from_data_keeps_its_rows_whole_on_landscape_pages() {
    let dir = tables_plan();
    add_wards(dir.path());
    remove(dir.path(), "biudzetas", "islaidos.csv");
    remove(dir.path(), "gyventojai", "gyventojai.csv");
    write(
        dir.path(),
        "chapters/text.md",
        "# Seniūnijos\n\nSeniūnijų rodikliai pateikti lentelėje:\n\n![Seniūnijų rodikliai](data/seniunijos.csv){#seniunijos .table .landscape .small .total columns=\"seniūnija|gyventojai|vaikai|pensininkai|įmonės|darbo vietos|plotas|keliai|biudžetas|seniūnas|darbai\"}\n\nToliau tekstas.\n",
    );
    assert_eq!(check(dir.path()), "");
    let out = build_ok(dir.path());
    let pdf = out.path().join("text.pdf");
    let doc = lopdf::Document::load(&pdf).expect("PDF parses");
    let rows = crate::pdf::elements(&doc, "TR");
    // The header, 45 wards, the total and the source line.
    assert!(rows.len() >= 48, "{} rows", rows.len());
    for (i, (_, pages)) in rows.iter().enumerate() {
        assert_eq!(pages.len(), 1, "row {i} is split over pages {pages:?}");
    }
    let mut per_page = std::collections::BTreeMap::new();
    for (_, pages) in &rows {
        for page in pages {
            *per_page.entry(*page).or_insert(0) += 1;
        }
    }
    assert!(per_page.len() >= 2, "{per_page:?}");
    let texts = page_texts(&pdf);
    let sizes = page_sizes(&pdf);
    let pages: Vec<usize> = per_page.keys().copied().collect();
    for &page in &pages {
        let (w, h) = sizes[page];
        assert!(w > h, "page {} is {w} × {h}", page + 1);
    }
    // The lead-in is on the table's first (landscape) page, not alone before it.
    let lead = texts
        .iter()
        .position(|t| t.contains("pateikti lentelėje:"))
        .expect("the lead-in");
    assert_eq!(lead, pages[0], "{:?}", texts[lead]);
    // So is the heading before it (no page holds it alone), and no page is left empty.
    assert!(
        texts[pages[0]].contains("1. Seniūnijos"),
        "{}",
        texts[pages[0]]
    );
    assert!(texts.iter().all(|t| !t.trim().is_empty()));
    // Every page the table continues on repeats its header and says so at the top; the
    // last holds the last rows with the total and the source line.
    for &page in &pages[1..] {
        let text = crate::common::normalize(&texts[page]);
        assert!(
            text.contains("1 lentelė (tęsinys)"),
            "page {}: {text}",
            page + 1
        );
        assert!(text.contains("seniūnas"), "page {}: {text}", page + 1);
    }
    let last = crate::common::normalize(&texts[pages[pages.len() - 1]]);
    for expected in [
        "Seniūnija 44",
        "Seniūnija 45",
        "Iš viso 591 795",
        "Šaltinis: Savivaldybės administracija. Duomenys gauti 2024 m. sausio 10 d.",
    ] {
        assert!(last.contains(expected), "{expected:?} not in {last}");
    }
    // The text after the table is on a portrait page again.
    let after = texts
        .iter()
        .position(|t| t.contains("Toliau tekstas."))
        .expect("the text after");
    let (w, h) = sizes[after];
    assert!(w < h, "page {} is {w} × {h}", after + 1);
}

#[test]
fn a_markdown_table_on_landscape_pages_takes_its_lead_in_along() {
    let dir = tables_plan();
    write(
        dir.path(),
        "chapters/text.md",
        "# Seniūnijos\n\nPirmas sakinys.\n\nRodikliai pateikti lentelėje:\n\n| Seniūnija | Gyventojai |\n|---|---|\n| Centro | 1 234 |\n| Rytų | 2 345 |\n\nTable: Rodikliai {#rodikliai .landscape}\n",
    );
    let out = build_ok(dir.path());
    let pdf = out.path().join("text.pdf");
    let texts = page_texts(&pdf);
    let sizes = page_sizes(&pdf);
    let lead = texts
        .iter()
        .position(|t| t.contains("pateikti lentelėje:"))
        .expect("the lead-in");
    assert!(texts[lead].contains("Centro"), "{}", texts[lead]);
    let (w, h) = sizes[lead];
    assert!(w > h, "the lead-in's page {} is {w} × {h}", lead + 1);
    let first = texts
        .iter()
        .position(|t| t.contains("Pirmas sakinys."))
        .expect("the first paragraph");
    assert_ne!(first, lead);
}

/// Each mistake in a table from data's attributes, and what `plan check` says of it.
#[test]
fn mistakes_in_tables_from_data_are_located() {
    let cases: &[(&str, &str)] = &[
        ("unknown_column", "columns=\"metai|gyventoji\""),
        ("unknown_row", "rows=\"2011..2020\""),
        ("backwards_range", "rows=\"2021..2011\""),
        ("unknown_row_in_a_list", "rows=\"2011|2061\""),
        (
            "headers_count",
            "columns=\"metai|gyventojai\" headers=\"Metai\"",
        ),
        ("total_without_numbers", "columns=\"metai|dalis\" .total"),
        ("unknown_attribute", ".totl rows=\"2011..2021\""),
    ];
    for (name, attributes) in cases {
        let dir = tables_plan();
        remove(dir.path(), "biudzetas", "islaidos.csv");
        write(
            dir.path(),
            "chapters/text.md",
            &format!(
                "# Lentelė\n\nTekstas.\n\n![Gyventojai](data/gyventojai.csv){{#gyventojai .table {attributes}}}\n"
            ),
        );
        insta::assert_snapshot!(format!("data_tables_{name}"), check(dir.path()));
    }
}

/// A workbook `data/rodikliai.xlsx` with two sheets, each a table of years and a number
/// typed as text in the Lithuanian way ("59,4"), and a dataset `<id>` reading `sheet`.
fn add_sheets(dir: &Path, datasets: &[(&str, &str)]) {
    let mut book = rust_xlsxwriter::Workbook::new();
    for name in ["Nedarbas", "Užimtumas"] {
        let sheet = book.add_worksheet();
        sheet.set_name(name).expect("sheet name");
        sheet.write_string(0, 0, "metai").expect("cell");
        sheet.write_string(0, 1, "lygis").expect("cell");
        sheet.write_number(1, 0, 2020).expect("cell");
        sheet.write_string(1, 1, "59,4").expect("cell");
        sheet.write_number(2, 0, 2021).expect("cell");
        sheet.write_number(2, 1, 61.25).expect("cell");
    }
    book.save(dir.join("data/rodikliai.xlsx"))
        .expect("save workbook");
    for (id, sheet) in datasets {
        write(
            dir,
            &format!("data/{id}.toml"),
            &format!(
                "title = \"Rodikliai: {sheet}\"\nsource = \"Užimtumo tarnyba\"\nfile = \"rodikliai.xlsx\"\nsheet = \"{sheet}\"\n"
            ),
        );
    }
}

#[test]
fn two_sheets_of_one_workbook_are_two_datasets_and_text_numbers_read_with_a_comma() {
    let dir = tables_plan();
    remove(dir.path(), "biudzetas", "islaidos.csv");
    remove(dir.path(), "gyventojai", "gyventojai.csv");
    add_sheets(
        dir.path(),
        &[("nedarbas", "Nedarbas"), ("uzimtumas", "Užimtumas")],
    );
    write(
        dir.path(),
        "chapters/text.md",
        "# Rodikliai\n\nNedarbas: {{ data.nedarbas.lygis[2020] }}.\n\n![Užimtumas](data/uzimtumas.toml){.table .total}\n",
    );
    assert_eq!(check(dir.path()), "");
    let out = build_ok(dir.path());
    let text = pdf_text(&out.path().join("text.pdf"));
    assert!(text.contains("Nedarbas: 59,40."), "{text}");
    assert!(
        text.contains("metai lygis 2020 59,40 2021 61,25 Iš viso 120,65"),
        "{text}"
    );
}

#[test]
fn two_datasets_of_one_table_are_reported() {
    let dir = tables_plan();
    remove(dir.path(), "biudzetas", "islaidos.csv");
    remove(dir.path(), "gyventojai", "gyventojai.csv");
    add_sheets(
        dir.path(),
        &[("nedarbas", "Nedarbas"), ("kopija", "Nedarbas")],
    );
    write(
        dir.path(),
        "chapters/text.md",
        "# Rodikliai\n\n{{ data.nedarbas.lygis[2020] }} {{ data.kopija.lygis[2021] }}\n",
    );
    insta::assert_snapshot!("data_tables_duplicate_dataset", check(dir.path()));
}

#[test]
fn an_english_plan_writes_its_tables_from_data_in_english() {
    let dir = tables_plan();
    let plan = dir.path().join("plan.toml");
    let toml = std::fs::read_to_string(&plan).expect("plan.toml");
    assert!(toml.contains("language = \"lt\""));
    write(
        dir.path(),
        "plan.toml",
        &toml.replace("language = \"lt\"", "language = \"en\""),
    );
    let out = build_ok(dir.path());
    let text = pdf_text(&out.path().join("text.pdf"));
    for expected in [
        "Table 1. Biudžeto išlaidos pagal sritį, tūkst. Eur Sritis Suma Švietimas 12,345.25",
        "Total 21,000.00 Source: Alytaus miesto savivaldybės administracija. Patvirtintas biudžetas.",
        "2021 51.8 8.90 % naujausi Source: Valstybės duomenų agentūra. Data retrieved 15 September 2021.",
    ] {
        assert!(text.contains(expected), "{expected:?} not in:\n{text}");
    }
}

/// A table of a file no dataset reads is an error with "did you mean"; one of a dataset
/// left out for an error of its own adds nothing to that error.
#[test]
fn a_table_of_no_dataset_is_located() {
    let dir = tables_plan();
    remove(dir.path(), "biudzetas", "islaidos.csv");
    write(
        dir.path(),
        "chapters/text.md",
        "# Lentelė\n\n{{ data.gyventojai.gyventojai[2021] }}\n\n![Gyventojai](data/gyventoja.csv){#gyventojai .table}\n",
    );
    insta::assert_snapshot!("data_tables_unknown_dataset", check(dir.path()));
    let dir = tables_plan();
    remove(dir.path(), "biudzetas", "islaidos.csv");
    write(
        dir.path(),
        "chapters/text.md",
        "# Lentelė\n\n![Gyventojai](data/gyventojai.csv){#gyventojai .table rows=\"2011..2021\"}\n",
    );
    let csv = dir.path().join("data/gyventojai.csv");
    let text = std::fs::read_to_string(&csv).expect("csv");
    std::fs::write(&csv, text.replace("56,4", "56,4x")).expect("write");
    insta::assert_snapshot!("data_tables_dataset_with_an_error", check(dir.path()));
}

/// A table that ends at the foot of a page leaves no "(tęsinys)" mark in the next page's
/// header: the example's demographic table (3) fills page 6 to its foot, and page 7 holds
/// the text after it, not the table.
#[test]
fn a_table_ending_at_a_page_foot_marks_no_continuation_after_it() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("plan");
    let out = build_ok(&example);
    let pages = page_texts(&out.path().join("strateginis-planas.pdf"));
    let table = pages
        .iter()
        .position(|p| p.contains("3 lentelė. Pagrindiniai demografiniai rodikliai"))
        .expect("the demographic table");
    let next = &pages[table + 1];
    let header: String = next.chars().take(80).collect();
    assert!(!header.contains("tęsinys"), "{header}");
    // Every page that says a table continues holds some of its rows: the table's caption
    // is on an earlier page, and its source line is not.
    for (i, page) in pages.iter().enumerate() {
        let Some(at) = page.find(" lentelė (tęsinys)") else {
            continue;
        };
        let number = page[..at].rsplit(' ').next().unwrap_or("");
        let caption = format!("{number} lentelė. ");
        let start = pages[..i]
            .iter()
            .rposition(|p| p.contains(&caption))
            .unwrap_or_else(|| {
                panic!("table {number} continues on page {} without a start", i + 1)
            });
        assert!(
            !pages[start..i].iter().any(|p| {
                p.split(&caption)
                    .nth(1)
                    .is_some_and(|rest| rest.contains("Šaltinis:"))
            }),
            "table {number} ended before page {}",
            i + 1
        );
    }
}
