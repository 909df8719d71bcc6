//! The official form of the documents: page labels that match the printed page numbers,
//! annexes marked and numbered on their own, the approval mark.

use std::path::Path;

use crate::common::{Glyph, build_ok, copy_of_basic, page_glyphs, page_labels, page_texts};

/// The printed page number of a page: "N" of the footer's "N / T" (a publication), or the
/// number alone at the top of the page (an act: see `act.rs`).
fn printed_number(text: &str, top: Option<String>) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    words
        .windows(3)
        .filter(|w| w[1] == "/" && [w[0], w[2]].iter().all(|n| n.parse::<u32>().is_ok()))
        .map(|w| w[0].to_string())
        .next_back()
        .or(top)
}

/// Every page's label is the number printed on it; a page without one (the title page) has
/// an empty label.
fn assert_labels_match_printed_numbers(pdf: &Path) {
    let labels = page_labels(pdf);
    let texts = page_texts(pdf);
    assert_eq!(labels.len(), texts.len());
    let tops = crate::act::top_numbers(pdf);
    for (i, (label, text)) in labels.iter().zip(&texts).enumerate() {
        let printed = printed_number(text, tops[i].clone()).unwrap_or_default();
        // An act's first page, and an annex's, is page 1 and shows no number.
        if printed.is_empty() && label == "1" {
            continue;
        }
        assert_eq!(
            label,
            &printed,
            "{}: page {} is labelled {label:?} but shows {printed:?}",
            pdf.display(),
            i + 1
        );
    }
}

/// The glyphs of a page that draw something (not spaces), one character each.
fn drawn_glyphs(glyphs: &[Glyph]) -> Vec<Glyph> {
    glyphs
        .iter()
        .filter(|g| !g.text.trim().is_empty())
        .flat_map(|g| {
            g.text.chars().map(|c| Glyph {
                text: c.to_string(),
                ..g.clone()
            })
        })
        .collect()
}

/// The index of the first drawn glyph of `text` (spaces aside) among `drawn`.
fn find(drawn: &[Glyph], text: &str) -> usize {
    let chars: Vec<String> = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_string())
        .collect();
    drawn
        .windows(chars.len())
        .position(|w| w.iter().zip(&chars).all(|(g, c)| &g.text == c))
        .unwrap_or_else(|| panic!("{text:?} is not drawn"))
}

