//! Diagnostics for CI services: GitHub Actions workflow commands (`--format github`), which
//! GitHub shows as annotations on the pull request's lines, and a GitLab Code Quality
//! report (`--format gitlab`), which GitLab shows in the merge request. Both name files by
//! their path from the current folder (where CI runs: the repository's root), so a plan in
//! a subfolder is still found.

use std::fmt::Write as _;
use std::path::{Component, Path, PathBuf};

use sha2::{Digest, Sha256};

use super::{Diagnostic, Diagnostics, Severity, Sources, shown};

/// A workflow command's message as GitHub's runner reads it back: `%`, CR and LF escaped
/// (as `@actions/core`'s `escapeData`), so that the text stays on one line and cannot
/// start a command of its own.
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A workflow command's property value (`file=…,title=…`): as [`escape_data`], and `:`
/// and `,`, which end a value (as `@actions/core`'s `escapeProperty`).
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// Where a diagnostic is, for a CI service: the file's path from the current folder, and
/// its 1-based line, column, end line and end column when it points into the text.
struct Place {
    path: String,
    lines: Option<(usize, usize, usize, usize)>,
}

impl Sources {
    /// One GitHub Actions workflow command a diagnostic: `::error`, `::warning` or
    /// `::notice`, with the file, line and column range and the code as its title; label,
    /// other places and hints follow the message on lines of their own.
    pub fn emit_github(
        &self,
        out: &mut dyn std::io::Write,
        diagnostics: &Diagnostics,
    ) -> std::io::Result<()> {
        for d in diagnostics.iter() {
            let command = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Help => "notice",
            };
            let mut properties = Vec::new();
            if let Some(place) = self.ci_place(d) {
                properties.push(format!("file={}", escape_property(&place.path)));
                if let Some((line, col, end_line, end_col)) = place.lines {
                    properties.push(format!("line={line}"));
                    properties.push(format!("col={col}"));
                    properties.push(format!("endLine={end_line}"));
                    properties.push(format!("endColumn={end_col}"));
                }
            }
            let title = format!("plan: {}", d.code.as_str());
            properties.push(format!("title={}", escape_property(&title)));
            let message = self.folded(d, "\n");
            writeln!(
                out,
                "::{command} {}::{}",
                properties.join(","),
                escape_data(&shown(&message))
            )?;
        }
        Ok(())
    }

    /// A GitLab Code Quality report: a JSON array with one object a diagnostic
    /// (description, check_name, fingerprint, severity, location). The fingerprint is
    /// the code, file and message hashed, not the line, so that a problem keeps it when
    /// lines are added above it and GitLab does not call it new.
    pub fn emit_gitlab(
        &self,
        out: &mut dyn std::io::Write,
        diagnostics: &Diagnostics,
    ) -> std::io::Result<()> {
        let mut seen = std::collections::HashMap::<String, usize>::new();
        let mut report = Vec::new();
        for d in diagnostics.iter() {
            let place = self.ci_place(d);
            let path = place
                .as_ref()
                .map_or_else(|| self.plan_file(), |p| p.path.clone());
            let (begin, end) = match place.and_then(|p| p.lines) {
                Some((line, _, end_line, _)) => (line, end_line),
                None => (1, 1),
            };
            let mut hash = Sha256::new();
            for part in [d.code.as_str(), &path, &d.message] {
                hash.update(part.as_bytes());
                hash.update([0]);
            }
            let mut fingerprint = hex(&hash.finalize()[..16]);
            // The same problem twice in one file is two entries, each with its own.
            let count = seen.entry(fingerprint.clone()).or_default();
            *count += 1;
            if *count > 1 {
                fingerprint = format!("{fingerprint}-{count}");
            }
            let severity = match d.severity {
                Severity::Error => "critical",
                Severity::Warning => "minor",
                Severity::Help => "info",
            };
            report.push(serde_json::json!({
                "type": "issue",
                "description": self.folded(d, "; "),
                "check_name": d.code.as_str(),
                "fingerprint": fingerprint,
                "severity": severity,
                "location": {
                    "path": path,
                    "lines": { "begin": begin, "end": end },
                },
            }));
        }
        let text = serde_json::to_string_pretty(&report).map_err(std::io::Error::other)?;
        writeln!(out, "{text}")
    }

    /// The message with what the terminal shows around it, in words: the label, the other
    /// places (`file:line: label`), the workbook cell and the hints, joined by `separator`.
    fn folded(&self, d: &Diagnostic, separator: &str) -> String {
        let mut parts = vec![d.message.clone()];
        if !d.label.is_empty() && !d.message.contains(&d.label) {
            parts.push(d.label.clone());
        }
        for (span, label) in &d.related {
            let (line, _) = self.line_column(span.file, span.range.start);
            let path = relative(self.path(span.file));
            parts.push(if label.is_empty() {
                format!("see {path}:{line}")
            } else {
                format!("{path}:{line}: {label}")
            });
        }
        if let (None, Some(file), Some(cell)) = (&d.span, &d.file, &d.cell) {
            parts.push(format!("at {file}, cell {cell}"));
        }
        parts.extend(d.hints.iter().map(|h| format!("hint: {h}")));
        parts.join(separator)
    }

    /// The file and lines a diagnostic points at, if any: its span's, or the file a
    /// whole-file problem is about.
    fn ci_place(&self, d: &Diagnostic) -> Option<Place> {
        if let Some(span) = &d.span {
            let (line, col) = self.line_column(span.file, span.range.start);
            let (end_line, end_col) = self.line_column(span.file, span.range.end);
            return Some(Place {
                path: relative(self.path(span.file)),
                lines: Some((line, col, end_line, end_col)),
            });
        }
        let name = d.file.as_ref()?;
        // A file the plan names is found where the plan's own files are.
        let path = match self.find(name) {
            Some(file) => self.path(file).to_path_buf(),
            None => match self.paths.first().and_then(|p| p.parent()) {
                Some(dir) => dir.join(name),
                None => PathBuf::from(name),
            },
        };
        Some(Place {
            path: relative(&path),
            lines: None,
        })
    }

    /// The plan's `plan.toml` (the first file read), for a problem that points nowhere:
    /// GitLab wants a path for every entry.
    fn plan_file(&self) -> String {
        self.paths
            .first()
            .map_or_else(|| "plan.toml".to_string(), |p| relative(p))
    }
}

