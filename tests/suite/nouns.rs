//! Facts followed by the noun they count, in the form the number asks for
//! (`{{ count.priorities | noun }}` → "1 prioritetas", "2 prioritetai", "10 prioritetų"),
//! and the mistakes a consultant can make writing them, located with hints.

use plan::Outcome;

use crate::common::{build, build_ok, chapter_plan, pdf_text, render};

#[test]
fn counts_agree_with_their_nouns_in_the_pdf() {
    // The `text` fixture has 1 priority, goal, objective and measure, 1 source and 1
    // institution, 3 indicators and no principles.
    let chapter = "# Apimtis\n\n\
        Planą sudaro {{ count.priorities | noun }}, {{ count.goals | noun }}, \
        {{ count.objectives | noun }} ir {{ count.measures | noun(\"priemonė\") }}; \
        finansuoja {{ count.sources | noun }}, vykdo \
        {{ count.institutions | noun(„komanda“, „komandos“, „komandų“) }}. \
        Principų – {{ count.principles | noun }}.\n\n\
        | Kas | Kiek |\n|---|---|\n| Rodikliai | {{ count.indicators \\| noun }} |\n";
    let dir = chapter_plan(chapter, &[]);
    let out = build_ok(dir.path());
    let text = pdf_text(&out.path().join("text.pdf")).replace('\u{a0}', " ");
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for phrase in [
        "Planą sudaro 1 prioritetas, 1 tikslas, 1 uždavinys ir 1 priemonė;",
        "finansuoja 1 šaltinis, vykdo 1 komanda.",
        "Principų – 0 principų.",
        // In a table's cell the bar is written `\|`, as every bar inside a cell.
        "Rodikliai 3 rodikliai",
    ] {
        assert!(text.contains(phrase), "{phrase:?} not in {text:?}");
    }
}

#[test]
fn mistakes_in_a_noun_are_located_with_hints() {
    let chapter = "# Klaidos\n\n\
        Planą sudaro {{ count.measures | noun(\"priemone\") }}.\n\n\
        Grupių yra {{ count.groups | noun(\"grupė\", \"grupės\") }}.\n\n\
        Planas {{ plan.title | noun }}.\n\n\
        Lėšų {{ funding.total | noun }}.\n\n\
        Rodiklių {{ count.indicators | daiktavardis }}.\n";
    let dir = chapter_plan(chapter, &[]);
    let (_out, outcome, sources, diags) = build(dir.path());
    assert!(matches!(outcome, Outcome::Failed), "{outcome:?}");
    insta::assert_snapshot!(render(&sources, &diags));
}

/// The starter plan of `plan init` grown by a second priority (a copy of the first, its
/// ids renamed): the introduction's counts still agree with their nouns.
fn starter_grown_by_a_priority(language: plan::model::Language, file: &str) -> String {
    let dir = tempfile::tempdir().expect("temporary folder");
    plan::init::init(dir.path(), language).expect("plan init");
    let first = std::fs::read_to_string(dir.path().join("strategy").join(file)).expect("strategy");
    let ids: Vec<String> = first
        .lines()
        .filter_map(|line| line.strip_prefix("id = "))
        .map(|id| id.trim().to_string())
        .collect();
    let second = ids.iter().fold(first.clone(), |text, id| {
        text.replace(id.as_str(), &format!("{}-2\"", id.trim_end_matches('"')))
    });
    std::fs::write(dir.path().join("strategy/2-second.toml"), second).expect("write");
    let out = build_ok(dir.path());
    // Every document's text: the introduction is in the strategic plan, whatever its name.
    let text: String = std::fs::read_dir(out.path())
        .expect("output")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .map(|p| pdf_text(&p).replace('\u{a0}', " "))
        .collect();
    // A word hyphenated at a line's end ("mea- sures") read whole.
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    text.replace("- ", "")
}

#[test]
fn the_lithuanian_starter_counts_with_nouns() {
    let text = starter_grown_by_a_priority(plan::model::Language::Lt, "1-patogus-miestas.toml");
    let phrase = "Jį sudaro 2 prioritetai, 4 tikslai ir 6 priemonės";
    assert!(text.contains(phrase), "{phrase:?} not in {text:?}");
}

#[test]
fn the_english_starter_counts_with_nouns() {
    let text = starter_grown_by_a_priority(plan::model::Language::En, "1-convenient-town.toml");
    let phrase = "It has 2 priorities, 4 goals and 6 measures";
    assert!(text.contains(phrase), "{phrase:?} not in {text:?}");
}

/// The counts a fact gives (`count.…`, and `report.…` but its year, money and per cents).
fn counts(name: &str) -> bool {
    name.starts_with("count.")
        || (name.starts_with("report.") && !name.ends_with(".year") && !name.contains(".funding."))
}

/// The example plan's chapters and the starters' write every count that a noun follows
/// with `| noun`, so the noun agrees with the number whatever it becomes.
#[test]
fn every_count_before_its_noun_agrees_in_the_example_and_the_starters() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let folders = [
        "plan/chapters",
        "starter/lt/chapters",
        "starter/en/chapters",
    ];
    let mut unagreed = Vec::new();
    for folder in folders {
        for entry in std::fs::read_dir(root.join(folder)).expect("chapters") {
            let path = entry.expect("entry").path();
            let text = std::fs::read_to_string(&path).expect("chapter");
            let mut rest = text.as_str();
            while let Some(start) = rest.find("{{") {
                let Some(end) = rest[start..].find("}}") else {
                    break;
                };
                let inside = rest[start + 2..start + end].trim();
                let after = &rest[start + end + 2..];
                // The next word, unless a preposition or conjunction ("5 iš 8", "5 and 6").
                let word = after.split_whitespace().next().unwrap_or("");
                let noun_follows = after.starts_with([' ', '\n'])
                    && word.starts_with(char::is_alphabetic)
                    && !["iš", "ir", "of", "and", "out"].contains(&word);
                if counts(inside) && !inside.contains('|') && noun_follows {
                    let next: String = after.chars().take(20).collect();
                    unagreed.push(format!("{}: {{{{ {inside} }}}}{next}", path.display()));
                }
                rest = after;
            }
        }
    }
    assert!(unagreed.is_empty(), "{unagreed:#?}");
}

/// In an English plan the hints speak of the singular and the plural, with English nouns.
#[test]
fn mistakes_in_an_english_noun_have_english_hints() {
    let chapter = "# Mistakes\n\n\
        The plan has {{ count.measures | noun(\"measures\") }}.\n\n\
        It has {{ count.goals | noun(\"goal\", \"goals\", \"goals\") }}.\n\n\
        And {{ count.objectives | nouns }}.\n";
    let dir = chapter_plan(chapter, &[]);
    let toml = dir.path().join("plan.toml");
    let text = std::fs::read_to_string(&toml).expect("plan.toml");
    std::fs::write(
        &toml,
        text.replace("language = \"lt\"", "language = \"en\""),
    )
    .expect("en");
    let (_out, outcome, sources, diags) = build(dir.path());
    assert!(matches!(outcome, Outcome::Failed), "{outcome:?}");
    insta::assert_snapshot!(render(&sources, &diags));
}
