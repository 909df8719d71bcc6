//! The `plan` binary: parses the command line, runs the pipeline, prints diagnostics and
//! sets the exit code (0 success, 1 the plan has errors, 2 usage error).

mod cli;

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;
use codespan_reporting::term::termcolor::{ColorChoice, StandardStream};

use cli::{Cli, Command};
use plan::diag::{Diagnostics, Sources};
use plan::{BuildOptions, Outcome};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut sources = Sources::default();
    let mut diags = Diagnostics::default();
    let code = match cli.command {
        Command::Build(args) => {
            let options = BuildOptions {
                dir: args.dir,
                out: args.out,
                documents: args.documents,
                deny_warnings: args.deny_warnings,
            };
            let outcome = plan::build(&options, &mut sources, &mut diags);
            report(&sources, &diags);
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
        Command::Check(args) => {
            let checked = plan::check(&args.dir, &mut sources, &mut diags);
            report(&sources, &diags);
            if checked.is_none() || plan::failed(&diags, args.deny_warnings) {
                1
            } else {
                if let Some(checked) = checked {
                    let p = &checked.plan;
                    let measures = p.measures().count();
                    eprintln!(
                        "ok: {} priorities, {} goals, {} objectives, {measures} measures",
                        p.priorities.len(),
                        p.priorities.iter().map(|x| x.goals.len()).sum::<usize>(),
                        p.priorities
                            .iter()
                            .flat_map(|x| &x.goals)
                            .map(|g| g.objectives.len())
                            .sum::<usize>(),
                    );
                }
                0
            }
        }
    };
    ExitCode::from(code)
}

/// Prints diagnostics to stderr, in colour only on a terminal and never with `NO_COLOR`.
fn report(sources: &Sources, diags: &Diagnostics) {
    let color = if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
        || !std::io::stderr().is_terminal()
    {
        ColorChoice::Never
    } else {
        ColorChoice::Auto
    };
    let mut stderr = StandardStream::stderr(color);
    let _ = sources.emit(&mut stderr, diags);
}
