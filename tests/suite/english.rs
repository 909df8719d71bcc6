//! The dedicated end-to-end test of a plan written in English (`[plan] language = "en"`):
//! the `english` fixture (a small city plan, a strategic plan and its action plan as an
//! annex) is built and its PDFs read back for what an English reader must see: English
//! labels and no Lithuanian one, numbers as `1,234.5`, dates as "15 December 2023", quotes
//! as “…” and ‘…’, the language in the PDF's metadata, resolved cross-references, the
//! outline and sane page numbering.
//!
//! Numbers asserted here are ones `plan` computes or formats (sums, indicator values with
//! their year, facts), never ones typed in a chapter, which come out as written anyway.

use std::path::PathBuf;

use lopdf::Document;
use plan::Outcome;

use crate::common::{
    Link, build, contains_squashed, deref, fixture, internal_links, page_labels, page_texts,
    pdf_string, pdf_text, render,
};
use crate::pdf::outline_titles;

/// The `english` fixture, built.
struct Built {
    /// Keeps the output folder until the test ends.
    _out: tempfile::TempDir,
    /// The strategic plan, `strategic-plan.pdf`.
    strategic: PathBuf,
    /// The action plan, annex 1, `action-plan.pdf`.
    annex: PathBuf,
}

/// Builds the `english` fixture, which must build both documents without any diagnostic.
fn built() -> Built {
    let (out, outcome, sources, diags) = build(&fixture("english"));
    let Outcome::Built(written) = outcome else {
        panic!("the build failed:\n{}", render(&sources, &diags));
    };
    assert_eq!(written.len(), 2, "{written:?}");
    assert!(
        diags.is_empty(),
        "unexpected diagnostics:\n{}",
        render(&sources, &diags)
    );
    Built {
        strategic: out.path().join("strategic-plan.pdf"),
        annex: out.path().join("action-plan.pdf"),
        _out: out,
    }
}

/// Labels of `templates/labels.typ` in Lithuanian (and a few of their forms) that must not
/// appear in an English plan. Each is a word or phrase no English text of the fixture has.
const LITHUANIAN_LABELS: &[&str] = &[
    "Turinys",
    "Versija",
    "PROJEKTAS",
    "PATVIRTINTA",
    "sprendimu",
    "priedas",
    "Vizija",
    "SSGG",
    "Stiprybės",
    "Silpnybės",
    "Galimybės",
    "Grėsmės",
    "Plano strateginė dalis",
    "prioritetas",
    "Prioritetas",
    "tikslas",
    "tikslo",
    "uždavinys",
    "uždavinio",
    "Priemonė",
    "Priemonių planas",
    "Finansavimas",
    "Stebėsenos rodikliai",
    "Efekto rodikliai",
    "Rezultato rodikliai",
    "Produkto rodikliai",
    "Santrumpos",
    "Santrumpa",
    "Reikšmė",
    "Vykdytojas",
    "Partneriai",
    "Laikotarpis",
    "Iš viso",
    "tęsinys",
    "Sumos nurodytos",
    "Kodas",
    "Rodiklis",
    "Mato vnt.",
    "Pradinė reikšmė",
    "Duomenų šaltinis",
    "Finansavimo šaltinis",
    "Suma",
    "Dalis",
    "Metai",
    "Prisideda prie",
    "Sąsajos",
    "lentelė",
    "pav.",
    "Lentelių sąrašas",
    "Nr.",
    "psl.",
];

/// Lithuanian month names in the genitive, as a Lithuanian date writes them.
const LITHUANIAN_MONTHS: &[&str] = &[
    "sausio",
    "vasario",
    "kovo",
    "balandžio",
    "gegužės",
    "birželio",
    "liepos",
    "rugpjūčio",
    "rugsėjo",
    "spalio",
    "lapkričio",
    "gruodžio",
];

/// Asserts that `text` (of the PDF `name`) contains every string of `expected`.
fn assert_has(name: &str, text: &str, expected: &[&str]) {
    for expected in expected {
        assert!(
            text.contains(expected),
            "{name} lacks {expected:?}; its text:\n{text}"
        );
    }
}