/// The example plan: the strategic plan (an act) has its title block on page 1, which
/// shows no number, then pages 2, 3 …; the action plan is its first annex, with no title page and no contents, its first
/// page marked "… plano 1 priedas" at the top right and numbered 1.
#[test]
fn page_labels_and_the_annex_mark_in_the_example_plan() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("plan");
    let out = build_ok(&dir);
    let strategic = out.path().join("strateginis-planas.pdf");
    let annex = out.path().join("veiksmu-planas.pdf");
    for pdf in [&strategic, &annex] {
        assert_labels_match_printed_numbers(pdf);
    }
    // An act (a council draft): its first page is page 1, unnumbered.
    let labels = page_labels(&strategic);
    assert_eq!(labels[..3], ["1", "2", "3"]);
    let labels = page_labels(&annex);
    assert_eq!(labels[0], "1");
    assert_eq!(
        labels.last().map(String::as_str),
        Some(&*labels.len().to_string())
    );

    let first = &page_texts(&annex)[0];
    let mark = "Alytaus miesto savivaldybės strateginio plėtros plano iki 2030 metų 1 priedas";
    assert!(first.contains(mark), "{first}");
    assert!(first.contains("Priemonių planas"), "{first}");
    assert!(!first.contains("Turinys"), "{first}");
    // The mark is on the right half of the page (landscape: 842 pt wide).
    let drawn = drawn_glyphs(&page_glyphs(&annex)[0]);
    let start = &drawn[find(&drawn, "Alytaus miesto")];
    assert!(start.x > 842.0 / 2.0, "the mark starts at x = {}", start.x);
    // "iki 2030 metų" is not broken in the mark.
    let iki = find(&drawn, "iki2030metų");
    let line: Vec<f64> = drawn[iki..iki + 11].iter().map(|g| g.y).collect();
    assert!(line.iter().all(|y| (y - line[0]).abs() < 0.5), "{line:?}");
    // The strategic plan is no annex: its first page holds its title block.
    let pages = page_texts(&strategic);
    assert!(!pages[0].contains("priedas"));

    // Every table `plan` makes has a numbered caption and is in the list of tables, after
    // the chapters' own tables, numbered in turn (the action plan's and the funding tables
    // are in annex 1, below).
    let list = pages
        .iter()
        .rfind(|p| p.contains("Lentelių sąrašas"))
        .expect("the list of tables");
    let generated = [
        "SSGG analizė",
        "Efekto rodikliai",
        "Rezultato rodikliai",
        "Produkto rodikliai",
        "Sąsajos su aukštesnio lygmens planais",
        "Santrumpos",
    ];
    let mut previous = 0;
    for caption in generated {
        // From the largest: "3 lentelė" is also part of "13 lentelė".
        let number = (1..60)
            .rev()
            .find(|n| list.contains(&format!("{n} lentelė. {caption} .")))
            .unwrap_or_else(|| panic!("{caption:?} is not in the list of tables: {list}"));
        assert!(
            number > previous,
            "{caption:?} is table {number}, after {previous}"
        );
        previous = number;
        let body = pages.join(" ");
        assert!(body.contains(&format!("{number} lentelė. {caption}")));
    }
    // Goals name the national goals they serve; an indicator's values share their decimals.
    let text = pages.join(" ");
    assert!(
        text.contains("Prisideda prie: NPP-6.2 Švelninti poveikį klimato kaitai"),
        "{text}"
    );
    assert!(text.contains("5,2 (2019) 4,9 4,5 4,0"), "{text}");
    // Annex 1 numbers its own tables from 1: the action plan, then the funding tables.
    let annex_text = page_texts(&annex).join(" ");
    for (number, caption) in [
        "Priemonių planas",
        "Finansavimas pagal šaltinius",
        "Finansavimas pagal prioritetus",
        "Finansavimas pagal metus",
    ]
    .iter()
    .enumerate()
    {
        let caption = format!("{} lentelė. {caption}", number + 1);
        assert!(annex_text.contains(&caption), "{caption:?}: {annex_text}");
        assert!(
            !text.contains(&caption),
            "the plan's text holds {caption:?}"
        );
    }
}

/// A part whose title only repeats the title of the one before (the chapter "Vizija ir
/// prioritetai", then `@vision`, "Vizija") goes on below it instead of taking a page of its
/// own; other parts start on a new page, their heading at the top.
#[test]
fn a_part_repeating_the_title_before_takes_no_page_of_its_own() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("plan");
    let out = build_ok(&dir);
    let pages = page_texts(&out.path().join("strateginis-planas.pdf"));
    // The last page naming a heading is where it is (the contents name it first).
    let vision = pages
        .iter()
        .rposition(|p| p.contains("7. Vizija"))
        .expect("the vision");
    assert!(
        pages[vision].contains("Horizontaliųjų principų taikymas"),
        "{}",
        pages[vision]
    );
    for heading in [
        "8. Plano strateginė dalis",
        "4. SSGG analizė",
        "10. Plano įgyvendinimas",
    ] {
        let page = pages
            .iter()
            .rfind(|p| p.contains(heading))
            .unwrap_or_else(|| panic!("{heading}"));
        // After the draft's watermark and the page number at the top.
        let at = page.find(heading).unwrap_or(usize::MAX);
        assert!(at < 20, "{page}");
    }
}

/// The approval mark keeps the decision's date, "sprendimu Nr." and its number on one
/// line; an approved plan without `[plan.approval]` says nothing about approval beside the
/// plan's date.
#[test]
fn the_approval_mark_keeps_its_date_and_number_together() {
    let dir = copy_of_basic();
    let plan = dir.path().join("plan.toml");
    let toml = std::fs::read_to_string(&plan).expect("plan.toml");
    let lt = toml
        .replace("language = \"en\"", "language = \"lt\"")
        .replace(
            "body = \"Riverton Municipal Council\"",
            "body = \"Rivertono savivaldybės taryba\"",
        );
    std::fs::write(&plan, &lt).expect("write");
    let out = build_ok(dir.path());
    let pdf = out.path().join("plan.pdf");
    let title = &page_texts(&pdf)[0];
    let line = "2021 m. gruodžio 20 d. sprendimu Nr. D-7";
    assert!(title.contains(line), "{title}");
    assert!(title.contains("PATVIRTINTA"), "{title}");
    // One baseline from "2021" to "D-7".
    let drawn = drawn_glyphs(&page_glyphs(&pdf)[0]);
    let first = find(&drawn, line);
    let count = line.chars().filter(|c| !c.is_whitespace()).count();
    let baselines: Vec<f64> = drawn[first..first + count].iter().map(|g| g.y).collect();
    assert!(
        baselines.iter().all(|y| (y - baselines[0]).abs() < 0.5),
        "the line breaks: {baselines:?}"
    );

    // Approved, but the decision not given: no "approved" next to the plan's date.
    let without: String = lt
        .split("[plan.approval]")
        .next()
        .expect("before the approval")
        .to_string()
        + "[vision]"
        + lt.split("[vision]").nth(1).expect("after the approval");
    std::fs::write(&plan, without).expect("write");
    let out = build_ok(dir.path());
    let title = &page_texts(&out.path().join("plan.pdf"))[0];
    assert!(!title.to_lowercase().contains("patvirtinta"), "{title}");
    assert!(title.contains("2021 m. lapkričio 30 d."), "{title}");
}