/// `path` from the current folder, with `/` between its parts and no `./`: as the
/// repository names it when CI runs at its root. A path outside the current folder stays
/// as it is.
fn relative(path: &Path) -> String {
    let path = match std::env::current_dir() {
        Ok(here) if path.is_absolute() => path.strip_prefix(&here).unwrap_or(path),
        _ => path,
    };
    let parts: Vec<String> = path
        .components()
        .filter(|c| !matches!(c, Component::CurDir))
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if path.is_absolute() {
        return path.display().to_string();
    }
    parts.join("/")
}

/// Bytes as lowercase hexadecimal.
fn hex(bytes: &[u8]) -> String {
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Paths come out as a repository names them: from the current folder, without `./`.
    #[test]
    fn paths_are_relative_to_the_current_folder() {
        assert_eq!(relative(Path::new("./plan.toml")), "plan.toml");
        assert_eq!(
            relative(Path::new("sub/./strategy/a.toml")),
            "sub/strategy/a.toml"
        );
        let here = std::env::current_dir().expect("current folder");
        assert_eq!(relative(&here.join("plans/plan.toml")), "plans/plan.toml");
        assert_eq!(
            relative(Path::new("/elsewhere/plan.toml")),
            "/elsewhere/plan.toml"
        );
    }

    #[test]
    fn escaping_follows_githubs_rules() {
        assert_eq!(escape_data("100%: a,b\r\nc"), "100%25: a,b%0D%0Ac");
        assert_eq!(escape_property("100%: a,b\r\nc"), "100%25%3A a%2Cb%0D%0Ac");
    }
}
