//! Reads the plan folder: `plan.toml`, `strategy/*.toml` in name order, `analysis.toml`,
//! the datasets of `data/` (`data.rs`) and the Markdown chapters named by documents. Every
//! file read is registered in [`Sources`] so diagnostics can show its lines. No judgement about the plan happens here. The files
//! come from the plan folder on disk or from a git revision ([`files::Files`]).

pub(crate) mod data;
pub(crate) mod files;
pub(crate) mod raw;
mod slips;
mod unseen;

use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use crate::diag::{Code, Diagnostic, Diagnostics, FileId, Sources, Span, codes};
use files::{Entry, Files};

/// Largest plan file read, so a stray huge file is a clear error rather than a stall.
const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Everything read from a plan folder, still as written.
#[derive(Debug)]
pub struct RawPlan {
    pub root: PathBuf,
    pub plan: (FileId, raw::PlanFile),
    pub strategy: Vec<(FileId, raw::StrategyFile)>,
    pub analysis: Option<(FileId, raw::AnalysisFile)>,
    /// Whether `analysis.toml` is there but could not be read (its error is reported).
    pub analysis_unreadable: bool,
    /// `monitoring/<year>.toml` files, in year order.
    pub monitoring: Vec<Monitored>,
    /// Years whose monitoring file is there but could not be read (its errors are
    /// reported), so that no one is told the file does not exist.
    pub monitoring_unread: Vec<i32>,
    /// Markdown files named in document parts, by their path as written in `parts`.
    pub chapters: Vec<Chapter>,
    /// A chapter a document names could not be read (its error is reported), so that any
    /// `{#id}` it defines is missing.
    pub chapters_unread: bool,
    /// Datasets declared in `data/*.toml`, in name order, with their tables as written.
    pub datasets: Vec<data::RawDataset>,
    /// Datasets whose TOML could not be read (its errors are reported), by id.
    pub datasets_unread: Vec<String>,
    /// Ids written in strategy files that could not be read as a whole, so that references
    /// to them are not reported a second time as unknown.
    pub unread_ids: Vec<String>,
    /// Whether a strategy file was not even valid TOML, so its ids are unknown.
    pub unreadable: bool,
    /// TOML tables read without a line that had a key or type error. Later warnings about
    /// them may only echo that error (a misspelt `responsible` reads as a missing one), so
    /// they are held back: see [`crate::diag::Diagnostics::hold_back`].
    pub damaged: Vec<Span>,
}

/// One monitoring file: its year (from its name) and what it reports.
#[derive(Debug)]
pub struct Monitored {
    pub year: i32,
    pub file: FileId,
    pub report: raw::MonitoringFile,
}

/// A Markdown chapter file.
#[derive(Debug)]
pub struct Chapter {
    /// The path as written in `parts`, relative to the plan folder.
    pub path: String,
    pub file: FileId,
}

/// Reads the plan folder at `root`. Returns `None` when nothing usable could be read;
/// every problem found is added to `diags`.
pub(crate) fn load_plan(
    root: &Path,
    sources: &mut Sources,
    diags: &mut Diagnostics,
) -> Option<RawPlan> {
    load_plan_with(root, &[], sources, diags)
}

/// [`load_plan`] with monitoring files given as text (path relative to `root`, text) in
/// place of what the disk holds: `plan import` checks the plan as it would be with the
/// merged file before it writes anything.
pub(crate) fn load_plan_with(
    root: &Path,
    monitoring_overlay: &[(String, String)],
    sources: &mut Sources,
    diags: &mut Diagnostics,
) -> Option<RawPlan> {
    if !root.is_dir() {
        let problem = if root.exists() {
            "is not a folder"
        } else {
            "does not exist"
        };
        // The folder is the command line's argument: a usage error (exit 2).
        diags.push(
            Diagnostic::usage(format!("plan folder `{}` {problem}", root.display()))
                .hint("pass the folder that holds plan.toml, e.g. `plan build my-plan`"),
        );
        return None;
    }
    let disk = files::Disk::new(root);
    if monitoring_overlay.is_empty() {
        return load_from(&disk, sources, diags);
    }
    load_from(
        &files::Overlay::new(&disk, monitoring_overlay),
        sources,
        diags,
    )
}