/// A year of the period without any funding is left out of the per-year table, not
/// printed as a row of zeros.
#[test]
fn years_without_funding_are_left_out() {
    let dir = copy_of_basic();
    let plan = dir.path().join("plan.toml");
    let toml = std::fs::read_to_string(&plan).expect("plan.toml");
    std::fs::write(
        &plan,
        toml.replace("period = [2022, 2027]", "period = [2021, 2027]"),
    )
    .expect("write");
    let out = build_ok(dir.path());
    let text = page_texts(&out.path().join("plan.pdf")).join(" ");
    assert!(
        text.contains("Table 6. Funding by year Year MB EU Total 2022 335.30"),
        "{text}"
    );
    assert!(!text.contains("2021 0.00"), "{text}");
}

/// Parts of a document can be annexes (`annex = [...]`): each starts on a page of its own
/// with the mark "Annex N to the …" at the top right, and is numbered from 1, its pages
/// labelled as printed. Annexes are numbered in plan order: a document's annex parts, then
/// a later document that is an annex as a whole.
#[test]
fn parts_of_a_document_are_annexes_numbered_on_their_own() {
    let dir = copy_of_basic();
    let plan = dir.path().join("plan.toml");
    let toml = std::fs::read_to_string(&plan).expect("plan.toml");
    let toml = toml
        .replace(
            "  \"@action-plan\", \"@funding\", \"@indicators\", \"@links\", \"@abbreviations\",\n  \"@list-of-figures\", \"@list-of-tables\",\n]",
            "  \"@indicators\", \"@links\", \"@abbreviations\",\n  \"@list-of-figures\", \"@list-of-tables\", \"@action-plan\", \"@funding\",\n]\nannex = [\"@action-plan\", \"@funding\"]",
        )
        .replace(
            "parts = [\"@action-plan\"]",
            "parts = [\"@action-plan\"]\nannex = true",
        );
    assert!(toml.contains("annex = [") && toml.contains("annex = true"));
    std::fs::write(&plan, toml).expect("write");
    let out = build_ok(dir.path());
    let pdf = out.path().join("plan.pdf");
    assert_labels_match_printed_numbers(&pdf);
    let labels = page_labels(&pdf);
    let texts = page_texts(&pdf);
    let first_of = |n: usize| {
        let mark = format!("Annex {n} to the Riverton Development Plan 2022–2027");
        let pages: Vec<usize> = (0..texts.len())
            .filter(|&i| texts[i].contains(&mark))
            .collect();
        assert_eq!(pages.len(), 1, "{mark:?} is on pages {pages:?}");
        pages[0]
    };
    let (action_plan, funding) = (first_of(1), first_of(2));
    assert!(
        texts[action_plan].contains("Action plan"),
        "{}",
        texts[action_plan]
    );
    assert!(texts[funding].contains("Funding"), "{}", texts[funding]);
    // The main text runs 1, 2 … up to the first annex; each annex starts again at 1 and
    // its footers count its own pages.
    assert_eq!(labels[1], "1");
    assert_eq!(labels[action_plan - 1], (action_plan - 1).to_string());
    assert_eq!(labels[action_plan], "1");
    assert_eq!(labels[funding], "1");
    assert_eq!(labels[funding - 1], (funding - action_plan).to_string());
    let total = funding - action_plan;
    assert!(
        texts[action_plan].contains(&format!("1 / {total}")),
        "{}",
        texts[action_plan]
    );
    assert!(texts[action_plan - 1].contains(&format!("{0} / {0}", action_plan - 1)));
    // The running header gives way to the mark on an annex's first page only.
    assert!(!texts[action_plan].contains("Riverton 2027"));
    assert!(
        texts[action_plan + 1..funding]
            .iter()
            .all(|t| t.contains("Riverton 2027"))
    );

    let actions = out.path().join("actions.pdf");
    assert_labels_match_printed_numbers(&actions);
    let first = &page_texts(&actions)[0];
    assert!(
        first.contains("Annex 3 to the Riverton Development Plan 2022–2027"),
        "{first}"
    );
}

