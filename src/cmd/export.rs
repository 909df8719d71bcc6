//! `plan export`.

use plan::diag::{Diagnostic, Diagnostics, Sources};
use plan::export::ExportOptions;

use crate::cli::{ExportArgs, ExportFormat, Format};

pub fn run(args: ExportArgs) -> u8 {
    // The collection workbook is an Excel workbook only, so `--collect` needs no format.
    let format = match (args.format, args.collect) {
        (Some(format @ (ExportFormat::Csv | ExportFormat::Json)), Some(_)) => {
            let name = if matches!(format, ExportFormat::Csv) {
                "csv"
            } else {
                "json"
            };
            let problem = Diagnostic::usage(format!(
                "--collect writes an Excel workbook, not {name}"
            ))
            .hint("leave out --format: `plan export --collect YEAR` writes collect-<YEAR>.xlsx");
            return super::report_one(problem, Format::Human);
        }
        (Some(format), _) => format,
        (None, _) => ExportFormat::Xlsx,
    };
    let options = ExportOptions {
        dir: args.dir,
        out: args.out,
        format: format.into(),
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
