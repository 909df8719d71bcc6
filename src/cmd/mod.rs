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
/// prints its problems for a tool (`--format json`, `github` or `gitlab`), as one usage
/// problem in that format, so that a tool reading the output always gets what it asked
/// for; the error is the exit status (2).
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
    match tool_printer(&args) {
        Some((print, format)) if !shown_as_asked => {
            Err(report_one_with(print, clap_problem(&error), format))
        }
        _ => error.exit(),
    }
}

/// A printer of diagnostics: [`report`] or [`report_beside_output`].
type Printer = fn(&Sources, &Diagnostics, Format);

/// How a command prints its problems for a tool, when the command line asks for that:
/// `--format json`, `github` or `gitlab` on a command whose `--format` is how problems
/// print (all but `export`, where it names the file format, and `init`, which has none;
/// `diff` prints only JSON beside its output).
fn tool_printer(args: &[std::ffi::OsString]) -> Option<(Printer, Format)> {
    use clap::ValueEnum;
    let args: Vec<&str> = args.iter().skip(1).filter_map(|a| a.to_str()).collect();
    let command = args.iter().find(|a| !a.starts_with('-'))?;
    let value = args
        .windows(2)
        .find(|pair| pair[0] == "--format")
        .map(|pair| pair[1])
        .or_else(|| args.iter().find_map(|a| a.strip_prefix("--format=")))?;
    let format = Format::from_str(value, false).ok()?;
    match (*command, format) {
        (_, Format::Human) => None,
        ("build" | "preview" | "watch" | "check", _) => Some((report, format)),
        ("diff", Format::Json) => Some((report_beside_output, format)),
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

/// Prints diagnostics: for a tool (JSON lines, GitHub workflow commands, a GitLab Code
/// Quality report) on stdout, or for people on stderr, in colour only on a terminal and
/// never with `NO_COLOR`. Every problem a command meets, usage errors included, is printed
/// here.
pub fn report(sources: &Sources, diags: &Diagnostics, format: Format) {
    if !for_tools(sources, diags, format, &mut std::io::stdout().lock()) {
        report_for_people(sources, diags);
    }
}

/// [`report`] for a command whose standard output is its result (`plan diff`): what is
/// printed for tools goes to standard error, beside the result rather than into it.
pub fn report_beside_output(sources: &Sources, diags: &Diagnostics, format: Format) {
    if !for_tools(sources, diags, format, &mut std::io::stderr().lock()) {
        report_for_people(sources, diags);
    }
}

/// Prints the diagnostics to `out` in a format for tools; false for [`Format::Human`].
fn for_tools(
    sources: &Sources,
    diags: &Diagnostics,
    format: Format,
    out: &mut dyn std::io::Write,
) -> bool {
    let _ = match format {
        Format::Human => return false,
        Format::Json => sources.emit_json(out, diags),
        Format::Github => sources.emit_github(out, diags),
        Format::Gitlab => sources.emit_gitlab(out, diags),
    };
    true
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
