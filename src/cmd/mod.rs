//! One thin file per subcommand: turn arguments into a pipeline call, print the outcome,
//! return the exit code (0 success, 1 the plan has errors, 2 usage error).

pub mod build;
pub mod check;
pub mod diff;
pub mod export;
pub mod init;
pub mod watch;

use std::io::IsTerminal;

use codespan_reporting::term::termcolor::{ColorChoice, StandardStream};
use plan::diag::{Diagnostics, Sources};

use crate::cli::Format;

/// Whether output to a stream (a terminal or not) gets colour: only on a terminal, not
/// with `NO_COLOR` set to a value (an empty one does not count, as no-color.org says),
/// and not on a dumb terminal.
pub fn colour_for(terminal: bool) -> bool {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let dumb = std::env::var_os("TERM").is_some_and(|t| t == "dumb");
    terminal && !no_color && !dumb
}

/// Prints diagnostics: as JSON lines on stdout, or for people on stderr, in colour only on
/// a terminal and never with `NO_COLOR`.
pub fn report(sources: &Sources, diags: &Diagnostics, format: Format) {
    if let Format::Json = format {
        let _ = sources.emit_json(&mut std::io::stdout().lock(), diags);
        return;
    }
    // Decided here, not by termcolor's `Auto`, which also turns colour off for an empty
    // `NO_COLOR`.
    let color = if colour_for(std::io::stderr().is_terminal()) {
        ColorChoice::Always
    } else {
        ColorChoice::Never
    };
    let mut stderr = StandardStream::stderr(color);
    let _ = sources.emit(&mut stderr, diags);
}