/// Asserts that `text` (of the PDF `name`) contains no string of `unwanted`, as a whole
/// word where the string starts and ends with a letter ("Suma" is not in "Summary").
fn assert_lacks(name: &str, text: &str, unwanted: &[&str]) {
    for word in unwanted {
        let found = text.match_indices(word).any(|(at, _)| {
            let before = text[..at].chars().next_back();
            let after = text[at + word.len()..].chars().next();
            let letter = |c: Option<char>| c.is_some_and(char::is_alphabetic);
            let starts = word.starts_with(char::is_alphabetic);
            let ends = word.ends_with(char::is_alphabetic);
            // Inside a longer word when a letter goes on before or after it.
            let inside = (starts && letter(before)) || (ends && letter(after));
            !inside
        });
        assert!(!found, "{name} has {word:?}; its text:\n{text}");
    }
}

/// Every place where a digit is followed by a comma and one or two digits that end the
/// number ("28,7", "1 234,5"): a decimal comma. English groups thousands with a comma,
/// always followed by three digits.
fn decimal_commas(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let digit = |i: usize| chars.get(i).is_some_and(char::is_ascii_digit);
    (1..chars.len())
        .filter(|&i| chars[i] == ',' && digit(i - 1) && digit(i + 1))
        .filter(|&i| {
            let run = (i + 1..).take_while(|&j| digit(j)).count();
            run <= 2
        })
        .map(|i| {
            let from = i.saturating_sub(12);
            chars[from..(i + 6).min(chars.len())].iter().collect()
        })
        .collect()
}

#[test]
fn decimal_commas_are_found() {
    assert_eq!(decimal_commas("a 3 735 750,75 b"), ["a 3 735 750,75 b"]);
    assert_eq!(decimal_commas("28,7 %"), ["28,7 %"]);
    assert!(decimal_commas("3,735,750.75 and 1,234.5; 2024, 2025 a,1").is_empty());
}

/// Both documents are typeset with the labels of `templates/labels.typ` in English, in
/// the text and in the tables' headers, and with no Lithuanian label, letter or quote.
#[test]
fn labels_are_english_and_nothing_lithuanian_leaks() {
    let built = built();
    let strategic = pdf_text(&built.strategic);
    let pages = page_texts(&built.strategic);
    assert_has(
        "strategic-plan.pdf",
        &pages[1],
        &[
            "Contents",
            "1. Introduction",
            "5. Strategy",
            "Priority 1. A green city",
            "Goal 2.1.",
            "7. Monitoring indicators",
        ],
    );
    assert_has(
        "strategic-plan.pdf",
        &strategic,
        &[
            "APPROVED by decision No. C-42",
            "Version 1.4",
            // The vision and SWOT parts.
            "Vision",
            "SWOT analysis",
            "Strengths",
            "Weaknesses",
            "Opportunities",
            "Threats",
            // The strategy: priorities, goals, objectives, their indicator tables.
            "Priority 1. A green city",
            "Priority 2. A smart city",
            "Goal 1.1. Improve the air residents breathe",
            "Contributes to: EGD-2 Zero pollution",
            "Effect indicators",
            "Objective 1.1.1. Make public transport cleaner",
            "Code Indicator Unit Baseline 2027 2030 Data source",
            "Measures 1.1.1.1 Replace diesel buses with electric buses",
            // Funding: tables, charts and the note.
            "Funding Amounts in EUR",
            "Funding by source",
            "Source Code Amount Share",
            "Funding by priority",
            "Priority CB EU Total",
            "Figure 1. Funding by priority and source (EUR)",
            "Funding by year",
            "Year CB EU Total",
            "Amounts given for a whole period are spread evenly over the years of the measure.",
            // Indicators, links, abbreviations, lists.
            "Result indicators",
            "Product indicators",
            "Baselines and targets of the indicators",
            "Effect and result indicators of goal 1.1: baseline and targets",
            "Links to higher-level plans",
            "Higher-level goal Contributing goals and measures",
            "Abbreviation Meaning",
            "List of tables",
            "Table 1. Residents by district",
            "Table 3. Funding by source",
        ],
    );

    let annex = pdf_text(&built.annex);
    assert_has(
        "action-plan.pdf",
        &annex,
        &[
            "Annex 1 to the Lakeford City Strategic Development Plan 2024–2030",
            "Action plan",
            "Table 1. Action plan",
            "No. Measure Responsible Partners Period Product indicator Unit Target CB EU Total",
            "Priority 1. A green city",
            "Goal 1.1. Improve the air residents breathe",
            "Objective 1.1.1. Make public transport cleaner",
            "Objective 1.1.1 total",
            "Goal 1.1 total",
            "Priority 1 total",
            "Plan total",
        ],
    );

    for (name, text) in [
        ("strategic-plan.pdf", &strategic),
        ("action-plan.pdf", &annex),
    ] {
        assert_lacks(name, text, LITHUANIAN_LABELS);
        // The fixture is written without Lithuanian letters and quotes: any is a leak.
        let foreign: Vec<char> = text
            .chars()
            .filter(|c| "ąčęėįšųūžĄČĘĖĮŠŲŪŽ„‚".contains(*c))
            .collect();
        assert!(foreign.is_empty(), "{name} has {foreign:?}:\n{text}");
    }
}

