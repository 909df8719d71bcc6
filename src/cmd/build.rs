//! `plan build`.

use plan::diag::{Diagnostics, Sources};
use plan::{BuildOptions, Outcome};

use crate::cli::BuildArgs;

pub fn run(args: BuildArgs) -> u8 {
    let format = args.format;
    let options = BuildOptions {
        dir: args.dir,
        out: args.out,
        documents: args.documents,
        deny_warnings: args.deny_warnings,
        stamp: !args.no_stamp,
    };
    let mut sources = Sources::default();
    let mut diags = Diagnostics::default();
    let outcome = plan::build(&options, &mut sources, &mut diags);
    super::report(&sources, &diags, format);
    match outcome {
        Outcome::Built(written) => {
            for w in written {
                let pages = if w.pages == 1 { "page" } else { "pages" };
                eprintln!("wrote {} ({} {pages})", w.path.display(), w.pages);
            }
            0
        }
        Outcome::Failed => {
            eprintln!("error: nothing was written; earlier PDFs are unchanged");
            1
        }
        Outcome::Usage(message) => {
            eprintln!("error: {message}");
            2
        }
    }
}
