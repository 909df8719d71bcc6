//! `plan build` and `plan preview`: the same pipeline, writing PDFs or page images.

use plan::diag::{Diagnostics, Sources};
use plan::output::Written;
use plan::typeset::Export;
use plan::{BuildOptions, Outcome};

use crate::cli::{BuildArgs, PreviewArgs, TypesetArgs};

pub fn run(args: BuildArgs) -> u8 {
    let format = args.typeset.format;
    let formats = args
        .formats
        .iter()
        .map(|f| match f {
            crate::cli::FileFormat::Pdf => plan::FileFormat::Pdf,
            crate::cli::FileFormat::Docx => plan::FileFormat::Docx,
        })
        .collect();
    let options = BuildOptions {
        emit_typst: args.emit_typst,
        formats,
        force: args.force,
        ..options(args.typeset, args.out, Export::Pdf)
    };
    // A plan's own `formats` may name Word files too; the message speaks of what was asked.
    let files = if options.formats.contains(&plan::FileFormat::Docx) {
        "PDFs and Word files"
    } else {
        "PDFs"
    };
    finish(&options, format, files, args.timings, wrote_pdf)
}

/// Tells of a document's files written (its PDF with its page count, its Word edition).
pub fn wrote_pdf(w: &Written) {
    for path in &w.paths {
        let pdf = path.extension().is_some_and(|e| e == "pdf");
        if w.kept && pdf {
            eprintln!("unchanged {} ({})", path.display(), pages(w.pages));
        } else if w.kept {
            eprintln!("unchanged {}", path.display());
        } else if path.extension().is_some_and(|e| e == "pdf") {
            eprintln!("wrote {} ({})", path.display(), pages(w.pages));
        } else {
            eprintln!("wrote {}", path.display());
        }
    }
}

pub fn preview(args: PreviewArgs) -> u8 {
    let export = Export::Png {
        pages: args.pages.unwrap_or_default(),
        dpi: args.dpi,
    };
    let format = args.typeset.format;
    let options = options(args.typeset, args.out, export);
    finish(&options, format, "images", false, |w| {
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

/// Runs the pipeline and prints the outcome; `wrote` tells of each document written,
/// `files` names what a failure leaves unchanged, and `timings` adds where the time went.
fn finish(
    options: &BuildOptions,
    format: crate::cli::Format,
    files: &str,
    timings: bool,
    wrote: impl Fn(&Written),
) -> u8 {
    let mut sources = Sources::default();
    let mut diags = Diagnostics::default();
    let (outcome, spent) = plan::build_timed(options, &mut sources, &mut diags);
    super::report(&sources, &diags, format);
    if timings {
        let ms = |d: std::time::Duration| d.as_millis();
        eprintln!(
            "timings: checks and Markdown {} ms; typesetting {} ms (typst layout {} ms and export {} ms, summed over documents; layout passes {}); writing {} ms",
            ms(spent.check),
            ms(spent.typeset),
            ms(spent.compile),
            ms(spent.export),
            spent
                .passes
                .iter()
                .map(usize::to_string)
                .collect::<Vec<_>>()
                .join(" + "),
            ms(spent.write)
        );
    }
    match outcome {
        Outcome::Built(written) => {
            written.iter().for_each(wrote);
            0
        }
        Outcome::Failed => {
            // Unless a rename failed half-way, which its message says.
            if !diags
                .iter()
                .any(|d| d.code == plan::diag::codes::PARTLY_WRITTEN)
            {
                eprintln!("error: nothing was written; earlier {files} are unchanged");
            }
            diags.exit_status(options.deny_warnings).max(1)
        }
        Outcome::Usage => 2,
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
        changes_label: args.changes_label,
        groups: args.groups,
        emit_typst: None,
        formats: Vec::new(),
        keep_caches: false,
        force: false,
        superseded: None,
    }
}
