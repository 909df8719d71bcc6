//! `plan` compiles a strategic development plan kept as TOML and Markdown into PDFs.
//!
//! One pipeline, each stage a module with one job that uses only the stages before it:
//! [`load`] (files with spans) → [`model`] (typed plan, references resolved) →
//! [`number`] (numbers and codes from order) and [`ledger`] (every sum of money) →
//! [`checks`] (what a reviewer checks on the whole plan) → [`understand`] (Markdown → the neutral document tree; [`fonts`] checked against it) →
//! [`view`] (what the documents show) → [`writers`] (the tree as typst markup, with
//! [`images`] prepared, or as plain text) → [`typeset`] (typst world, templates, PDF) →
//! [`output`] (atomic writes). [`diff`] compares two versions after [`ledger`], chapters as
//! the text writer reads them; [`export`] writes the [`view`] as tables. This file runs the
//! stages; every problem on the way, a usage error included, is a [`diag::Diagnostic`].

// An item is `pub` only where the command line or the tests reach it; everything else
// says `pub(crate)`, so that the compiler finds what nothing uses.
#![warn(unreachable_pub)]

mod checks;
pub mod collect;
mod confine;
pub mod diag;
pub mod diff;
pub mod export;
mod facts;
pub mod fault;
mod fonts;
pub mod format;
mod generated;
mod images;
pub mod init;
pub mod ledger;
mod load;
pub mod model;
mod number;
pub mod output;
mod packs;
pub mod pages;
pub mod parts;
mod progress;
mod revision;
pub mod schema;
mod stamp;
mod suggest;
mod time;
pub mod typeset;
mod understand;
mod view;
pub mod watch;
pub mod words;
mod writers;

use std::path::{Path, PathBuf};

use diag::{Diagnostic, Diagnostics, Sources};
use model::Plan;
use number::Numbers;
use understand::Understood;
use writers::typst::Rendered;

/// A plan that passed loading, numbering and understanding its Markdown.
pub struct Checked {
    pub plan: Plan,
    pub numbers: Numbers,
    /// Every sum of money, computed once.
    pub ledger: ledger::Ledger,
    pub understood: Understood,
    /// The plan's fonts, read once for the glyph check and every document.
    pub fonts: fonts::Fonts,
}

/// Runs every stage short of writing and typesetting, the pictures verified (not
/// converted). Returns the plan when it could be read at all; whether it has errors is in
/// `diags`.
pub fn check(dir: &Path, sources: &mut Sources, diags: &mut Diagnostics) -> Option<Checked> {
    check_loaded(dir, &[], true, sources, diags)
}

/// [`check`] of the plan as it would be with these monitoring files (path relative to
/// `dir`, text) in place of the disk's: `plan import` checks what it would write first.
pub fn check_with_monitoring(
    dir: &Path,
    monitoring: &[(String, String)],
    sources: &mut Sources,
    diags: &mut Diagnostics,
) -> Option<Checked> {
    check_loaded(dir, monitoring, true, sources, diags)
}

/// [`check`] for a build, which prepares the pictures itself (see [`render`]).
pub fn check_for_build(
    dir: &Path,
    sources: &mut Sources,
    diags: &mut Diagnostics,
) -> Option<Checked> {
    check_loaded(dir, &[], false, sources, diags)
}

fn check_loaded(
    dir: &Path,
    monitoring: &[(String, String)],
    verify_pictures: bool,
    sources: &mut Sources,
    diags: &mut Diagnostics,
) -> Option<Checked> {
    let raw = load::load_plan_with(dir, monitoring, sources, diags)?;
    schema::outdated(dir, diags);
    let (loaded, damaged) = (diags.len(), raw.damaged.clone());
    let plan = model::build_plan(raw, sources, diags);
    let numbers = number::number(&plan);
    let ledger = ledger::Ledger::new(&plan);
    checks::check_plan(&plan, &numbers, &ledger, diags);
    let fonts = fonts::Fonts::load(dir, diags);
    let understood = understand::understand_plan(&plan, &numbers, &ledger, sources, diags);
    checks::unused_datasets(&plan, &understood.datasets_used, diags);
    understand::glyphs::check(&plan, &understood, &fonts::Glyphs::new(&fonts), diags);
    if verify_pictures {
        let images = images::Images::new(dir, &image_cache(dir, None));
        understand::pictures::verify(&plan, &understood, &images, diags);
    }
    diags.hold_back(loaded, &damaged);
    Some(Checked {
        plan,
        numbers,
        ledger,
        understood,
        fonts,
    })
}

