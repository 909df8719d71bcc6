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
        // The templates' side margins: 2.2 cm on portrait pages, 1.5 cm on the landscape
        // action plan; 1 mm of slack for antialiasing.
        let margin = if width > height { px(1.4) } else { px(2.1) };
        let inked = |x: u32| (0..height).any(|y| page.get_pixel(x, y).0[0] < 128);
        let left = (0..margin).filter(|&x| inked(x)).count();
        let right = (width - margin..width).filter(|&x| inked(x)).count();
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