/// Reads a plan from `files` (a folder on disk, or a git revision); see [`load_plan`].
pub(crate) fn load_from(
    files: &dyn Files,
    sources: &mut Sources,
    diags: &mut Diagnostics,
) -> Option<RawPlan> {
    let root = files.root();
    if matches!(files.entry("plan.toml"), Ok(Entry::Missing | Entry::Folder)) {
        diags.push(
            Diagnostic::error(format!("no plan.toml in `{}`", files.place("").display()))
                .code(codes::NO_PLAN_TOML)
                .hint("a plan folder holds plan.toml; `plan init DIR` writes a small one"),
        );
        return None;
    }
    let mut damaged = Vec::new();
    let plan = read_toml::<raw::PlanFile>(files, "plan.toml", sources, diags, &mut damaged);

    let mut strategy = Vec::new();
    let (mut unread_ids, mut unreadable) = (Vec::new(), false);
    for name in toml_files(files, "strategy", diags) {
        let errors = diags.count(crate::diag::Severity::Error);
        match read_toml(files, &name, sources, diags, &mut damaged) {
            Some(file) => strategy.push(file),
            None if diags.count(crate::diag::Severity::Error) > errors => {
                unreadable |= !ids_of(sources, &name, &mut unread_ids);
            }
            None => {}
        }
    }

    let has_analysis = !matches!(files.entry("analysis.toml"), Ok(Entry::Missing));
    let errors = diags.count(crate::diag::Severity::Error);
    let analysis = if has_analysis {
        read_toml(files, "analysis.toml", sources, diags, &mut damaged)
    } else {
        None
    };
    // SWOT ids in a line that had to be left out are not reported again where goals name
    // them.
    if diags.count(crate::diag::Severity::Error) > errors {
        ids_of(sources, "analysis.toml", &mut unread_ids);
    }
    let analysis_unreadable = has_analysis && analysis.is_none();

    let (mut monitoring, mut monitoring_unread) = (Vec::new(), Vec::new());
    for (year, name) in monitoring_files(files, diags) {
        match read_toml(files, &name, sources, diags, &mut damaged) {
            Some((file, report)) => monitoring.push(Monitored { year, file, report }),
            None => monitoring_unread.push(year),
        }
    }

    let (datasets, datasets_unread) = data::read(files, sources, diags, &mut damaged);

    let plan = plan?;
    files.check_templates(diags);
    let (chapters, chapters_unread) = read_chapters(files, &plan, sources, diags);
    Some(RawPlan {
        root: root.to_path_buf(),
        plan,
        strategy,
        analysis,
        analysis_unreadable,
        monitoring,
        monitoring_unread,
        chapters,
        chapters_unread,
        datasets,
        datasets_unread,
        unread_ids,
        unreadable,
        damaged,
    })
}

/// Every `id = "…"` value anywhere in a TOML value.
/// Adds the ids a file with errors defines to `ids`, so that references to them are not
/// reported again; `false` when the file is not TOML at all (any id may be missing).
fn ids_of(sources: &Sources, name: &str, ids: &mut Vec<String>) -> bool {
    let table = sources
        .find(name)
        .and_then(|f| sources.text(f).parse::<toml::Table>().ok());
    match table {
        Some(table) => {
            collect_ids(&toml::Value::Table(table), ids);
            true
        }
        None => false,
    }
}

fn collect_ids(value: &toml::Value, ids: &mut Vec<String>) {
    match value {
        toml::Value::Table(table) => {
            for (key, value) in table {
                match (key.as_str(), value) {
                    ("id", toml::Value::String(id)) => ids.push(id.clone()),
                    (_, value) => collect_ids(value, ids),
                }
            }
        }
        toml::Value::Array(items) => items.iter().for_each(|item| collect_ids(item, ids)),
        _ => {}
    }
}

