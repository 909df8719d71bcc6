//! One diagnostic type for every stage (TOML, model checks, Markdown, typst templates) and
//! one printer, so that every problem reads the same way: severity, message, the file,
//! line and column, the source line underlined, and a hint.

mod ci;
pub mod codes;
mod excerpt;
mod shown;

pub use ci::{escape_data, escape_property};
pub use codes::{Code, USAGE};
pub use shown::{Shown, shown};

use std::ops::Range;
use std::path::{Path, PathBuf};

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label, Severity as CsSeverity};
use codespan_reporting::files::{Files, SimpleFiles};
use codespan_reporting::term::{self, termcolor::WriteColor};

/// Index of a file registered in [`Sources`].
pub type FileId = usize;

/// A byte range inside one registered file.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Span {
    pub file: FileId,
    pub range: Range<usize>,
}

impl Span {
    pub fn new(file: FileId, range: Range<usize>) -> Self {
        Self { file, range }
    }
}

/// How bad a diagnostic is. Errors stop the build; warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
    /// Worth a look but probably fine, e.g. two ids that differ only by case.
    Help,
}

/// A problem found in the plan, pointing at its source when it has one.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// A stable name for the kind of problem, e.g. `unknown-id`, for tools and CI.
    pub code: Code,
    pub message: String,
    pub span: Option<Span>,
    /// Short text shown under the underline.
    pub label: String,
    /// Other places worth showing, e.g. where a duplicate id was first defined.
    pub related: Vec<(Span, String)>,
    pub hints: Vec<String>,
    /// The file a problem with a whole file is about (one that could not be read, so
    /// has no text to point into), as the plan names it.
    pub file: Option<String>,
    /// Where in that file, when it is not a text file: a workbook's `Sheet!B5`.
    pub cell: Option<String>,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            code: codes::ERROR,
            message: message.into(),
            span: None,
            label: String::new(),
            related: Vec::new(),
            hints: Vec::new(),
            file: None,
            cell: None,
        }
    }

    pub fn warning(message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(message)
        }
    }

    pub fn help(message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Help,
            ..Self::error(message)
        }
    }

    /// A request that cannot be carried out as asked, whatever the plan says: an unknown
    /// `--document`, a revision that does not exist, `init` into a full folder. Its code is
    /// [`USAGE`], which makes the exit status 2.
    pub fn usage(message: impl Into<String>) -> Self {
        Self::error(message).code(USAGE)
    }

    /// Names the kind of problem.
    pub fn code(mut self, code: Code) -> Self {
        self.code = code;
        self
    }

    /// Names the file a problem with a whole file is about.
    pub fn about(mut self, file: impl Into<String>) -> Self {
        self.file = Some(file.into());
        self
    }

    /// Points the diagnostic at a cell of a workbook (`Sheet!B5`) the user filled in.
    pub fn in_cell(mut self, file: impl Into<String>, cell: impl Into<String>) -> Self {
        self.file = Some(file.into());
        self.cell = Some(cell.into());
        self
    }

    /// Points the diagnostic at a span of a source file.
    pub fn at(mut self, span: Span) -> Self {
        self.span = Some(span);
        self
    }

    /// Text printed beside the underline.
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }

    /// Adds a secondary place to the diagnostic.
    pub fn related(mut self, span: Span, label: impl Into<String>) -> Self {
        self.related.push((span, label.into()));
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }
}

/// Collects diagnostics across stages so that all problems are reported in one run.
#[derive(Debug, Default)]
pub struct Diagnostics {
    list: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.list.push(diagnostic);
    }

    /// Pushes a diagnostic and returns it for further detail.
    pub fn push_mut(&mut self, diagnostic: Diagnostic) -> &mut Diagnostic {
        self.list.push(diagnostic);
        let last = self.list.len() - 1;
        &mut self.list[last]
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.list.extend(other);
    }

    pub fn has_errors(&self) -> bool {
        self.list.iter().any(|d| d.severity == Severity::Error)
    }

    /// Whether the request itself was wrong (a [`USAGE`] problem).
    pub fn has_usage_error(&self) -> bool {
        self.list.iter().any(|d| d.code == USAGE)
    }

    /// The exit status these diagnostics call for: 2 for a usage problem, 1 when there
    /// are errors (or warnings, with `deny_warnings`), 0 otherwise.
    pub fn exit_status(&self, deny_warnings: bool) -> u8 {
        if self.has_usage_error() {
            2
        } else if self.has_errors() || (deny_warnings && self.count(Severity::Warning) > 0) {
            1
        } else {
            0
        }
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.list.iter().filter(|d| d.severity == severity).count()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.list.iter()
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// Drops the warnings and hints from the `since`-th diagnostic on that point into one
    /// of the `damaged` spans (tables read without a line that had an error): they are
    /// likely echoes of that error. Errors are always kept.
    pub fn hold_back(&mut self, since: usize, damaged: &[Span]) {
        let mut index = 0;
        self.list.retain(|d| {
            index += 1;
            index <= since
                || d.severity == Severity::Error
                || !d.span.as_ref().is_some_and(|span| {
                    damaged.iter().any(|damage| {
                        damage.file == span.file
                            && damage.range.start <= span.range.start
                            && span.range.end <= damage.range.end
                    })
                })
        });
    }
}

/// The text of every file a diagnostic may point into: plan files, chapters and templates.
#[derive(Debug)]
pub struct Sources {
    files: SimpleFiles<String, String>,
    paths: Vec<PathBuf>,
}