/// Amounts, indicator values, shares and facts are written as English writes numbers:
/// thousands grouped with a comma, a decimal point, never a decimal comma.
#[test]
fn numbers_have_a_decimal_point_and_thousands_commas() {
    let built = built();
    let strategic = pdf_text(&built.strategic);
    assert_has(
        "strategic-plan.pdf",
        &strategic,
        &[
            // Facts in the introduction (the total and one source's, in the plan's decimals).
            "Its 4 measures are worth 3,735,750.75 EUR in total, of which European Union \
             funds bring 2,662,500.00 EUR.",
            // Funding by source: amounts and shares.
            "City budget CB 1,073,250.75 28.7 %",
            "European Union funds EU 2,662,500.00 71.3 %",
            "Total 3,735,750.75 100 %",
            // Funding by priority, and a year whose amounts were spread over the period.
            "Priority 1. A green city 760,500.50 2,662,500.00 3,423,000.50",
            "2024 191,750.09 437,500.00 629,250.09",
            // Indicator values with one number of decimals each, grouped in thousands.
            "1,234.5 (2023) 12,500.0 15,000.5",
            "28.4 (2022) 22.5 18.0",
            "0 (2023) 1,500 3,200",
        ],
    );
    let annex = pdf_text(&built.annex);
    assert_has(
        "action-plan.pdf",
        &annex,
        &[
            "450,000.00 2,400,000.00 2,850,000.00",
            "Plan total 1,073,250.75 2,662,500.00 3,735,750.75",
            // Product indicators in the action plan: name, unit and target.
            "Trees planted trees 3,200 (2030)",
            // The key to the table's abbreviations.
            "Abbreviations CA City administration EU European Union funds CB City budget LKT Lakeford Transport",
        ],
    );
    for (name, text) in [
        ("strategic-plan.pdf", &strategic),
        ("action-plan.pdf", &annex),
    ] {
        let commas = decimal_commas(text);
        assert!(commas.is_empty(), "{name} has decimal commas: {commas:?}");
        // Lithuanian grouping of the same sums.
        assert_lacks(name, text, &["3 735 750", "1 234,5", "2 662 500"]);
    }
}

/// Dates are written "15 December 2023": on the title page and footers (an approved
/// plan is dated by its decision), in the approval mark (the
/// decision's date), in every page's footer and where a chapter asks for `{{ plan.date }}`.
#[test]
fn dates_are_day_month_year_in_english() {
    let built = built();
    let pages = page_texts(&built.strategic);
    let title = &pages[0];
    assert_has(
        "the title page",
        title,
        &[
            "APPROVED by decision No. C-42 of the Lakeford City Council of 3 February 2024",
            "Version 1.4 3 February 2024",
        ],
    );
    assert_has(
        "the introduction",
        &pages[2],
        &["This plan, dated 15 December 2023, sets out how Lakeford will grow in 2024–2030."],
    );
    for (i, page) in pages.iter().enumerate().skip(1) {
        assert!(
            page.contains("Version 1.4, 3 February 2024"),
            "page {} has no English date in its footer: {page}",
            i + 1
        );
    }
    let annex = pdf_text(&built.annex);
    assert_has("action-plan.pdf", &annex, &["Version 1.4, 3 February 2024"]);
    let strategic = pdf_text(&built.strategic);
    for (name, text) in [
        ("strategic-plan.pdf", &strategic),
        ("action-plan.pdf", &annex),
    ] {
        assert_lacks(name, text, LITHUANIAN_MONTHS);
        // Neither the Lithuanian form ("2023 m.") nor the date as typed in plan.toml.
        assert_lacks(
            name,
            text,
            &["2023 m.", "2024 m.", "2023-12-15", "2024-02-03"],
        );
    }
}