/// The plan's own templates (`templates/`, any depth): each must be a file inside the plan
/// folder. Typesetting would otherwise refuse to read one with a bare "access denied" (a
/// symbolic link out of the folder), or wait for ever (a pipe).
pub(crate) fn own_templates(root: &Path, diags: &mut Diagnostics) {
    let folder = crate::confine::Folder::new(root);
    let mut pending = vec![root.join("templates")];
    while let Some(dir) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut entries: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
        entries.sort();
        for path in entries {
            let shown = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .display()
                .to_string();
            let problem = match (folder.resolve(&path), std::fs::metadata(&path)) {
                (Err(crate::confine::Refused::Outside), _) => Some((
                    codes::OUTSIDE_FOLDER,
                    format!("the template `{shown}` leads outside the plan folder"),
                    "it is a symbolic link to a file elsewhere; copy the file into the plan's templates/ folder instead",
                )),
                (_, Ok(meta)) if meta.is_dir() => {
                    pending.push(path.clone());
                    None
                }
                (_, Ok(meta)) if !meta.is_file() => Some((
                    codes::NOT_A_FILE,
                    format!(
                        "the template `{shown}` is not a regular file: it is {}",
                        files::kind_of(&meta.file_type())
                    ),
                    "templates/ holds typst files; remove this one",
                )),
                _ => None,
            };
            if let Some((code, message, hint)) = problem {
                diags.push(
                    Diagnostic::error(message)
                        .code(code)
                        .about(path.display().to_string())
                        .hint(hint),
                );
            }
        }
    }
}

/// `monitoring/<year>.toml` files with their years, in year order. Any other TOML file
/// there is an error: its values would silently count for no year.
fn monitoring_files(files: &dyn Files, diags: &mut Diagnostics) -> Vec<(i32, String)> {
    let mut years = Vec::new();
    for name in toml_files(files, "monitoring", diags) {
        let stem = name
            .trim_start_matches("monitoring/")
            .trim_end_matches(".toml");
        match stem.parse::<i32>() {
            Ok(year) if (1900..=2200).contains(&year) && stem.len() == 4 => {
                years.push((year, name));
            }
            _ => diags.push(
                Diagnostic::error(format!("`{name}` is not named after a year"))
                    .code(codes::NOT_A_YEAR)
                    .about(files.place(&name).display().to_string())
                    .hint("a monitoring file holds one year's values and is named after it, e.g. monitoring/2024.toml"),
            ),
        }
    }
    years.sort();
    years
}

/// Names of the `*.toml` files in a folder of the plan, relative to the root, in name order.
/// Anything so named but a folder is kept: one that is not a regular file (a pipe) is
/// reported for what it is when it is read, not passed over as if it were not there.
fn toml_files(files: &dyn Files, folder: &str, diags: &mut Diagnostics) -> Vec<String> {
    let names = match files.names(folder) {
        Ok(names) => names,
        Err(err) => {
            diags.push(cannot_read(files, folder, &err));
            return Vec::new();
        }
    };
    let mut names: Vec<String> = names
        .into_iter()
        .filter(|n| n.ends_with(".toml"))
        .map(|n| format!("{folder}/{n}"))
        .filter(|path| !matches!(files.entry(path), Ok(Entry::Folder)))
        .collect();
    names.sort();
    names
}

/// The file in the folder of `relative` whose name is nearest to it (`chapters/01-ivadas`
/// for `chapters/01-ivadas.md`, a misspelt name), if one is near enough.
fn nearest_file(files: &dyn Files, relative: &str) -> Option<String> {
    let (folder, name) = relative.rsplit_once('/').unwrap_or(("", relative));
    let names = files.names(folder).ok()?;
    let near = names
        .iter()
        .find(|n| n.strip_suffix(".md").or_else(|| n.strip_suffix(".toml")) == Some(name))
        .or_else(|| {
            let found = crate::suggest::closest(name, names.iter().map(String::as_str))?;
            names.iter().find(|n| n.as_str() == found)
        })?;
    Some(if folder.is_empty() {
        near.clone()
    } else {
        format!("{folder}/{near}")
    })
}