/// Where Lithuanian typography binds two words, they share a line wherever the sentence
/// falls: the sentence is set after 1 … 70 words of filler, so that each pair meets the end
/// of a line many times. Read from the glyphs' baselines (text extraction would turn the
/// no-break spaces into spaces).
#[test]
fn bound_words_share_a_line() {
    // Each pair: the text as typed, and the two characters on either side of its space.
    let pairs: [(&str, &[(char, char)]); 4] = [
        ("1 245 respondentai", &[('1', '2'), ('5', 'r')]),
        ("250 tūkst. Eur", &[('0', 't'), ('.', 'E')]),
        ("keliauti į mokyklą", &[('į', 'm')]),
        ("o ne 3 kartus", &[('o', 'n'), ('3', 'k')]),
    ];
    let sentence: Vec<&str> = pairs.iter().map(|(text, _)| *text).collect();
    // Only up to the first letter after the last bound space: a word after it may be
    // hyphenated at the end of a line, which is right.
    let pairs = pairs.map(|(text, joins)| {
        let last = joins.last().expect("a join").1;
        (
            &text[..text.rfind(last).expect("the last join") + last.len_utf8()],
            joins,
        )
    });
    let sentence = sentence.join(", ");
    let filler = ["tvarus", "miestas", "ir", "bendruomenė", "kuria", "ateitį"];
    let chapter: String = (1..=70)
        .map(|k| {
            let words: Vec<&str> = (0..k).map(|i| filler[i % filler.len()]).collect();
            format!("{} {sentence}.\n\n", words.join(" "))
        })
        .collect();
    let dir = crate::common::chapter_plan(&format!("# Tekstas\n\n{chapter}"), &[]);
    let out = build_ok(dir.path());
    let pdf = out.path().join("text.pdf");
    let mut checked = 0;
    for page in page_glyphs(&pdf) {
        let drawn = drawn_glyphs(&page);
        for (text, joins) in &pairs {
            let needle: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
            for start in 0..drawn.len().saturating_sub(needle.len()) {
                let window = &drawn[start..start + needle.len()];
                if !window
                    .iter()
                    .zip(&needle)
                    .all(|(g, c)| g.text == c.to_string())
                {
                    continue;
                }
                // The glyphs before and after each bound space.
                let mut at = 0;
                for (before, after) in joins.iter() {
                    let i = at
                        + needle[at..]
                            .iter()
                            .position(|c| c == before)
                            .expect("in the text");
                    assert_eq!(needle[i + 1], *after, "{text}");
                    let (a, b) = (&window[i], &window[i + 1]);
                    assert!(
                        (a.y - b.y).abs() < 0.5,
                        "{text:?} breaks between {before:?} and {after:?} ({} → {})",
                        a.y,
                        b.y
                    );
                    at = i + 1;
                    checked += 1;
                }
            }
        }
    }
    assert_eq!(checked, 70 * 7, "every bound space was found");
}

/// One format throughout: with nothing funded, a share is the same dash as any missing
/// value (never "0 %" or "100 %"), and the funding part names a priority as the strategy
/// does ("1 prioritetas. …").
#[test]
fn a_share_of_nothing_is_the_dash_and_priorities_are_named_one_way() {
    let dir = crate::common::chapter_plan("# Skyrius\n\nTekstas.\n", &["@strategy", "@funding"]);
    let strategy = dir.path().join("strategy/1.toml");
    let toml = std::fs::read_to_string(&strategy).expect("strategy");
    assert!(toml.contains("funding = { SB = 1 }"));
    std::fs::write(
        &strategy,
        toml.replace("funding = { SB = 1 }", "funding = { SB = 0 }"),
    )
    .expect("write strategy");
    let out = build_ok(dir.path());
    let text = page_texts(&out.path().join("text.pdf")).join(" ");
    assert!(
        text.contains("Savivaldybės biudžetas SB — Iš viso 0,0 —"),
        "{text}"
    );
    assert!(!text.contains("0 %") && !text.contains("0,0 %"), "{text}");
    // The contents, the strategy, the funding table and the chart's legend.
    assert_eq!(
        text.matches("1 prioritetas. Prioritetas").count(),
        4,
        "{text}"
    );
    assert!(!text.contains("1. Prioritetas"), "{text}");
}

