//! `plan build` and `plan preview`: the same pipeline, writing PDFs or page images.

use plan::diag::{Diagnostics, Sources};
use plan::output::Written;
use plan::typeset::Export;
use plan::{BuildOptions, Outcome};

use crate::cli::{BuildArgs, PreviewArgs, TypesetArgs};

pub fn run(args: BuildArgs) -> u8 {
    typeset(args.typeset, args.out, Export::Pdf, "PDFs", wrote_pdf)
}

/// Tells of a PDF written.
pub fn wrote_pdf(w: &Written) {
    let path = w.paths.first().map(|p| p.display().to_string());
    eprintln!("wrote {} ({})", path.unwrap_or_default(), pages(w.pages));
}

pub fn preview(args: PreviewArgs) -> u8 {
    let export = Export::Png {
        pages: args.pages.unwrap_or_default(),
        dpi: args.dpi,
    };
    typeset(args.typeset, args.out, export, "images", |w| {
        match (w.paths.first(), w.paths.last()) {
            (Some(first), Some(last)) if w.paths.len() > 1 => eprintln!(
                "wrote {} … {} ({} of {})",
                first.display(),
                last.file_name().unwrap_or_default().to_string_lossy(),
                w.paths.len(),
                pages(w.pages)
            ),
            (Some(first), _) => eprintln!("wrote {} (1 of {})", first.display(), pages(w.pages)),
            _ => eprintln!(
                "`{}` has no page in the selection ({})",
                w.id,
                pages(w.pages)
            ),
        }
    })
}

/// Runs the pipeline and prints the outcome; `wrote` tells of each document written, and
/// `files` names what a failure leaves unchanged.
fn typeset(
    args: TypesetArgs,
    out: Option<std::path::PathBuf>,
    export: Export,
    files: &str,
    wrote: impl Fn(&Written),
) -> u8 {
    let format = args.format;
    let options = options(args, out, export);
    let mut sources = Sources::default();
    let mut diags = Diagnostics::default();
    let outcome = plan::build(&options, &mut sources, &mut diags);
    super::report(&sources, &diags, format);
    match outcome {
        Outcome::Built(written) => {
            written.iter().for_each(wrote);
            0
        }
        Outcome::Failed => {
            eprintln!("error: nothing was written; earlier {files} are unchanged");
            1
        }
        Outcome::Usage(message) => {
            eprintln!("error: {message}");
            2
        }
    }
}

/// "1 page", "56 pages".
fn pages(n: usize) -> String {
    if n == 1 {
        "1 page".into()
    } else {
        format!("{n} pages")
    }
}

/// The pipeline's options from the arguments `build`, `preview` and `watch` share.
pub fn options(args: TypesetArgs, out: Option<std::path::PathBuf>, export: Export) -> BuildOptions {
    BuildOptions {
        dir: args.dir,
        out,
        documents: args.documents,
        deny_warnings: args.deny_warnings,
        stamp: !args.no_stamp,
        export,
        changes_since: args.changes_since,
        groups: args.groups,
    }
}
