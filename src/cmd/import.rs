//! `plan import`.

use plan::collect::import::ImportOptions;
use plan::diag::{Diagnostics, Sources, shown};

use crate::cli::{Format, ImportArgs};

pub fn run(args: ImportArgs) -> u8 {
    let options = ImportOptions {
        dir: args.dir,
        year: args.year,
        file: args.file,
        replace: args.replace,
    };
    let mut sources = Sources::default();
    let mut diags = Diagnostics::default();
    let imported = plan::collect::import::import(&options, &mut sources, &mut diags);
    super::report(&sources, &diags, Format::Human);
    // The path is the user's, and may hold anything a file name can: printed shown.
    let shown_path = |path: &std::path::Path| shown(&path.display().to_string()).into_owned();
    match imported {
        Some(imported) if imported.changed == 0 => {
            eprintln!(
                "nothing new: {} already holds every value of the workbook",
                shown_path(&imported.path)
            );
            0
        }
        Some(imported) => {
            let verb = if imported.created { "wrote" } else { "updated" };
            let values = if imported.changed == 1 {
                "value"
            } else {
                "values"
            };
            eprintln!(
                "{verb} {} ({} {values} from the workbook)",
                shown_path(&imported.path),
                imported.changed
            );
            diags.exit_status(false)
        }
        None => {
            eprintln!("error: nothing was written");
            diags.exit_status(false).max(1)
        }
    }
}