/// A mission beside the vision (`[vision] mission`) is typeset under the vision statement,
/// is a fact for chapters, and is in the JSON export.
#[test]
fn the_mission_stands_beside_the_vision() {
    let dir = copy_of_basic();
    let plan = dir.path().join("plan.toml");
    let toml = std::fs::read_to_string(&plan).expect("plan.toml");
    let (before, after) = toml.split_once("[vision]\n").expect("a vision");
    let mission = "Serve every resident online and in person";
    std::fs::write(
        &plan,
        format!("{before}[vision]\nmission = \"{mission}\"\n{after}"),
    )
    .expect("write");
    let chapter = dir.path().join("chapters/intro.md");
    let md = std::fs::read_to_string(&chapter).expect("chapter");
    std::fs::write(
        &chapter,
        format!("{md}\nOur mission: {{{{ vision.mission }}}}.\n"),
    )
    .expect("write chapter");
    let out = build_ok(dir.path());
    let text = page_texts(&out.path().join("plan.pdf")).join(" ");
    assert!(text.contains(&format!("MISSION {mission}")), "{text}");
    assert!(text.contains(&format!("Our mission: {mission}.")), "{text}");
    let json = exported_json(dir.path());
    assert_eq!(json["vision"]["mission"], mission);
    // `plan diff` names it as a changed field.
    let diff = std::process::Command::new(env!("CARGO_BIN_EXE_plan"))
        .args(["diff", "--format", "text"])
        .arg(crate::common::fixture("basic"))
        .arg(dir.path())
        .env("NO_COLOR", "1")
        .output()
        .expect("run plan diff");
    let text = String::from_utf8_lossy(&diff.stdout);
    assert!(text.contains("mission") && text.contains(mission), "{text}");
}

/// Approval in stages: approved by the council on a date before the decision's number is
/// known, or with a number and no date yet; the title page says only what is known, and the
/// JSON export gives the unknown as null.
#[test]
fn approval_in_stages_says_only_what_is_known() {
    let dir = copy_of_basic();
    let plan = dir.path().join("plan.toml");
    let toml = std::fs::read_to_string(&plan)
        .expect("plan.toml")
        .replace("language = \"en\"", "language = \"lt\"")
        .replace(
            "body = \"Riverton Municipal Council\"",
            "body = \"Rivertono savivaldybės taryba\"",
        );
    for (cut, expected, absent) in [
        (
            "decision = \"D-7\"\n",
            "Rivertono savivaldybės tarybos 2021 m. gruodžio 20 d. sprendimu",
            "Nr.",
        ),
        (
            "date = 2021-12-20\n",
            "Rivertono savivaldybės tarybos sprendimu Nr. D-7",
            "2021 m. gruodžio 20 d.",
        ),
    ] {
        assert!(toml.contains(cut), "{cut}");
        std::fs::write(&plan, toml.replacen(cut, "", 1)).expect("write");
        let out = build_ok(dir.path());
        let title = &page_texts(&out.path().join("plan.pdf"))[0];
        assert!(title.contains("PATVIRTINTA"), "{title}");
        assert!(title.contains(expected), "{title}");
        let mark = title.split("PATVIRTINTA").nth(1).expect("the mark");
        let mark: String = mark.chars().take(expected.len() + 12).collect();
        assert!(!mark.contains(absent), "{mark}");
    }
    let json = exported_json(dir.path());
    assert_eq!(json["approval"]["decision"], "D-7");
    assert!(json["approval"]["date"].is_null(), "{}", json["approval"]);
}