/// Quotation marks in Markdown are set as English sets them: “double”, ‘single’ and ’ as
/// the apostrophe, in chapters and in Markdown written in TOML (the vision's text).
#[test]
fn quotes_in_markdown_are_english_quotes() {
    let built = built();
    let strategic = pdf_text(&built.strategic);
    assert_has(
        "strategic-plan.pdf",
        &strategic,
        &[
            "The council calls the coming years “the greenest decade in the city’s history”, \
             and the residents’ survey put ‘quiet streets’ first.",
            "By 2030 Lakeford’s residents breathe clean air",
        ],
    );
    assert_lacks(
        "strategic-plan.pdf",
        &strategic,
        &["\"the greenest", "history\"", "'quiet", "„", "‚"],
    );
}

/// The PDFs say they are in English: the catalog's `/Lang`, the XMP `dc:language`, and no
/// structure element marked as another language.
#[test]
fn the_pdfs_declare_english() {
    let built = built();
    for path in [&built.strategic, &built.annex] {
        let doc = Document::load(path).expect("PDF parses");
        let catalog = doc.catalog().expect("catalog");
        let lang = catalog.get(b"Lang").map(|l| deref(&doc, l)).expect("/Lang");
        assert_eq!(
            lang.as_str().map(pdf_string).ok().as_deref(),
            Some("en"),
            "{}",
            path.display()
        );
        let metadata = deref(&doc, catalog.get(b"Metadata").expect("XMP metadata"));
        let stream = metadata.as_stream().expect("metadata stream");
        let xmp = String::from_utf8_lossy(&stream.content).to_string();
        let language = xmp
            .split("<dc:language>")
            .nth(1)
            .and_then(|rest| rest.split("</dc:language>").next())
            .expect("dc:language in the XMP");
        assert!(
            language.contains("<rdf:li>en</rdf:li>"),
            "{}: dc:language is {language}",
            path.display()
        );
        // Any other /Lang (on a structure element, say) is English too.
        for (id, object) in &doc.objects {
            let Ok(dict) = object.as_dict() else { continue };
            if let Ok(lang) = dict.get(b"Lang") {
                let lang = deref(&doc, lang).as_str().map(pdf_string);
                assert!(
                    lang.as_deref()
                        .is_ok_and(|l| l == "en" || l.starts_with("en-")),
                    "{}: object {id:?} has /Lang {lang:?}",
                    path.display()
                );
            }
        }
    }

    // The charts' alternative text is English too: years without "m.", English numbers.
    let doc = Document::load(&built.strategic).expect("PDF parses");
    let alts: Vec<String> = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"S").and_then(|s| s.as_name()).ok() == Some(b"Figure"))
        .filter_map(|d| d.get(b"Alt").ok())
        .filter_map(|a| deref(&doc, a).as_str().ok().map(pdf_string))
        .map(|a| a.replace('\u{a0}', " "))
        .collect();
    for expected in [
        "E-1.1-1 Mean annual nitrogen dioxide concentration (µg/m³): 2022 28.4; 2027 22.5; 2030 18.0",
        "R-1.1.1-1 Passengers carried by electric buses per year (thousand passengers): \
         2023 1,234.5; 2027 12,500.0; 2030 15,000.5",
        "Funding by priority and source: Priority 1. A green city: 3,423,000.50 \
         (CB 760,500.50, EU 2,662,500.00)",
    ] {
        assert!(
            alts.iter().any(|a| a.contains(expected)),
            "no alternative text says {expected:?}: {alts:#?}"
        );
    }
}

/// References in the chapters print the numbers of what they name (a measure, an
/// indicator, an objective, a table, a section) and link to it; the footnote is numbered.
#[test]
fn cross_references_print_numbers_and_link() {
    let built = built();
    let pages = page_texts(&built.strategic);
    let page_of = |text: &str| {
        pages
            .iter()
            .position(|p| contains_squashed(p, text))
            .unwrap_or_else(|| panic!("no page has {text:?}: {pages:#?}"))
    };
    let introduction = page_of(
        "The largest investment is measure 1.1.1.1, which the electric bus fleet describes \
         in detail; its result is measured by indicator R-1.1.1-1.",
    );
    let context = page_of(
        "Most of them live in the three districts of Table 1; section 1.1 explains how they \
         took part.",
    );
    page_of("the fleet is the subject of objective 1.1.1.");
    // The footnote: its number after the sentence, the note at the page's foot.
    assert!(
        contains_squashed(&pages[context], "start of 2023.1 Most of them")
            && contains_squashed(
                &pages[context],
                "1 Lakeford statistics office, population register of 1 January 2023."
            ),
        "{}",
        pages[context]
    );
    // Nothing of the reference syntax is left.
    let text = pdf_text(&built.strategic);
    assert_lacks("strategic-plan.pdf", &text, &["](#", "{#", "[^census]"]);

    // The references link to where the items are: the measure in the strategy, the
    // indicator in the indicator tables.
    let measure = page_of("1.1.1.1 Replace diesel buses with electric buses");
    // The caption is in the part (and in the list of tables, after it), not in the contents.
    let indicators = page_of("Table 7. Result indicators");
    let links = internal_links(&built.strategic);
    for to in [measure, indicators] {
        let link = Link {
            from: introduction + 1,
            to: to + 1,
        };
        assert!(links.contains(&link), "no link {link:?} among {links:?}");
    }
}