/// The checked plan's Markdown written as typst markup for a build into `out`
/// (`<dir>/build` when `None`), its pictures prepared (the cache of converted pictures
/// there reused); a picture that cannot be shown is reported to `diags`.
pub fn render(checked: &Checked, out: Option<&Path>, diags: &mut Diagnostics) -> Rendered {
    let dir = &checked.plan.root;
    let images = images::Images::new(dir, &image_cache(dir, out));
    writers::typst::render(&checked.plan, &checked.understood, &images, diags)
}

/// A file a build writes of a document: its PDF, or its Word edition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileFormat {
    Pdf,
    Docx,
}

impl FileFormat {
    /// The format a document's `formats` names ("pdf", "docx").
    pub fn named(name: &str) -> Option<FileFormat> {
        match name {
            "pdf" => Some(FileFormat::Pdf),
            "docx" => Some(FileFormat::Docx),
            _ => None,
        }
    }
}

/// What `plan build` (or `plan preview`) was asked to do.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub dir: PathBuf,
    /// Where the files go; `<dir>/build` by default (`<dir>/build/preview` for PNG).
    pub out: Option<PathBuf>,
    /// Only these documents; all when empty.
    pub documents: Vec<String>,
    pub deny_warnings: bool,
    /// Put the git commit id in the footer.
    pub stamp: bool,
    /// PDF (the default), or PNG pages for a preview.
    pub export: typeset::Export,
    /// The files to write of every document (`plan build --as pdf,docx`); when empty, what
    /// each document's `formats` names.
    pub formats: Vec<FileFormat>,
    /// A git revision: the strategic plan gains an annex of the changes since then.
    pub changes_since: Option<String>,
    /// What the annex of changes calls the earlier version, instead of its version and
    /// date as its plan.toml says (`--changes-label`).
    pub changes_label: Option<String>,
    /// Also write the generated typst sources (and what they read) to this folder.
    pub emit_typst: Option<PathBuf>,
    /// Working group ids (or `all`): instead of the documents, each group's review pack of
    /// each document, `<document>-<group>.pdf`. The documents themselves when empty.
    pub groups: Vec<String>,
    /// Typeset every document, even those whose PDF in the output folder was made of the
    /// same inputs (`plan build --force`).
    pub force: bool,
    /// Keep typst's memoised work for the next build (`plan watch`), instead of freeing it
    /// between the documents of a large plan.
    pub keep_caches: bool,
    /// Set (by `plan watch`) when a newer build has taken this one's place: it then writes
    /// nothing, so a slow build that finishes late cannot overwrite newer PDFs.
    pub superseded: Option<std::sync::Arc<std::sync::atomic::AtomicBool>>,
}

/// How a build ended.
#[derive(Debug)]
pub enum Outcome {
    /// Every PDF was written.
    Built(Vec<output::Written>),
    /// The plan has errors (in the diagnostics); nothing was written.
    Failed,
    /// The request itself was wrong, e.g. an unknown document id: a [`diag::USAGE`]
    /// problem in the diagnostics says how. Nothing was written.
    Usage,
}

/// Where a build's time went (`plan build --timings`, the benchmark).
#[derive(Debug, Clone, Default)]
pub struct Timings {
    /// Loading, checking, numbering and Markdown.
    pub check: std::time::Duration,
    /// Typesetting, wall time (documents run in parallel).
    pub typeset: std::time::Duration,
    /// Of which, summed over documents: typst's compilation (layout) and the export.
    pub compile: std::time::Duration,
    pub export: std::time::Duration,
    /// Layout passes, per document in order.
    pub passes: Vec<usize>,
    /// Writing the files.
    pub write: std::time::Duration,
}

/// Checks and typesets the plan, then writes the PDFs atomically. Nothing is written
/// unless every document typesets without errors.
pub fn build(options: &BuildOptions, sources: &mut Sources, diags: &mut Diagnostics) -> Outcome {
    build_timed(options, sources, diags).0
}

/// [`build`], telling where the time went.
pub fn build_timed(
    options: &BuildOptions,
    sources: &mut Sources,
    diags: &mut Diagnostics,
) -> (Outcome, Timings) {
    let mut timings = Timings::default();
    let outcome = build_into(options, sources, diags, &mut timings);
    (outcome, timings)
}

