//! One thin file per subcommand: turn arguments into a pipeline call, print the outcome,
//! return the exit code (0 success, 1 the plan has errors, 2 usage error).

pub mod build;
pub mod check;
pub mod diff;
pub mod export;
pub mod import;
pub mod init;
pub mod schema;
pub mod watch;

use std::io::IsTerminal;

use codespan_reporting::term::termcolor::{ColorChoice, StandardStream};
use plan::diag::{Diagnostics, Sources};

use crate::cli::{Cli, Format};

/// The parsed command line. A mistake in it is printed by clap, or, when the command
/// prints its problems as JSON (`--format json`), as one JSON usage problem, so that a
/// tool reading the output always gets JSON; the error is the exit status (2).
pub fn command_line() -> Result<Cli, u8> {
    use clap::Parser;
    use clap::error::ErrorKind;
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let error = match Cli::try_parse_from(&args) {
        Ok(cli) => return Ok(cli),
        Err(error) => error,
    };
    let shown_as_asked = matches!(
        error.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    );
    match json_printer(&args) {
        Some(print) if !shown_as_asked => {
            Err(report_one_with(print, clap_problem(&error), Format::Json))
        }
        _ => error.exit(),
    }
}

/// Where a command prints its problems as JSON, when the command line asks for that:
/// `--format json` on a command whose `--format` is how problems print (all but `export`,
/// where it names the file format, and `init`, which has none).
fn json_printer(args: &[std::ffi::OsString]) -> Option<fn(&Sources, &Diagnostics, Format)> {
    let args: Vec<&str> = args.iter().skip(1).filter_map(|a| a.to_str()).collect();
    let command = args.iter().find(|a| !a.starts_with('-'))?;
    let json =
        args.windows(2).any(|pair| pair == ["--format", "json"]) || args.contains(&"--format=json");
    match *command {
        "build" | "preview" | "watch" | "check" if json => Some(report),
        "diff" if json => Some(report_beside_output),
        _ => None,
    }
}

/// A command-line mistake as a usage problem: clap's first line is the message, its tips
/// and the usage line are hints.
fn clap_problem(error: &clap::Error) -> plan::diag::Diagnostic {
    let text = error.render().to_string();
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let first = lines.next().unwrap_or("the command line is not valid");
    let message = first.strip_prefix("error: ").unwrap_or(first);
    lines.fold(plan::diag::Diagnostic::usage(message), |problem, line| {
        problem.hint(line.strip_prefix("tip: ").unwrap_or(line))
    })
}

/// Whether output to a stream (a terminal or not) gets colour: only on a terminal, not
/// with `NO_COLOR` set to a value (an empty one does not count, as no-color.org says),
/// and not on a dumb terminal.
pub fn colour_for(terminal: bool) -> bool {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let dumb = std::env::var_os("TERM").is_some_and(|t| t == "dumb");
    terminal && !no_color && !dumb
}

/// Prints diagnostics: as JSON lines on stdout, or for people on stderr, in colour only on
/// a terminal and never with `NO_COLOR`. Every problem a command meets, usage errors
/// included, is printed here.
pub fn report(sources: &Sources, diags: &Diagnostics, format: Format) {
    if let Format::Json = format {
        let _ = sources.emit_json(&mut std::io::stdout().lock(), diags);
        return;
    }
    report_for_people(sources, diags);
}

/// [`report`] for a command whose standard output is its result (`plan diff`): JSON lines
/// go to standard error, beside the result rather than into it.
pub fn report_beside_output(sources: &Sources, diags: &Diagnostics, format: Format) {
    if let Format::Json = format {
        let _ = sources.emit_json(&mut std::io::stderr().lock(), diags);
        return;
    }
    report_for_people(sources, diags);
}

/// A single problem that points into no file (a usage error), printed as [`report`] does;
/// returns its exit status.
pub fn report_one(problem: plan::diag::Diagnostic, format: Format) -> u8 {
    report_one_with(report, problem, format)
}

/// [`report_one`] through the printer `print` ([`report`] or [`report_beside_output`]).
pub fn report_one_with(
    print: fn(&Sources, &Diagnostics, Format),
    problem: plan::diag::Diagnostic,
    format: Format,
) -> u8 {
    let mut diags = Diagnostics::default();
    diags.push(problem);
    print(&Sources::default(), &diags, format);
    diags.exit_status(false)
}

fn report_for_people(sources: &Sources, diags: &Diagnostics) {
    // Decided here, not by termcolor's `Auto`, which also turns colour off for an empty
    // `NO_COLOR`.
    let color = if colour_for(std::io::stderr().is_terminal()) {
        ColorChoice::Always
    } else {
        ColorChoice::Never
    };
    // Text from the plan or a workbook is printed, never obeyed by the terminal.
    let mut stderr = plan::diag::Shown::new(StandardStream::stderr(color));
    let _ = sources.emit(&mut stderr, diags);
    let _ = std::io::Write::flush(&mut stderr);
}
