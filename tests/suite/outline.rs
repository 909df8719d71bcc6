//! Heading numbers, the contents and the lists of figures and tables: `plan` works them
//! out before layout, so that typst settles a document in two layout passes; a template of
//! the plan's own that makes headings `plan` cannot see still gets them numbered and listed.

use plan::{BuildOptions, Outcome};

use crate::common::{build_ok, chapter_plan, page_texts, render};

/// The layout passes each document of the plan in `dir` took typst, in plan order.
fn layout_passes(dir: &std::path::Path) -> Vec<usize> {
    let out = tempfile::tempdir().expect("temporary folder");
    let options = BuildOptions {
        dir: dir.to_path_buf(),
        out: Some(out.path().to_path_buf()),
        ..Default::default()
    };
    let mut sources = plan::diag::Sources::default();
    let mut diags = plan::diag::Diagnostics::default();
    let (outcome, timings) = plan::build_timed(&options, &mut sources, &mut diags);
    assert!(
        matches!(outcome, Outcome::Built(_)),
        "{}",
        render(&sources, &diags)
    );
    timings.passes
}

/// Replaces `from` by `to` in the plan's plan.toml, which must hold it.
/// Every document of the example plan (contents, numbered chapters and parts, references
/// to sections, lists of figures and tables) settles in two layout passes as a
/// publication: the first lays everything out with the numbers and outline entries `plan`
/// gave, the second fills in the page numbers, and nothing moves. As acts (the example's
/// default) they take no more: an annex's title in capitals in place of its first heading
/// is chosen before layout (`opening` in document.typ), not by a state its heading updates,
/// which took the action-plan annex two passes more and the indicator cards one (and an
/// act of tables only, its title block above its first heading, two).
#[test]
fn the_example_plan_is_laid_out_in_two_passes() {
    let passes = |form: &str| {
        let dir =
            crate::common::example_edited(&[("[plan]\n", &format!("[plan]\nform = \"{form}\"\n"))]);
        // And an act of tables only long enough for contents: its title block stands
        // above the contents' heading.
        let toml = dir.path().join("plan.toml");
        let mut text = std::fs::read_to_string(&toml).expect("plan.toml");
        text.push_str(
            "\n[[document]]\nid = \"dalys\"\ntitle = \"Plano dalys\"\nparts = [\"@swot\", \
             \"@vision\", \"@strategy\", \"@indicators\", \"@links\", \"@groups\"]\n",
        );
        std::fs::write(&toml, text).expect("write plan.toml");
        layout_passes(dir.path())
    };
    let publication = passes("publication");
    assert_eq!(publication, [2, 2, 2, 2, 2]);
    let act = passes("act");
    assert!(
        act.iter().zip(&publication).all(|(a, p)| a <= p),
        "as acts {act:?}, as publications {publication:?}"
    );
}

/// A new plan's documents as acts (a Lithuanian plan's default) settle in two passes too:
/// its action plan, an act of tables only whose title block stands above its first
/// heading, and the same plan with the action plan and funding as annex parts of the
/// strategic plan, each titled in capitals under its mark.
#[test]
fn a_new_plans_acts_are_laid_out_in_two_passes() {
    let dir = tempfile::tempdir().expect("temporary folder");
    plan::init::init(dir.path(), plan::model::Language::Lt).expect("plan init");
    assert_eq!(layout_passes(dir.path()), [2, 2]);
    // The strategic plan's last parts: the list of annexes, then the two annex parts.
    crate::common::edit_plan(
        dir.path(),
        "  \"@annexes\",",
        "  \"@annexes\", \"@action-plan\", \"@funding\",",
    );
    crate::common::edit_plan(
        dir.path(),
        "\n]\n\n# Priemonių planas",
        "\n]\nannex = [\"@action-plan\", \"@funding\"]\n\n# Priemonių planas",
    );
    let out = build_ok(dir.path());
    let pages = page_texts(&out.path().join("strateginis-planas.pdf"));
    for title in ["PRIEMONIŲ PLANAS", "FINANSAVIMAS"] {
        assert_eq!(
            pages.iter().filter(|p| p.contains(title)).count(),
            1,
            "{title} in {pages:#?}"
        );
    }
    assert_eq!(layout_passes(dir.path()), [2, 2]);
}

/// A funding template of the plan's own, written before parts were given their numbers:
/// its part heading and subheadings are numbered by typst's counter, one subheading is
/// made inside `context` (out of `plan`'s sight), and the numbers around them still agree.
#[test]
fn a_plan_template_without_numbers_is_numbered_and_listed() {
    let dir = chapter_plan(
        "# Įvadas\n\n## Pirmas skirsnis\n\nTekstas.\n\n## Antras skirsnis\n",
        &["@funding", "@vision"],
    );
    std::fs::create_dir_all(dir.path().join("templates")).expect("templates folder");
    std::fs::write(
        dir.path().join("templates/funding.typ"),
        "#import \"style.typ\": part-heading\n\
         #let render(data, texts) = {\n  \
           part-heading(\"Pinigai\")\n  \
           heading(level: 2, \"Šaltiniai\")\n  \
           [Tekstas apie šaltinius.]\n  \
           context heading(level: 2, \"Metai\")\n  \
           [Tekstas apie metus.]\n\
         }\n",
    )
    .expect("write the template");
    let out = build_ok(dir.path());
    let pages = page_texts(&out.path().join("text.pdf"));
    let contents = &pages[1];
    let body = pages[2..].join(" ");
    for heading in [
        "1. Įvadas",
        "1.1. Pirmas skirsnis",
        "2. Pinigai",
        "2.1. Šaltiniai",
        "2.2. Metai",
        "3. Vizija",
    ] {
        assert!(
            contents.contains(heading),
            "contents lack {heading:?}: {contents}"
        );
        assert!(body.contains(heading), "the text lacks {heading:?}: {body}");
    }
}
