//! `plan export`.

use plan::diag::{Diagnostics, Sources};
use plan::export::ExportOptions;

use crate::cli::{ExportArgs, Format};

pub fn run(args: ExportArgs) -> u8 {
    let options = ExportOptions {
        dir: args.dir,
        out: args.out,
        format: args.format.into(),
        deny_warnings: args.deny_warnings,
        collect: args.collect,
        per_institution: args.per_institution,
    };
    let mut sources = Sources::default();
    let mut diags = Diagnostics::default();
    let written = plan::export::export(&options, &mut sources, &mut diags);
    super::report(&sources, &diags, Format::Human);
    match written {
        Some(paths) => {
            for path in paths {
                eprintln!("wrote {}", path.display());
            }
            0
        }
        None => {
            if !diags
                .iter()
                .any(|d| d.code == plan::diag::codes::PARTLY_WRITTEN)
            {
                eprintln!("error: nothing was written; earlier exports are unchanged");
            }
            diags.exit_status(options.deny_warnings).max(1)
        }
    }
}
