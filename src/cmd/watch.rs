//! `plan watch`: build, then rebuild on every saved change until interrupted.

use plan::typeset::Export;
use plan::{BuildOptions, Outcome};

use crate::cli::WatchArgs;

pub fn run(args: WatchArgs) -> u8 {
    let format = args.typeset.format;
    let options = BuildOptions {
        keep_caches: true,
        ..super::build::options(args.typeset, args.out, Export::Pdf)
    };
    let dir = options.dir.display().to_string();
    let mut first = true;
    let result = plan::watch::watch(
        &options,
        |build| {
            if !build.changed.is_empty() {
                let names: Vec<String> = build
                    .changed
                    .iter()
                    .map(|p| match p.as_os_str().is_empty() {
                        true => "the plan folder (replaced)".to_string(),
                        false => plan::diag::shown(&p.display().to_string()).into_owned(),
                    })
                    .collect();
                eprintln!("\nchanged: {}", names.join(", "));
            }
            super::report(&build.sources, &build.diags, format);
            let seconds = build.elapsed.as_secs_f64();
            match &build.outcome {
                Outcome::Built(written) => {
                    written.iter().for_each(super::build::wrote_pdf);
                    eprintln!("built in {seconds:.2} s");
                }
                Outcome::Failed => {
                    eprintln!("build failed in {seconds:.2} s; the last good PDFs are kept");
                }
                // A wrong --document or --changes-since on the command line will not fix
                // itself: stop. Once watching, an edit (a document renamed) may have caused
                // it, and the next may mend it.
                Outcome::Usage if first => return false,
                Outcome::Usage => {
                    eprintln!("build stopped in {seconds:.2} s; the last good PDFs are kept");
                }
            }
            if first {
                eprintln!("watching {dir} for changes (Ctrl-C stops)");
                first = false;
            }
            true
        },
        |elapsed| {
            eprintln!(
                "\nstill building after {:.0} s: a template may be looping; a change saved now starts a new build (this one is left to finish and writes nothing)",
                elapsed.as_secs_f64()
            );
        },
    );
    match result {
        Ok(()) => 2,
        Err(message) => super::report_one(
            plan::diag::Diagnostic::error(message).code(plan::diag::codes::IO),
            format,
        ),
    }
}