/// The `io` problem for a file or folder of the plan that cannot be read.
fn cannot_read(files: &dyn Files, relative: &str, err: &std::io::Error) -> Diagnostic {
    Diagnostic::error(format!("cannot read `{relative}`{}: {err}", files.whence()))
        .code(codes::IO)
        .about(files.place(relative).display().to_string())
}

/// Reads a text file of the plan folder and registers it; `None` with a diagnostic on failure.
fn read_text(
    files: &dyn Files,
    relative: &str,
    sources: &mut Sources,
    diags: &mut Diagnostics,
    origin: Option<Span>,
) -> Option<FileId> {
    let path = files.place(relative);
    let fail = |code: Code, message: String| {
        let d = Diagnostic::error(message)
            .code(code)
            .about(path.display().to_string());
        match &origin {
            Some(span) => d.at(span.clone()).label("named here"),
            None => d,
        }
    };
    let problem = match files.entry(relative) {
        Ok(Entry::File(size)) if size > MAX_FILE_BYTES => fail(
            codes::TOO_LARGE,
            format!(
                "`{relative}` is too large ({} MiB; the limit is {} MiB)",
                size / (1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        ),
        Ok(Entry::File(_)) => return read_file(files, relative, sources, diags, origin),
        Ok(Entry::Outside) => fail(
            codes::OUTSIDE_FOLDER,
            format!("`{relative}` leads outside the plan folder"),
        )
        .hint(
            "it is a symbolic link to a file elsewhere; copy the file into the plan folder instead",
        ),
        Ok(Entry::Folder) => fail(
            codes::NOT_A_FILE,
            format!("`{relative}` is a folder, not a file"),
        ),
        // Reading a pipe, a device or a socket could wait for ever.
        Ok(Entry::Other(kind)) => fail(
            codes::NOT_A_FILE,
            format!("`{relative}` is not a regular file: it is {kind}"),
        ),
        Ok(Entry::Missing) => {
            let missing = fail(
                codes::MISSING_FILE,
                format!("file `{relative}` not found in the plan folder"),
            );
            match nearest_file(files, relative) {
                Some(near) => missing.hint(format!("did you mean `{near}`?")),
                None => missing,
            }
        }
        Err(err) => cannot_read(files, relative, &err),
    };
    diags.push(problem);
    None
}

/// Reads a regular file [`read_text`] has vetted: UTF-8 without a byte order mark, in NFC.
fn read_file(
    files: &dyn Files,
    relative: &str,
    sources: &mut Sources,
    diags: &mut Diagnostics,
    origin: Option<Span>,
) -> Option<FileId> {
    let path = files.place(relative);
    let bytes = match files.read(relative) {
        Ok(bytes) => bytes,
        Err(err) => {
            diags.push(cannot_read(files, relative, &err));
            return None;
        }
    };
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with('\u{feff}') {
                text.drain(..3);
            }
            Some(sources.add(relative, path, nfc(text)))
        }
        Err(err) => {
            // Show the file up to the bad byte, so the message can point at it.
            let at = err.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(err.as_bytes()).into_owned();
            let width = text[at..].chars().next().map_or(0, char::len_utf8);
            let file = sources.add(relative, path, text);
            let mut d = Diagnostic::error(format!("`{relative}` is not valid UTF-8 text"))
                .code(codes::NOT_UTF8)
                .at(Span::new(file, at..at + width))
                .label("this byte is not UTF-8")
                .hint("save the file with the UTF-8 encoding (most editors offer it under \"Save as\")");
            if let Some(origin) = &origin {
                d = d.related(origin.clone(), "named here");
            }
            diags.push(d);
            None
        }
    }
}

/// Text in Unicode NFC: "ė" typed as "e" and a combining dot (NFD) becomes the one
/// character, so ids, references and fact names compare as they look. Diagnostics show the
/// text as read here, which looks the same. Ids from elsewhere (the command line, a
/// workbook) go through here too, so that they match the plan's.
pub(crate) fn nfc(text: String) -> String {
    use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
    match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => text,
        _ => text.nfc().collect(),
    }
}