impl Default for Sources {
    fn default() -> Self {
        Self {
            files: SimpleFiles::new(),
            paths: Vec::new(),
        }
    }
}

impl Sources {
    /// Registers a file under the name shown to users; returns its id.
    pub fn add(&mut self, name: impl Into<String>, path: PathBuf, text: String) -> FileId {
        self.paths.push(path);
        self.files.add(name.into(), text)
    }

    /// The id of a file registered under `name`.
    pub fn find(&self, name: &str) -> Option<FileId> {
        (0..self.paths.len()).find(|&id| self.files.get(id).is_ok_and(|f| f.name() == name))
    }

    /// The text of a registered file.
    pub fn text(&self, file: FileId) -> &str {
        self.files
            .get(file)
            .map(|f| f.source().as_str())
            .unwrap_or("")
    }

    /// The name a file is shown under.
    pub fn name(&self, file: FileId) -> String {
        self.files
            .get(file)
            .map(|f| f.name().clone())
            .unwrap_or_default()
    }

    /// The real path a file was read from.
    pub fn path(&self, file: FileId) -> &Path {
        self.paths
            .get(file)
            .map(PathBuf::as_path)
            .unwrap_or(Path::new(""))
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_column(&self, file: FileId, offset: usize) -> (usize, usize) {
        let line = self.files.line_index(file, offset).unwrap_or(0);
        let column = self.files.column_number(file, line, offset).unwrap_or(1);
        (line + 1, column)
    }

    /// Prints diagnostics in rustc style, followed by a summary line.
    pub fn emit(&self, out: &mut dyn WriteColor, diagnostics: &Diagnostics) -> std::io::Result<()> {
        let config = term::Config::default();
        for diagnostic in diagnostics.iter() {
            let mut cs = match diagnostic.severity {
                Severity::Error => CsDiagnostic::new(CsSeverity::Error),
                Severity::Warning => CsDiagnostic::new(CsSeverity::Warning),
                Severity::Help => CsDiagnostic::new(CsSeverity::Help),
            }
            .with_message(&diagnostic.message);
            // Very long lines are printed cut around the place (see `excerpt`).
            let spans: Vec<&Span> = diagnostic
                .span
                .iter()
                .chain(diagnostic.related.iter().map(|(s, _)| s))
                .collect();
            let excerpts = excerpt::Excerpts::new(&self.files, &spans);
            let range = |span: &Span| match &excerpts {
                Some(e) => e.range(span.file, span.range.clone()),
                None => span.range.clone(),
            };
            let mut labels = Vec::new();
            if let Some(span) = &diagnostic.span {
                labels.push(Label::primary(span.file, range(span)).with_message(&diagnostic.label));
            }
            for (span, label) in &diagnostic.related {
                labels.push(Label::secondary(span.file, range(span)).with_message(label));
            }
            cs = cs.with_labels(labels);
            // A place with no line to show (a workbook's cell, a whole file) comes first.
            let place = match (&diagnostic.span, &diagnostic.file, &diagnostic.cell) {
                (None, Some(file), Some(cell)) => Some(format!("at {file}, cell {cell}")),
                (None, Some(file), None) => Some(format!("in {file}")),
                _ => None,
            };
            let hints = diagnostic.hints.iter().map(|h| format!("hint: {h}"));
            cs = cs.with_notes(place.into_iter().chain(hints).collect());
            match &excerpts {
                Some(e) => term::emit(out, &config, e, &cs),
                None => term::emit(out, &config, &self.files, &cs),
            }
            .map_err(std::io::Error::other)?;
        }
        let errors = diagnostics.count(Severity::Error);
        let warnings = diagnostics.count(Severity::Warning);
        if errors + warnings > 0 {
            writeln!(out, "{}", summary(errors, warnings))?;
        }
        Ok(())
    }
}

impl Sources {
    /// Diagnostics as JSON, one object a line, for editors and CI: severity, code, message,
    /// file, line, column, end line and column (1-based, columns in characters), hints.
    pub fn emit_json(
        &self,
        out: &mut dyn std::io::Write,
        diagnostics: &Diagnostics,
    ) -> std::io::Result<()> {
        for d in diagnostics.iter() {
            let severity = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Help => "help",
            };
            let place = d.span.as_ref().map(|span| {
                let (line, column) = self.line_column(span.file, span.range.start);
                let (end_line, end_column) = self.line_column(span.file, span.range.end);
                serde_json::json!({
                    "file": self.path(span.file).display().to_string(),
                    "line": line,
                    "column": column,
                    "end": { "line": end_line, "column": end_column },
                })
            });
            // Every object has `file`: the file of its place, the file a whole-file
            // problem is about, or null.
            let mut object = serde_json::json!({
                "severity": severity,
                "code": d.code.as_str(),
                "message": d.message,
                "hints": d.hints,
                "file": d.file,
            });
            if let (Some(cell), Some(map)) = (&d.cell, object.as_object_mut()) {
                map.insert("cell".into(), cell.clone().into());
            }
            if let (Some(place), Some(map)) = (place, object.as_object_mut()) {
                map.extend(place.as_object().cloned().unwrap_or_default());
            }
            writeln!(out, "{object}")?;
        }
        Ok(())
    }
}

/// "2 errors, 1 warning".
pub fn summary(errors: usize, warnings: usize) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!(
        "{}, {}",
        plural(errors, "error"),
        plural(warnings, "warning")
    )
}
