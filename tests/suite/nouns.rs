//! Facts followed by the noun they count, in the form the number asks for
//! (`{{ count.priorities | noun }}` → "1 prioritetas", "2 prioritetai", "10 prioritetų"),
//! and the mistakes a consultant can make writing them, located with hints.

use plan::Outcome;

use crate::common::{build, build_ok, chapter_plan, pdf_text, render};

#[test]
fn counts_agree_with_their_nouns_in_the_pdf() {
    // The `text` fixture has 1 priority, goal, objective and measure, 1 source and 1
    // institution, and no principles.
    let chapter = "# Apimtis\n\n\
        Planą sudaro {{ count.priorities | noun }}, {{ count.goals | noun }}, \
        {{ count.objectives | noun }} ir {{ count.measures | noun(\"priemonė\") }}; \
        finansuoja {{ count.sources | noun }}, vykdo \
        {{ count.institutions | noun(„komanda“, „komandos“, „komandų“) }}. \
        Principų – {{ count.principles | noun }}.\n";
    let dir = chapter_plan(chapter, &[]);
    let out = build_ok(dir.path());
    let text = pdf_text(&out.path().join("text.pdf")).replace('\u{a0}', " ");
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for phrase in [
        "Planą sudaro 1 prioritetas, 1 tikslas, 1 uždavinys ir 1 priemonė;",
        "finansuoja 1 šaltinis, vykdo 1 komanda.",
        "Principų – 0 principų.",
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