/// Working groups with their members (`[[group.member]]`): `@groups` lists each group, the
/// number of measures it reviews and its members in a captioned table; the JSON export
/// carries them.
#[test]
fn working_groups_are_listed_with_their_members() {
    let dir = copy_of_basic();
    let plan = dir.path().join("plan.toml");
    let toml = std::fs::read_to_string(&plan).expect("plan.toml");
    let (before, after) = toml
        .split_once("id = \"people\"\n")
        .expect("the people group");
    let (name, rest) = after.split_once('\n').expect("its name");
    let members = "\n[[group.member]]\nname = \"Ada Lovelace\"\nrole = \"chair\"\n\
                   institution = \"Riverton Library\"\n\n[[group.member]]\nname = \"Alan Turing\"\n";
    let toml = format!("{before}id = \"people\"\n{name}\n{members}{rest}")
        .replace("\"@abbreviations\",", "\"@abbreviations\", \"@groups\",");
    assert!(toml.contains("\"@groups\""));
    std::fs::write(&plan, toml).expect("write");
    let out = build_ok(dir.path());
    let text = page_texts(&out.path().join("plan.pdf")).join(" ");
    assert!(text.contains("Working groups"), "{text}");
    assert!(
        text.contains(
            "No. Name Role Institution 1. Ada Lovelace chair Riverton Library 2. Alan Turing — —"
        ),
        "{text}"
    );
    assert!(text.contains("The group reviewed 1 measure."), "{text}");
    let json = exported_json(dir.path());
    let people = json["groups"]
        .as_array()
        .and_then(|g| g.iter().find(|g| g["id"] == "people"))
        .expect("the group");
    assert_eq!(people["members"][0]["name"], "Ada Lovelace");
    assert!(people["members"][1]["role"].is_null());
}

/// Indicator cards (`@indicator-cards`): one card per indicator with where it belongs, its
/// values and direction, and how it is calculated, its source, frequency and reporter (a
/// dash for what is not given); the JSON export carries the new keys.
#[test]
fn every_indicator_has_a_card() {
    let dir = copy_of_basic();
    let strategy = dir.path().join("strategy/b-open.toml");
    let toml = std::fs::read_to_string(&strategy).expect("strategy");
    let toml = toml.replacen(
        "source = \"Resident survey\"\n",
        "source = \"Resident survey\"\nmethod = \"Share of satisfied answers\"\n\
         frequency = \"every two years\"\nreporter = \"Strategy office\"\n",
        1,
    );
    assert!(toml.contains("every two years"));
    std::fs::write(&strategy, toml).expect("write strategy");
    let plan = dir.path().join("plan.toml");
    let toml = std::fs::read_to_string(&plan).expect("plan.toml");
    std::fs::write(
        &plan,
        format!(
            "{toml}\n[[document]]\nid = \"cards\"\nparts = [\"@indicator-cards\"]\nannex = true\n"
        ),
    )
    .expect("write");
    let out = build_ok(dir.path());
    let text = page_texts(&out.path().join("cards.pdf")).join(" ");
    assert!(text.contains("Indicator cards"), "{text}");
    assert!(
        text.contains("E-3-1 Residents satisfied with municipal services Belongs to Goal 3. Bring municipal services online"),
        "{text}"
    );
    assert!(
        text.contains("Calculation Share of satisfied answers Data source Resident survey Frequency every two years Reported by Strategy office"),
        "{text}"
    );
    // Every indicator of the plan has its card, and what is not given is a dash.
    for code in ["E-1-1", "R-1.1-1", "P-1.1.1-1", "R-3.1-1", "P-3.1.1-1"] {
        assert!(text.contains(code), "no card for {code}: {text}");
    }
    assert!(text.contains("Frequency — Reported by —"), "{text}");
    let json = exported_json(dir.path());
    let satisfied = json["indicators"]
        .as_array()
        .and_then(|list| list.iter().find(|i| i["code"] == "E-3-1"))
        .expect("the indicator");
    assert_eq!(satisfied["frequency"], "every two years");
}

/// What `plan export --format json` writes for the plan in `dir`.
fn exported_json(dir: &Path) -> serde_json::Value {
    let out = tempfile::tempdir().expect("output folder");
    let exported = std::process::Command::new(env!("CARGO_BIN_EXE_plan"))
        .args(["export", "--format", "json", "-o"])
        .arg(out.path())
        .arg(dir)
        .output()
        .expect("run plan export");
    assert!(
        exported.status.success(),
        "{}",
        String::from_utf8_lossy(&exported.stderr)
    );
    let json = std::fs::read_to_string(out.path().join("plan.json")).expect("plan.json");
    serde_json::from_str(&json).expect("JSON")
}