/// Reads and parses one TOML file, reporting syntax, key and type errors at their spans.
/// After a key or type error the offending line is blanked and the file parsed again, so
/// that every such mistake in the file is reported in one run, not just the first. When the
/// file then parses, its value is returned (with the errors reported), so that the rest of
/// the plan is still checked: one misspelt key must not hide every other mistake.
fn read_toml<T: DeserializeOwned>(
    files: &dyn Files,
    relative: &str,
    sources: &mut Sources,
    diags: &mut Diagnostics,
    damaged: &mut Vec<Span>,
) -> Option<(FileId, T)> {
    let file = read_text(files, relative, sources, diags, None)?;
    parse_toml(file, sources, diags, damaged)
}

/// Parses a registered TOML file, as [`read_toml`] describes.
fn parse_toml<T: DeserializeOwned>(
    file: FileId,
    sources: &Sources,
    diags: &mut Diagnostics,
    damaged: &mut Vec<Span>,
) -> Option<(FileId, T)> {
    /// Enough for any real file; stops a pathological one from looping long.
    const MAX_REPORTS: usize = 25;
    let original = sources.text(file);
    unseen::in_toml(file, original, diags);
    let first = match toml::from_str::<T>(original) {
        Ok(value) => return Some((file, value)),
        Err(err) => err,
    };
    let mut found = vec![toml_diagnostic(file, &first, original)];
    if original.parse::<toml::Table>().is_err() {
        // A syntax error: what follows it cannot be trusted.
        diags.extend(found);
        return None;
    }
    // Only a mistake confined to one line (a key or a value) can be blanked out safely.
    // (A table written for a list, `[objective]`, is not: the items under it would each be
    // reported as not belonging, and the measures naming it as unknown.)
    let on_one_line = |err: &toml::de::Error| {
        let m = err.message();
        let table_for_list = err
            .span()
            .and_then(|at| slips::single_table(m, at, original))
            .is_some();
        !table_for_list
            && (m.starts_with("unknown field")
                || m.starts_with("invalid type")
                || m.starts_with("unknown variant")
                || m.ends_with(raw::NOT_A_NUMBER))
    };
    let mut text = original.to_string();
    let mut reported = vec![first.span()];
    let mut last = first;
    let mut recovered = None;
    let mut blanked = Vec::new();
    while reported.len() < MAX_REPORTS && on_one_line(&last) {
        let Some(range) = last.span() else { break };
        let table = enclosing_table(original, range.clone());
        // A misspelt table header (`[[indicatr]]`) goes with its table: its keys blanked on
        // their own would each be reported as unknown where the table before them is.
        let first_line = original[table.start..].split('\n').next().unwrap_or("");
        let header =
            slips::header(first_line).is_some() && range.start < table.start + first_line.len();
        // Up to the line break before the next header (`blank_lines` takes whole lines), or
        // to the file's end.
        let whole = table.start..if table.end < original.len() {
            table.end - 1
        } else {
            table.end
        };
        // A sub-table's item (`[[goal]]` of `[[goal.indicatr]]`) lost part of itself too:
        // warnings about it are echoes of this error.
        blanked.push(if header {
            parent_start(original, table.start)..table.end
        } else {
            table
        });
        blank_lines(&mut text, if header { whole } else { range });
        let err = match toml::from_str::<T>(&text) {
            Ok(value) => {
                recovered = Some((file, value));
                break;
            }
            Err(err) => err,
        };
        // A repeat means no progress; other kinds of errors may be caused by the blanking.
        if !on_one_line(&err) || reported.contains(&err.span()) {
            break;
        }
        found.push(toml_diagnostic(file, &err, original));
        reported.push(err.span());
        last = err;
    }
    found.sort_by_key(|d| d.span.as_ref().map(|s| s.range.start));
    diags.extend(found);
    if recovered.is_some() {
        damaged.extend(blanked.into_iter().map(|range| Span::new(file, range)));
    }
    recovered
}