/// The strategic plan's bookmarks name its chapters and parts in English, with the
/// strategy's priorities and goals; the annex's name its part.
#[test]
fn the_outline_is_english() {
    let built = built();
    // Bookmarks keep the no-break spaces of the titles ("Priority\u{a0}1"): read as spaces.
    let titles: Vec<String> =
        outline_titles(&Document::load(&built.strategic).expect("PDF parses"))
            .iter()
            .map(|t| t.replace('\u{a0}', " "))
            .collect();
    for expected in [
        "Introduction",
        "How the plan was prepared",
        "Context",
        "Population",
        "Vision",
        "SWOT analysis",
        "Strategy",
        "Priority 1. A green city",
        "Goal 1.1. Improve the air residents breathe",
        "Priority 2. A smart city",
        "Funding",
        "Funding by source",
        "Monitoring indicators",
        "Links to higher-level plans",
        "Abbreviations",
        "List of tables",
    ] {
        assert!(
            titles.iter().any(|t| t.contains(expected)),
            "no bookmark {expected:?}: {titles:?}"
        );
    }
    let all = titles.join("\n");
    assert_lacks("the bookmarks", &all, LITHUANIAN_LABELS);
    let annex = outline_titles(&Document::load(&built.annex).expect("PDF parses"));
    assert!(
        annex.iter().any(|t| t.contains("Action plan")),
        "the annex's bookmarks: {annex:?}"
    );
}

/// The strategic plan has a title page without a number and then pages numbered 1 … N
/// ("N / T" in the footer, the same as the PDF's page labels); the annex has no title
/// page, and its pages are numbered from 1.
#[test]
fn pages_are_numbered_and_counted_sanely() {
    let built = built();
    let pages = page_texts(&built.strategic);
    assert!(
        (10..=20).contains(&pages.len()),
        "the strategic plan has {} pages",
        pages.len()
    );
    let total = pages.len() - 1;
    let expected: Vec<String> = std::iter::once(String::new())
        .chain((1..=total).map(|n| n.to_string()))
        .collect();
    assert_eq!(page_labels(&built.strategic), expected);
    assert!(!pages[0].contains(" / "), "the title page: {}", pages[0]);
    for (n, page) in pages.iter().enumerate().skip(1) {
        assert!(
            contains_squashed(page, &format!("3 February 2024 {n} / {total}")),
            "page {} does not say {n} / {total}: {page}",
            n + 1
        );
    }

    let annex = page_texts(&built.annex);
    assert!(
        (1..=3).contains(&annex.len()),
        "the action plan has {} pages",
        annex.len()
    );
    assert!(
        annex[0].starts_with("Annex 1 to the Lakeford City Strategic Development Plan"),
        "the annex's first page: {}",
        annex[0]
    );
    let labels: Vec<String> = (1..=annex.len()).map(|n| n.to_string()).collect();
    assert_eq!(page_labels(&built.annex), labels);
}

/// Titles written in TOML take English apostrophes, as the same words do in Markdown: the
/// goal "Offer the city's services online" reads "city’s" in the strategy, the contents
/// and the bookmarks, like "the city’s history" in the introduction.
#[test]
fn apostrophes_in_titles_are_typographic() {
    let built = built();
    let text = pdf_text(&built.strategic);
    assert_has(
        "strategic-plan.pdf",
        &text,
        &["Goal 2.1. Offer the city’s services online"],
    );
    assert_lacks("strategic-plan.pdf", &text, &["city's"]);
    let titles = outline_titles(&Document::load(&built.strategic).expect("PDF parses"));
    assert!(
        titles
            .iter()
            .any(|t| t.contains("Offer the city’s services online")),
        "{titles:?}"
    );
}