/// Whether two folders are one, or one holds the other, once links and `..` are resolved.
fn overlaps(a: &Path, b: &Path) -> bool {
    let (a, b) = (confine::real(a), confine::real(b));
    a.starts_with(&b) || b.starts_with(&a)
}

fn build_into(
    options: &BuildOptions,
    sources: &mut Sources,
    diags: &mut Diagnostics,
    timings: &mut Timings,
) -> Outcome {
    if let Some(problem) = output::not_a_folder(options.out.as_deref()) {
        return usage(diags, problem);
    }
    if let Some(emit) = &options.emit_typst
        && overlaps(&options.dir, emit)
    {
        // Writing the sources there would overwrite the plan's own files (and put the
        // built-in templates where they override).
        return usage(
            diags,
            Diagnostic::usage(format!(
                "--emit-typst `{}` is, holds or lies inside the plan folder `{}`",
                emit.display(),
                options.dir.display()
            ))
            .hint("emit the typst sources to a folder outside the plan, e.g. `--emit-typst /tmp/plan-typst`"),
        );
    }
    let start = std::time::Instant::now();
    let Some(checked) = check_for_build(&options.dir, sources, diags) else {
        return Outcome::Failed;
    };
    let rendered = render(&checked, options.out.as_deref(), diags);
    timings.check = start.elapsed();
    let plan = &checked.plan;
    let mut documents = Vec::new();
    // Ids typed on the command line compare as the plan's do, in NFC: a letter typed as a
    // base and a combining mark is the same id as the plan's one character.
    let in_nfc = |ids: &[String]| -> Vec<String> { ids.iter().cloned().map(load::nfc).collect() };
    for id in &in_nfc(&options.documents) {
        match plan.documents.iter().find(|d| &d.id == id) {
            Some(d) => documents.push(d),
            None => return usage(diags, unknown_document(plan, id)),
        }
    }
    if options.documents.is_empty() {
        documents = plan.documents.iter().collect();
    }
    let mut groups = Vec::new();
    if !options.groups.is_empty() {
        if options.changes_since.is_some() {
            return usage(
                diags,
                Diagnostic::usage("--changes-since cannot be combined with --group")
                    .hint("the annex of changes covers the whole plan, not one working group's measures; build the packs and the annex separately"),
            );
        }
        match packs::select(plan, &in_nfc(&options.groups), &documents, diags) {
            Ok(selection) => (groups, documents) = (selection.groups, selection.documents),
            Err(problem) => return usage(diags, *problem),
        }
    }
    if failed(diags, options.deny_warnings) {
        return Outcome::Failed;
    }
    let stamp = if options.stamp {
        let mut outputs = vec![options.dir.join("build")];
        outputs.extend(options.out.clone());
        stamp::stamp(&options.dir, &outputs)
    } else {
        None
    };
    let changes = match &options.changes_since {
        None => None,
        Some(rev) => {
            let source = diff::Source::Revision {
                dir: options.dir.clone(),
                rev: rev.clone(),
            };
            match diff::load(&source, rev.clone()) {
                Ok(old) => {
                    let new = diff::Version {
                        label: String::new(),
                        plan: &checked.plan,
                        numbers: &checked.numbers,
                        ledger: &checked.ledger,
                        sources,
                    };
                    let mut diff = diff::diff(&old.version(), &new);
                    if diff::version_unchanged(&old.plan, &checked.plan, &diff) {
                        diags.push(diff::version_warning(&diff, &checked.plan));
                    }
                    if let Some(label) = &options.changes_label {
                        diff.old_name = label.clone();
                    }
                    Some((diff, old))
                }
                Err(unreadable) => return changes_unreadable(rev, *unreadable, diags),
            }
        }
    };
    // A Word edition shows the PDF's charts: they are cut out of its pages as pictures.
    let wants_word = documents.iter().any(|d| {
        let formats = if options.formats.is_empty() {
            &d.formats
        } else {
            &options.formats
        };
        formats.contains(&FileFormat::Docx)
    });
    let (changes, earlier) = match changes {
        Some((diff, old)) => (Some(diff), Some(old)),
        None => (None, None),
    };
    let out = options.out.clone().unwrap_or_else(|| match options.export {
        typeset::Export::Pdf => options.dir.join("build"),
        typeset::Export::Png { .. } => options.dir.join("build").join("preview"),
    });
    // What made the PDFs there: a document made of the same inputs is left as it is.
    let pdfs = matches!(options.export, typeset::Export::Pdf);
    let manifest = if pdfs {
        typeset::unchanged::Manifest::read(&out)
    } else {
        typeset::unchanged::Manifest::default()
    };
    // The files a document's record must match to be left as it is; a Word edition with
    // `--changes-since` also has a comparison edition, made of an earlier version no
    // record holds: made anew.
    let kept_files = |d: &model::Document| {
        let formats = if options.formats.is_empty() {
            &d.formats
        } else {
            &options.formats
        };
        let word = formats.contains(&FileFormat::Docx);
        (!word || changes.is_none()).then(|| {
            formats
                .iter()
                .map(|f| match f {
                    FileFormat::Pdf => format!("{}.pdf", d.id),
                    FileFormat::Docx => format!("{}.docx", d.id),
                })
                .collect()
        })
    };
    let job = typeset::Job {
        reuse: (pdfs && !options.force).then(|| typeset::Reuse {
            out: &out,
            manifest: &manifest,
            files: &kept_files,
        }),
        documents: &documents,
        groups: &groups,
        export: &options.export,
        stamp: stamp.as_ref(),
        pictures: wants_word && matches!(options.export, typeset::Export::Pdf),
        changes: changes.as_ref(),
        emit: options.emit_typst.as_deref(),
        keep_caches: options.keep_caches,
    };
    let start = std::time::Instant::now();
    let typeset = match fault::catching(|| {
        typeset::typeset(&checked, &rendered, &job, sources, diags)
    }) {
        Ok(typeset) => typeset,
        Err(message) => {
            diags.push(
                Diagnostic::error(format!("typesetting stopped on an internal error: {message}"))
                    .code(diag::codes::INTERNAL)
                    .hint("this is a bug in plan or typst, not in your plan; please report it with the plan folder"),
            );
            return Outcome::Failed;
        }
    };
    timings.typeset = start.elapsed();
    timings.compile = typeset.iter().map(|t| t.compile).sum();
    timings.export = typeset.iter().map(|t| t.export).sum();
    timings.passes = typeset.iter().map(|t| t.passes).collect();
    let expected = documents.len() * groups.len().max(1);
    if failed(diags, options.deny_warnings) || typeset.len() != expected {
        return Outcome::Failed;
    }
    let mut typeset = typeset;
    if matches!(options.export, typeset::Export::Pdf) {
        // The earlier version's chapters and texts as the Word writer reads them, for the
        // comparison editions (`<id>-changes.docx`); its problems were the earlier
        // version's, not this build's.
        let understood = earlier.as_ref().filter(|_| wants_word).map(|old| {
            understand::understand_plan(
                &old.plan,
                &old.numbers,
                &old.ledger,
                &old.sources,
                &mut Diagnostics::default(),
            )
        });
        let comparison = changes
            .as_ref()
            .zip(understood.as_ref())
            .map(|(diff, old)| writers::docx::Earlier {
                diff,
                ledger: &checked.ledger,
                chapters: &old.chapters,
                texts: &old.texts,
            });
        let annexed = changes.as_ref().and_then(|_| typeset::annexed(&documents));
        // What was typeset, in order: each document, or group by group each group's packs
        // (in document order, a document without one skipped), as `typeset` makes them.
        // (`--changes-since` is refused with `--group`.)
        let units: Vec<(std::borrow::Cow<model::Document>, Option<&model::Entry>)> =
            if groups.is_empty() {
                documents
                    .iter()
                    .map(|d| (std::borrow::Cow::Borrowed(*d), None))
                    .collect()
            } else {
                groups
                    .iter()
                    .flat_map(|g| {
                        documents.iter().filter_map(|d| {
                            Some((
                                std::borrow::Cow::Owned(packs::pack(&checked.plan, d, g)?),
                                Some(*g),
                            ))
                        })
                    })
                    .collect()
            };
        for ((document, group), typeset) in units.iter().zip(typeset.iter_mut()) {
            if typeset.kept {
                continue;
            }
            let formats = if options.formats.is_empty() {
                &document.formats
            } else {
                &options.formats
            };
            let word = Word {
                formats,
                stamp: stamp.as_ref(),
                changes: changes
                    .as_ref()
                    .filter(|_| annexed.as_deref() == Some(document.id.as_str())),
                comparison,
            };
            word_edition(
                &checked,
                &rendered,
                (document, *group),
                &word,
                typeset,
                diags,
            );
        }
        if failed(diags, options.deny_warnings) {
            return Outcome::Failed;
        }
    }
    if let typeset::Export::Png { pages, .. } = &options.export
        && typeset.iter().all(|t| t.files.is_empty())
    {
        let sizes: Vec<String> = typeset
            .iter()
            .map(|t| format!("`{}` has {} pages", t.id, t.pages))
            .collect();
        return usage(
            diags,
            Diagnostic::usage(format!("no page is in the selection `{pages}`"))
                .hint(format!(
                    "{}; pages are named by the numbers printed on them (a title page has none), e.g. `12`, `2-5` or an annex's `3-1`",
                    sizes.join(", ")
                )),
        );
    }
    if options
        .superseded
        .as_ref()
        .is_some_and(|s| s.load(std::sync::atomic::Ordering::SeqCst))
    {
        return Outcome::Failed;
    }
    let start = std::time::Instant::now();
    let pages = matches!(options.export, typeset::Export::Png { .. });
    let written = output::write_all(&out, &typeset, pages);
    timings.write = start.elapsed();
    match written {
        Ok(output::Set { written, notes }) => {
            diags.extend(notes);
            // Previews use the PDF build's cache but leave their own folder to images.
            if pdfs {
                keep_converted_images(&options.dir, options.out.as_deref(), &rendered);
                remember_inputs(manifest, &out, &typeset);
            }
            Outcome::Built(written)
        }
        Err(err) => {
            diags.push(output::problem(err));
            Outcome::Failed
        }
    }
}