/// Where the table that holds the sub-table whose header starts at `header` begins: the
/// last `[[goal]]` (or `[goal]`) before a `[[goal.indicator]]`; `header` itself for a
/// table of the top level.
fn parent_start(text: &str, header: usize) -> usize {
    fn name(line: &str) -> Option<&str> {
        slips::header(line).map(|(_, h)| h.name)
    }
    let Some((parent, _)) =
        name(text[header..].split('\n').next().unwrap_or("")).and_then(|own| own.rsplit_once('.'))
    else {
        return header;
    };
    let mut offset = header;
    for line in text[..header].split_inclusive('\n').rev() {
        offset -= line.len();
        if name(line) == Some(parent.trim()) {
            return offset;
        }
    }
    header
}

/// The TOML table a byte range is in: from its `[header]` line (or the file's start) to the
/// next header line (or the file's end).
fn enclosing_table(text: &str, range: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let mut start = 0;
    let mut end = text.len();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if slips::header(line).is_some() {
            if offset <= range.start {
                start = offset;
            } else if offset >= range.end {
                end = offset;
                break;
            }
        }
        offset += line.len();
    }
    start..end
}

/// Replaces the lines a byte range touches with spaces, keeping every offset in place.
fn blank_lines(text: &mut String, range: std::ops::Range<usize>) {
    let start = text[..range.start.min(text.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let end = text[range.end.min(text.len())..]
        .find('\n')
        .map_or(text.len(), |i| range.end + i);
    let mut blanked: String = text[start..end]
        .chars()
        .map(|c| if c == '\n' { c } else { ' ' })
        .collect();
    // Multi-byte characters become one space each: pad to keep the byte length (by hand:
    // `format!`'s width stops at 65 535).
    let pad = (end - start).saturating_sub(blanked.len());
    blanked.extend(std::iter::repeat_n(' ', pad));
    text.replace_range(start..end, &blanked);
}

/// Turns a TOML error into a diagnostic with a readable message and a hint.
fn toml_diagnostic(file: FileId, err: &toml::de::Error, text: &str) -> Diagnostic {
    let message = err.message().trim().to_string();
    let code = match message.split(' ').next().unwrap_or("") {
        _ if message.starts_with("unknown field") => codes::UNKNOWN_KEY,
        _ if message.starts_with("missing field") => codes::MISSING_KEY,
        _ if message.starts_with("invalid type") => codes::WRONG_TYPE,
        _ if message.ends_with(raw::NOT_A_NUMBER) => codes::NOT_A_NUMBER,
        _ if message.starts_with("unknown variant") || message.starts_with("invalid value") => {
            codes::BAD_VALUE
        }
        _ => codes::TOML_SYNTAX,
    };
    if code == codes::WRONG_TYPE
        && let Some((at, name)) = err
            .span()
            .and_then(|at| slips::single_table(&message, at, text))
    {
        return slips::single_bracket_error(file, name, at, None);
    }
    if code == codes::TOML_SYNTAX
        && let Some(slip) = err
            .span()
            .and_then(|at| slips::diagnose(file, &message, at, text))
    {
        return slip;
    }
    let mut diagnostic = Diagnostic::error(plain_message(&message)).code(code);
    if let Some(range) = err.span() {
        let range = if range.is_empty() && range.start < text.len() {
            range.start..range.start + text[range.start..].chars().next().map_or(1, char::len_utf8)
        } else {
            range
        };
        diagnostic = diagnostic.at(Span::new(file, range));
    }
    let written = err.span().and_then(|range| text.get(range)).unwrap_or("");
    if let Some(hint) = quoted_value_hint(&message, written).or_else(|| toml_hint(&message)) {
        diagnostic = diagnostic.hint(hint);
    }
    diagnostic
}

/// The hint for a value in quotes that should be without: a period written as text
/// (`"2021–2030"`) or a number with its unit or a decimal comma (`"70 %"`, `"12,5"`).
fn quoted_value_hint(message: &str, written: &str) -> Option<String> {
    let (_, expected) = message
        .strip_prefix("invalid type: string ")?
        .split_once(", expected ")?;
    let inner = written.trim().trim_matches(['"', '\'']).trim();
    if expected.starts_with("a sequence") {
        let years: Vec<&str> = inner
            .split(|c: char| !c.is_ascii_digit())
            .filter(|s| !s.is_empty())
            .collect();
        let only_years = inner
            .chars()
            .all(|c| c.is_ascii_digit() || " -–—,".contains(c));
        return (only_years && years.len() == 2 && years.iter().all(|y| y.len() == 4))
            .then(|| format!("write the years as a list: `[{}, {}]`", years[0], years[1]));
    }
    if !user_type(expected.lines().next().unwrap_or("")).contains("number") {
        return None;
    }
    // The number it starts with, its spaces (thousands) left out and a decimal comma read
    // as a point; what follows is its unit.
    let end = inner
        .find(|c: char| !(c.is_ascii_digit() || matches!(c, ',' | '.' | '-' | ' ' | '\u{a0}')))
        .unwrap_or(inner.len());
    let number: String = inner[..end]
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}'))
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    number.parse::<f64>().ok()?;
    let unit = inner[end..].trim();
    Some(if unit.is_empty() {
        format!("write the number without quotes: `{number}`")
    } else {
        format!(
            "write the number alone, without quotes: `{number}`; the unit (`{unit}`) is written once, as an indicator's `unit` or the plan's `money-unit`"
        )
    })
}

/// TOML's message in our words: keys are keys, not fields, and the list of allowed keys
/// goes to the hint.
fn plain_message(message: &str) -> String {
    let quoted = |prefix: &str| {
        message
            .strip_prefix(prefix)
            .and_then(|rest| rest.split_once('`'))
    };
    if let Some((key, _)) = quoted("unknown field `") {
        return format!("unknown key `{key}`");
    }
    if let Some((key, _)) = quoted("missing field `") {
        return match key {
            "priority" => "this strategy file has no `[priority]` table".into(),
            "plan" => "plan.toml has no `[plan]` table".into(),
            _ => format!("missing key `{key}`"),
        };
    }
    if let Some((found, expected)) = message
        .strip_prefix("invalid type: ")
        .and_then(|rest| rest.split_once(", expected "))
    {
        let found = found
            .replacen("string ", "text ", 1)
            .replacen("floating point", "number", 1);
        let expected = expected
            .lines()
            .next()
            .unwrap_or(expected)
            .replace("a TOML datetime", "a date");
        return format!("expected {}, found {found}", user_type(&expected));
    }
    if let Some((value, expected)) = quoted("unknown variant `") {
        let expected = expected
            .trim_start_matches(", expected ")
            .replace("one of ", "");
        return format!("`{value}` is not allowed here; expected {expected}");
    }
    first_line_lowercase(message)
}

/// What serde calls a type, in the words of a plan's author ("i64" is a whole number).
fn user_type(expected: &str) -> String {
    match expected {
        "i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64" | "usize" => {
            "a whole number".into()
        }
        "f32" | "f64" => "a number".into(),
        "a string" => "text in quotes".into(),
        "a boolean" => "true or false".into(),
        "a sequence" => "a list in [ ]".into(),
        "a map" => "a table".into(),
        other => other.into(),
    }
}

/// Lower-cases the first letter so TOML's messages read like ours.
fn first_line_lowercase(message: &str) -> String {
    let line = message.lines().next().unwrap_or(message);
    let mut chars = line.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Hints for the TOML errors users meet most.
fn toml_hint(message: &str) -> Option<String> {
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (field, expected) = rest.split_once('`')?;
        let candidates: Vec<&str> = expected
            .split('`')
            .enumerate()
            .filter(|(i, _)| i % 2 == 1)
            .map(|(_, s)| s)
            .collect();
        return Some(crate::suggest::hint(
            field,
            candidates.iter().copied(),
            || format!("the keys allowed here are {}", list_keys(&candidates)),
        ));
    }
    if message.ends_with(raw::NOT_A_NUMBER) {
        return Some("write the value in digits, e.g. `42` or `12.5`: TOML reads `nan` and `inf` as numbers, but no value of a plan can be one".into());
    }
    if message.starts_with("missing field `") {
        return Some(
            "add the key to this table; the reference in plan's documentation says what it holds"
                .into(),
        );
    }
    if message.starts_with("invalid type") && message.contains("datetime") {
        return Some("write dates without quotes, e.g. `date = 2021-11-30`".into());
    }
    if message.starts_with("invalid type") {
        return Some(
            "check the value's type: text is quoted, numbers are not, lists use [ ]".into(),
        );
    }
    None
}

fn list_keys(keys: &[&str]) -> String {
    keys.iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Reads every Markdown file named in a document's parts, once each.
fn read_chapters(
    files: &dyn Files,
    plan: &(FileId, raw::PlanFile),
    sources: &mut Sources,
    diags: &mut Diagnostics,
) -> (Vec<Chapter>, bool) {
    let mut chapters: Vec<Chapter> = Vec::new();
    for document in &plan.1.document {
        for part in document.get_ref().parts.get_ref() {
            let path = part.get_ref();
            if path.starts_with('@') || chapters.iter().any(|c| &c.path == path) {
                continue;
            }
            let span = Span::new(plan.0, part.span());
            if let Err(problem) = check_relative(path) {
                diags.push(
                    Diagnostic::error(format!("part `{path}` {problem}"))
.code(codes::BAD_PATH)
                        .at(span)
                        .label("not a file inside the plan folder")
                        .hint("name chapter files relative to the plan folder, e.g. \"chapters/01-ivadas.md\""),
                );
                continue;
            }
            if let Some(file) = read_text(files, path, sources, diags, Some(span)) {
                unseen::in_markdown(file, sources.text(file), diags);
                chapters.push(Chapter {
                    path: path.clone(),
                    file,
                });
            }
        }
    }
    let named: Vec<&str> = plan
        .1
        .document
        .iter()
        .flat_map(|d| d.get_ref().parts.get_ref())
        .map(|p| p.get_ref().as_str())
        .collect();
    // A chapter named but not read (its error is reported) may be the unlisted file
    // under another name: that error is the one to fix.
    let all_read = named
        .iter()
        .filter(|p| !p.starts_with('@'))
        .all(|p| chapters.iter().any(|c| c.path == *p));
    if all_read {
        unlisted_chapters(files, &named, diags);
    }
    (chapters, !all_read)
}

/// Warns of each Markdown file in `chapters/` (or another folder chapters are read from)
/// that no document lists: a chapter written and then forgotten in `parts` would be
/// missing from the plan without a word. The plan folder itself is not searched: it holds
/// notes such as README.md.
fn unlisted_chapters(files: &dyn Files, named: &[&str], diags: &mut Diagnostics) {
    let mut folders = vec!["chapters".to_string()];
    for path in named.iter().filter(|p| !p.starts_with('@')) {
        if let Some((folder, _)) = path.rsplit_once('/')
            && check_relative(path).is_ok()
            && !folders.iter().any(|f| f == folder)
        {
            folders.push(folder.to_string());
        }
    }
    for folder in folders {
        let Ok(mut names) = files.names(&folder) else {
            continue;
        };
        names.sort();
        for name in names {
            let path = format!("{folder}/{name}");
            let markdown = name.to_lowercase().ends_with(".md");
            let folder_named_md = matches!(files.entry(&path), Ok(Entry::Folder));
            if !markdown || folder_named_md || named.contains(&path.as_str()) {
                continue;
            }
            diags.push(
                Diagnostic::warning(format!("no document lists the chapter `{path}`"))
                    .code(codes::UNUSED_CHAPTER)
                    .about(files.place(&path).display().to_string())
                    .hint(format!(
                        "add \"{path}\" to the `parts` of a `[[document]]` in plan.toml where it belongs, or move the file out of {folder}/"
                    )),
            );
        }
    }
}

/// Rejects paths that could leave the plan folder.
pub(crate) fn check_relative(path: &str) -> Result<(), &'static str> {
    let p = Path::new(path);
    if path.is_empty() {
        return Err("is empty");
    }
    if p.is_absolute() || path.starts_with('/') || path.contains('\\') {
        return Err("must be a relative path");
    }
    if p.components()
        .any(|c| matches!(c, std::path::Component::ParentDir))
    {
        return Err("must not contain `..`");
    }
    Ok(())
}
