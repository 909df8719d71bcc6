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

/// Prints diagnostics: as JSON lines on stdout, or for people on stderr, in colour only on
/// a terminal and never with `NO_COLOR`.
pub fn report(sources: &Sources, diags: &Diagnostics, format: Format) {
    if let Format::Json = format {
        let _ = sources.emit_json(&mut std::io::stdout().lock(), diags);
        return;
    }
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let color = if no_color || !std::io::stderr().is_terminal() {
        ColorChoice::Never
    } else {
        ColorChoice::Auto
    };
    let mut stderr = StandardStream::stderr(color);
    let _ = sources.emit(&mut stderr, diags);
}