/// Records what each PDF and Word edition written was made of (what typst read for the
/// PDF: the Word edition is made of the same), for the next build. A record that cannot be
/// written only costs the next build time: it typesets those documents again.
fn remember_inputs(
    mut manifest: typeset::unchanged::Manifest,
    out: &Path,
    typeset: &[typeset::Typeset],
) {
    for document in typeset {
        for file in &document.files {
            match &document.record {
                Some(record) if file.name.ends_with(".docx") => {
                    let mut record = record.clone();
                    record.reads.extend(document.word_reads.iter().cloned());
                    manifest.record(&file.name, &record, &file.bytes, document.pages)
                }
                Some(record) => manifest.record(&file.name, record, &file.bytes, document.pages),
                _ => manifest.forget(&file.name),
            }
        }
    }
    let _ = manifest.write(out);
}

/// What a document's Word files are made with.
struct Word<'a> {
    /// The files to write.
    formats: &'a [FileFormat],
    /// The footer's commit stamp.
    stamp: Option<&'a stamp::Stamp>,
    /// The annex of changes, when the document has it.
    changes: Option<&'a diff::PlanDiff>,
    /// With `--changes-since`: the comparison edition's earlier version.
    comparison: Option<writers::docx::Earlier<'a>>,
}

/// Adds a document's Word edition to its files when `formats` asks for it, and leaves its
/// PDF out when they do not name it; with `--changes-since`, also its comparison edition
/// `<id>-changes.docx`, the changes since as Word's tracked changes. A picture that
/// cannot go into it is a warning.
fn word_edition(
    checked: &Checked,
    rendered: &Rendered,
    (document, group): (&model::Document, Option<&model::Entry>),
    word: &Word,
    typeset: &mut typeset::Typeset,
    diags: &mut Diagnostics,
) {
    if !word.formats.contains(&FileFormat::Pdf) {
        typeset.files.retain(|f| !f.name.ends_with(".pdf"));
    }
    if !word.formats.contains(&FileFormat::Docx) {
        return;
    }
    let changes = word.changes.map(|_| typeset::changes_number(&checked.plan));
    let stamp = word
        .stamp
        .map(|s| s.of(checked, document, word.changes.is_some()));
    let data = view::build(
        checked,
        &rendered.logo,
        stamp.as_deref(),
        document,
        group,
        changes,
    );
    let input = writers::docx::Input {
        plan: &checked.plan,
        document,
        chapters: &checked.understood.chapters,
        rendered: &rendered.chapters,
        figures: Some(&typeset.figures),
        stamp: stamp.as_deref(),
        data: &data,
        texts: &checked.understood.texts,
        pack: group.map(|g| g.name.as_str()),
        changes: word.changes,
        earlier: None,
    };
    // What it reads of the plan folder besides what typst read for the PDF, for the record.
    let mut pictures = vec![writers::docx::reference::PATH];
    pictures.extend(checked.plan.meta.logo.iter().map(|l| l.path.as_str()));
    for part in &document.parts {
        if let model::Part::Chapter(path) = part
            && let Some(doc) = checked.understood.chapters.get(path)
        {
            pictures.extend(understand::pictures::files(doc));
        }
    }
    for (_, text) in &checked.understood.texts {
        pictures.extend(understand::pictures::files(&text.doc));
    }
    typeset.word_reads = typeset::unchanged::plan_reads(&checked.plan.root, pictures);
    let editions = std::iter::once((format!("{}.docx", document.id), None)).chain(
        word.comparison
            .map(|earlier| (format!("{}-changes.docx", document.id), Some(earlier))),
    );
    for (name, earlier) in editions {
        let input = writers::docx::Input { earlier, ..input };
        match writers::docx::write(&input) {
            Ok(made) => {
                // The comparison edition has the same pictures: said once.
                if input.earlier.is_none() {
                    for problem in made.problems {
                        diags.push(
                            Diagnostic::warning(format!("{}: {problem}", document.id))
                                .code(diag::codes::BAD_IMAGE)
                                .hint(
                                    "the picture is left out of the Word edition; the PDF shows it",
                                ),
                        );
                    }
                }
                typeset.files.push(typeset::File {
                    name,
                    bytes: made.bytes,
                });
            }
            Err(message) => {
                diags.push(Diagnostic::error(format!("`{name}`: {message}")).code(diag::codes::IO))
            }
        }
    }
}

