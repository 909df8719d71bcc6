//! The footer stamp: the short commit id of the plan's git repository, with `*` when the
//! document's own files have uncommitted changes, so a printed page can be traced to its
//! source. A file only other documents show does not mark this one: its pages are those of
//! the commit (and a build after editing it leaves this document's PDF as it was,
//! [`crate::typeset::unchanged`]). What a document shows besides the files every document
//! shows: its chapters; the pictures they show; the datasets they chart, table or quote
//! (`data/<id>.toml` and the file of values); the monitoring reports (`monitoring/*.toml`)
//! when it is a report (`report = <year>`) or a chapter quotes a `report.…` fact. A
//! picture, dataset or report that a text written in TOML (shown by every document) or the
//! logo shows is every document's; so is every other changed file (plan.toml, the
//! strategy, templates, fonts, a picture nothing shows). What `plan` itself writes (the
//! output folder) is no change to the plan: a `build/` committed by mistake and written
//! anew by every build must not mark each later build uncommitted.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::facts::Shown;
use crate::model::{Document, Part};
use crate::understand::tree::Doc;

/// The commit a plan folder is at, and its files that differ from it.
#[derive(Debug, Clone)]
pub(crate) struct Stamp {
    /// The short commit id.
    commit: String,
    /// The changed files, as real paths.
    changed: Vec<PathBuf>,
    /// The plan folder, as a real path.
    root: PathBuf,
}

/// Plan files shown by some Markdown, as real paths: pictures, datasets' files, and
/// whether the monitoring reports are.
#[derive(Debug, Default)]
struct Files {
    paths: BTreeSet<PathBuf>,
    monitoring: bool,
}

impl Stamp {
    /// The stamp of `document` of the plan: the commit id, with `*` when a file it may
    /// show differs from the commit. `annexed`: the document holds the annex of changes,
    /// which may show any file.
    pub(crate) fn of(
        &self,
        checked: &crate::Checked,
        document: &Document,
        annexed: bool,
    ) -> String {
        let dirty = annexed || (!self.changed.is_empty() && self.shows_a_change(checked, document));
        if dirty {
            format!("{}*", self.commit)
        } else {
            self.commit.clone()
        }
    }

    /// Whether `document` may show one of the changed files.
    fn shows_a_change(&self, checked: &crate::Checked, document: &Document) -> bool {
        let every = self.shown_by_every(checked);
        let own = self.files_of(checked, document);
        let mut some = Files::default();
        for files in checked
            .plan
            .documents
            .iter()
            .map(|d| self.files_of(checked, d))
        {
            some.paths.extend(files.paths);
            some.monitoring |= files.monitoring;
        }
        let has = |files: &Files, path: &Path, monitoring: bool| {
            files.paths.contains(path) || (monitoring && files.monitoring)
        };
        self.changed.iter().any(|path| {
            let monitoring = self.is_monitoring(path);
            // A chapter, picture, dataset or report only other documents show is theirs;
            // a report nothing shows is no document's; any other file may show in all.
            has(&every, path, monitoring)
                || has(&own, path, monitoring)
                || !(monitoring || has(&some, path, monitoring))
        })
    }

    /// The files every document shows: the logo and what the texts from TOML show.
    fn shown_by_every(&self, checked: &crate::Checked) -> Files {
        let mut files = Files::default();
        if let Some(logo) = &checked.plan.meta.logo {
            files.paths.insert(self.real(&logo.path));
        }
        for (_, text) in &checked.understood.texts {
            self.pictures(&text.doc, &mut files);
        }
        self.add_shown(checked, &checked.understood.texts_show, &mut files);
        files
    }

    /// The files a document shows of its own: its chapters and what they show, and the
    /// monitoring reports when it is a report.
    fn files_of(&self, checked: &crate::Checked, document: &Document) -> Files {
        let mut files = Files {
            monitoring: document.report.is_some(),
            ..Files::default()
        };
        for part in &document.parts {
            let Part::Chapter(path) = part else { continue };
            files.paths.insert(self.real(path));
            if let Some(doc) = checked.understood.chapters.get(path) {
                self.pictures(doc, &mut files);
            }
            if let Some(shown) = checked.understood.shows.get(path) {
                self.add_shown(checked, shown, &mut files);
            }
        }
        files
    }

    /// Adds the pictures `doc` shows.
    fn pictures(&self, doc: &Doc, files: &mut Files) {
        for picture in crate::understand::pictures::files(doc) {
            files.paths.insert(self.real(picture));
        }
    }

    /// Adds the datasets' files (`data/<id>.toml` and its values) and the reports shown.
    fn add_shown(&self, checked: &crate::Checked, shown: &Shown, files: &mut Files) {
        for dataset in checked.plan.datasets.iter() {
            if shown.datasets.contains(&dataset.id) {
                files
                    .paths
                    .insert(self.real(&format!("data/{}.toml", dataset.id)));
                files.paths.insert(self.real(&dataset.file));
            }
        }
        files.monitoring |= shown.monitoring;
    }

    /// Whether `path` is a monitoring report (`monitoring/<year>.toml`).
    fn is_monitoring(&self, path: &Path) -> bool {
        path.parent() == Some(self.real("monitoring").as_path())
            && path.extension().is_some_and(|e| e == "toml")
    }

    /// The real path of a file of the plan.
    fn real(&self, relative: &str) -> PathBuf {
        crate::confine::real(&self.root.join(relative))
    }
}

/// The stamp for a plan folder, or `None` outside a git repository (or if git data cannot
/// be read: a stamp is a convenience, never a reason to fail a build). Changes inside the
/// `outputs` folders do not count.
pub(crate) fn stamp(dir: &Path, outputs: &[PathBuf]) -> Option<Stamp> {
    let repo = gix::discover(dir).ok()?;
    let head = repo.head_id().ok()?;
    let commit = head.to_hex_with_len(7).to_string();
    let changed = changed(&repo, outputs).unwrap_or_default();
    Some(Stamp {
        commit,
        changed,
        root: crate::confine::real(dir),
    })
}

/// The tracked files outside `outputs` that differ from the last commit (in the index or
/// the working tree), as real paths; untracked files do not count, as for
/// `git describe --dirty`.
fn changed(repo: &gix::Repository, outputs: &[PathBuf]) -> Option<Vec<PathBuf>> {
    let workdir = repo.workdir()?.canonicalize().ok()?;
    let skipped: Vec<String> = outputs
        .iter()
        .filter_map(|out| out.canonicalize().ok())
        .filter_map(|out| {
            let relative = out.strip_prefix(&workdir).ok()?;
            let relative = relative.to_string_lossy().replace('\\', "/");
            // An output folder that is the whole repository would hide every change.
            (!relative.is_empty()).then_some(relative)
        })
        .collect();
    let in_output = |path: &str| {
        skipped.iter().any(|out| {
            path.strip_prefix(out.as_str())
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
        })
    };
    let items = repo
        .status(gix::progress::Discard)
        .ok()?
        .index_worktree_rewrites(None)
        .index_worktree_submodules(gix::status::Submodule::AsConfigured { check_dirty: true })
        .index_worktree_options_mut(|options| options.dirwalk_options = None)
        .into_iter(Vec::new())
        .ok()?;
    let mut changed = Vec::new();
    for item in items {
        let item = item.ok()?;
        let location = item.location().to_string();
        if !in_output(&location) {
            changed.push(crate::confine::real(&workdir.join(location)));
        }
    }
    Some(changed)
}