/// Ends a build whose `--changes-since` revision cannot be read: an I/O failure is said as
/// it is (exit 1); anything else is a usage problem, which `plan diff` explains in full.
fn changes_unreadable(rev: &str, unreadable: diff::Unreadable, diags: &mut Diagnostics) -> Outcome {
    let diff::Unreadable {
        mut problem,
        diags: found,
        ..
    } = unreadable;
    let io: Vec<Diagnostic> = std::iter::once(&problem)
        .chain(found.iter())
        .filter(|d| d.code == diag::codes::IO)
        .cloned()
        .collect();
    if !io.is_empty() {
        diags.extend(io);
        return Outcome::Failed;
    }
    problem.message = format!("--changes-since: {}", problem.message);
    if problem.code != diag::USAGE {
        problem = Diagnostic::usage(problem.message)
            .hint(format!("`plan diff {rev}` shows what is wrong with it"));
    }
    usage(diags, problem)
}

/// Adds a usage problem and ends the build with it.
fn usage(diags: &mut Diagnostics, problem: Diagnostic) -> Outcome {
    diags.push(problem);
    Outcome::Usage
}

/// The usage problem for a `--document` the plan does not have.
fn unknown_document(plan: &Plan, id: &str) -> Diagnostic {
    let ids = plan.documents.iter().map(|d| d.id.as_str());
    let problem = Diagnostic::usage(format!("the plan has no document `{id}`"));
    let problem = match suggest::closest(id, ids.clone()) {
        Some(best) => problem.hint(format!("did you mean `{best}`?")),
        None => problem,
    };
    let known: Vec<&str> = ids.collect();
    problem.hint(format!(
        "its documents are: {} (`[[document]]` in plan.toml)",
        known.join(", ")
    ))
}

/// The folder of converted pictures for a build of the plan at `dir` into `out`.
fn image_cache(dir: &Path, out: Option<&Path>) -> PathBuf {
    let out = out.map_or_else(|| dir.join("build"), Path::to_path_buf);
    out.join(".cache").join("images")
}

/// After a successful build, keeps the pictures converted for it in the cache.
fn keep_converted_images(dir: &Path, out: Option<&Path>, rendered: &Rendered) {
    images::cache::keep(&image_cache(dir, out), &rendered.images);
}

/// Whether the diagnostics so far stop the build.
pub fn failed(diags: &Diagnostics, deny_warnings: bool) -> bool {
    diags.exit_status(deny_warnings) != 0
}
