//! Typesetting: the numbered plan and converted Markdown go into a typst world as generated
//! files, the templates lay them out, and typst-pdf writes PDF/A-2a + PDF/UA-1 files (or
//! typst-render draws the pages as PNG, for a preview).

mod compile;
pub mod drawn;
mod emit;
mod json;
mod labels;
pub(crate) mod outline;
mod pdfmeta;
mod sources;
pub mod templates;
mod trace;
pub mod unchanged;
mod watermark;
mod world;

use std::collections::HashMap;

use typst::WorldExt;
use typst::diag::{Severity as TypstSeverity, SourceDiagnostic, Warned};
use typst::foundations::{Datetime, Smart};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};
use typst_render::RenderOptions;

use crate::diag::{Diagnostic, Diagnostics, Severity, Sources, Span, codes};
use crate::model::{Document, Entry, Part};
use crate::pages::Pages;
pub use world::GENERATED_DIR;
pub use world::PlanWorld;

/// What a build makes of each typeset document.
#[derive(Debug, Clone, Default)]
pub enum Export {
    /// One PDF/A-2a + PDF/UA-1 file, `<id>.pdf` (a review pack's id is
    /// `<document>-<group>`).
    #[default]
    Pdf,
    /// One PNG per selected page, `<id>-<page>.png`, at `dpi` (`plan preview`).
    Png { pages: Pages, dpi: f32 },
}

/// A typeset document's files, ready to be written.
pub struct Typeset {
    pub id: String,
    /// How many pages the document has (not all may have files, for PNG).
    pub pages: usize,
    pub files: Vec<File>,
    /// Time spent in typst's compilation (layout) and in the export.
    pub compile: std::time::Duration,
    pub export: std::time::Duration,
    /// How many times typst laid the document out before its page numbers settled.
    pub passes: usize,
    /// The numbers the PDF gives the chapters' figures and captioned tables, in order
    /// (the generated parts' figures count too): what the Word edition shows.
    pub figures: ChapterFigures,
    /// Left as it is: its files in the output folder (its PDF, its Word edition) were made
    /// of the same inputs (`files` is then empty).
    pub kept: bool,
    /// The names of the files left as they are, when `kept`.
    pub kept_files: Vec<String>,
    /// What its PDF was made of, for the next build ([`unchanged`]).
    pub record: Option<unchanged::Record>,
    /// What its Word edition reads of the plan folder besides (its pictures as they are,
    /// the reference document), with their digests.
    pub word_reads: Vec<(String, unchanged::Digest)>,
}

/// The numbers of a document's chapter figures (pictures and charts) and of its captioned
/// chapter tables, each in the order they are laid out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChapterFigures {
    pub images: Vec<usize>,
    pub tables: Vec<usize>,
    /// The numbers of the generated parts' figures (charts) and captioned tables, in the
    /// order they are laid out (the Word edition numbers its parts' captions with them).
    pub part_images: Vec<usize>,
    pub part_tables: Vec<usize>,
    /// The number of the last page of each run of page numbers: the text's (after the
    /// title page), then each annex's.
    pub page_runs: Vec<usize>,
    /// Every numbered picture or chart (chapters' and parts') drawn as the PDF shows it, by
    /// its number: the Word edition's charts (only when a Word edition is asked for).
    pub drawn: std::collections::BTreeMap<usize, drawn::Drawn>,
}

/// The templates whose figures are a chapter's (a picture, a chart from data, a captioned
/// table); every other template's figures are a generated part's.
const CHAPTER_FIGURE_TEMPLATES: [&str; 2] = ["templates/markdown.typ", "templates/data-charts.typ"];

/// The last page number of each run of numbered pages (a run starts where the number
/// goes back to 1).
fn page_runs(doc: &PagedDocument) -> Vec<usize> {
    let mut runs: Vec<usize> = Vec::new();
    for page in doc.pages().iter().filter(|p| p.numbering.is_some()) {
        let number = usize::try_from(page.number).unwrap_or(usize::MAX);
        match runs.last_mut() {
            Some(last) if number > *last => *last = number,
            _ => runs.push(number),
        }
    }
    runs
}

/// The numbers typst gave the chapters' figures and tables: each kind is counted over the
/// whole document in layout order, as its counter steps.
fn chapter_figures(doc: &PagedDocument) -> ChapterFigures {
    use typst::foundations::NativeElement;
    use typst::introspection::Introspector;
    use typst::model::{FigureElem, FigureKind};
    let mut counts: HashMap<String, usize> = HashMap::new();
    let mut found = ChapterFigures::default();
    let figures = doc
        .introspector()
        .query(&typst::foundations::Selector::Elem(FigureElem::ELEM, None));
    for content in figures {
        let Some(figure) = content.to_packed::<FigureElem>() else {
            continue;
        };
        let styles = typst::foundations::StyleChain::default();
        if figure.numbering.get_ref(styles).is_none() {
            continue;
        }
        let kind = match figure.kind.get_ref(styles) {
            Smart::Custom(FigureKind::Elem(elem)) => elem.name().to_string(),
            Smart::Custom(FigureKind::Name(name)) => name.to_string(),
            Smart::Auto => "auto".to_string(),
        };
        let count = counts.entry(kind.clone()).or_default();
        *count += 1;
        let chapter = content.span().id().is_some_and(|id| {
            let path = id.vpath().get_with_slash();
            CHAPTER_FIGURE_TEMPLATES.iter().any(|t| path.ends_with(t))
        });
        let list = match (chapter, kind.as_str()) {
            (true, "image") => &mut found.images,
            (true, "table") => &mut found.tables,
            (false, "image") => &mut found.part_images,
            (false, "table") => &mut found.part_tables,
            _ => continue,
        };
        list.push(*count);
    }
    found
}

/// One file to write: its name in the output folder and its bytes.
pub struct File {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// What to typeset, and how.
pub struct Job<'a> {
    pub documents: &'a [&'a Document],
    /// Working groups to make review packs for (`plan build --group`): one pack of each
    /// document per group, `<document>-<group>`, instead of the documents themselves. A
    /// document with no part a pack shows makes no pack (see [`crate::packs::pack`]).
    pub groups: &'a [&'a Entry],
    pub export: &'a Export,
    /// The footer's commit stamp.
    pub(crate) stamp: Option<&'a crate::stamp::Stamp>,
    /// Whether the figures are drawn as pictures too (for a Word edition).
    pub pictures: bool,
    /// Changes since an earlier version, typeset as an annex to the strategic plan (the
    /// first document with @strategy, else the first document).
    pub changes: Option<&'a crate::diff::PlanDiff>,
    /// A folder to write the generated typst sources to, with the templates, fonts and
    /// plan files they read, so that the typst CLI can compile them.
    pub emit: Option<&'a std::path::Path>,
    /// Keep typst's memoised work after the build (`plan watch` reuses it).
    pub keep_caches: bool,
    /// Where the PDFs go and what made them: a document whose inputs are those of its PDF
    /// there is not typeset again. `None` typesets everything (`--force`, a preview).
    pub reuse: Option<Reuse<'a>>,
}

/// The output folder of a PDF build and its records ([`unchanged`]).
pub struct Reuse<'a> {
    pub out: &'a std::path::Path,
    pub manifest: &'a unchanged::Manifest,
    /// The names of the files the build writes of a document (its PDF, its Word edition),
    /// each of which must be as recorded for the document to be left as it is; `None` when
    /// it is made anew whatever its record says (a comparison edition of `--changes-since`
    /// reads an earlier version no record holds).
    pub files: &'a (dyn Fn(&Document) -> Option<Vec<String>> + Sync),
}

/// Plans with up to this many measures typeset their documents in parallel. Larger ones
/// (unless the caches are kept for `plan watch`) lay one document out after the other,
/// freeing typst's memoised work after each and exporting it alongside the next one's
/// layout: at ten times the example plan's size in every dimension that peaks at 0.95 GB
/// instead of 1.9 GB, in the same time (BENCHMARKS.md, twentieth session).
const PARALLEL_UP_TO: usize = 500;

/// Typesets the given documents of the plan. Template errors and warnings go to `diags`
/// (registered in `sources` so they print with their lines); a document that fails is
/// left out of the result.
pub fn typeset(
    checked: &crate::Checked,
    rendered: &crate::writers::typst::Rendered,
    job: &Job,
    sources: &mut Sources,
    diags: &mut Diagnostics,
) -> Vec<Typeset> {
    let (shared, mut maps, annexed) = shared_files(rendered, job);
    let units = units(checked, rendered, job, annexed.as_deref(), &mut maps);
    if let Some(dir) = job.emit {
        let generated = shared.iter().chain(units.iter().flat_map(|u| &u.files));
        if let Err(e) = emit::write(dir, &checked.plan.root, generated, &rendered.images) {
            let message = format!("cannot write the typst sources to `{}`: {e}", dir.display());
            diags.push(Diagnostic::error(message).code(codes::IO));
        }
    }
    let settings: Vec<unchanged::Digest> =
        units.iter().map(|u| settings(checked, u, job)).collect();
    let kept = kept(checked, rendered, job, &shared, &units, &settings);
    let mut todo = Vec::new();
    let mut todo_settings = Vec::new();
    let mut order = Vec::new();
    for ((unit, kept), settings) in units.into_iter().zip(kept).zip(settings) {
        match kept {
            Some((pages, names)) => order.push(Some((unit.document.id.clone(), pages, names))),
            None => {
                order.push(None);
                todo.push(unit);
                todo_settings.push(settings);
            }
        }
    }
    let typesetter = Typesetter {
        checked,
        rendered,
        job,
        shared: &shared,
    };
    let trace = trace::start();
    let results = typesetter.run(&todo);
    if let Some(path) = trace {
        let worlds: Vec<&PlanWorld> = results.iter().map(|(world, ..)| world).collect();
        if let Err(e) = trace::write(&path, &worlds) {
            let message = format!("cannot write typst's timing trace: {e}");
            diags.push(Diagnostic::error(message).code(codes::IO));
        }
    }

    let mut made = Vec::new();
    let mut files = HashMap::new();
    for ((unit, (world, problems, result)), settings) in todo.iter().zip(results).zip(todo_settings)
    {
        let mut converter = Converter {
            world: &world,
            maps: &maps,
            sources: &mut *sources,
            files: &mut files,
            diags: &mut *diags,
        };
        converter.report(&problems);
        let record = matches!(job.export, Export::Pdf).then(|| unchanged::Record {
            settings,
            reads: world.reads(),
        });
        made.push(match result {
            Some((pages, Ok(files), (compile, passes), export, figures)) => Some(Typeset {
                id: unit.document.id.clone(),
                pages,
                files,
                compile,
                export,
                passes,
                figures,
                kept: false,
                kept_files: Vec::new(),
                record,
                word_reads: Vec::new(),
            }),
            Some((_, Err(message), ..)) => {
                diags.push(Diagnostic::error(message).code(codes::IO));
                None
            }
            None => None,
        });
    }
    let mut made = made.into_iter();
    order
        .into_iter()
        .filter_map(|kept| match kept {
            Some((id, pages, names)) => Some(Typeset {
                id,
                pages,
                files: Vec::new(),
                compile: std::time::Duration::ZERO,
                export: std::time::Duration::ZERO,
                passes: 0,
                figures: ChapterFigures::default(),
                kept: true,
                kept_files: names,
                record: None,
                word_reads: Vec::new(),
            }),
            None => made.next().flatten(),
        })
        .collect()
}

/// What decides a unit's PDF besides the files typst reads: plan's version (its typst,
/// embedded fonts and PDF writer), the main file, the date, whether plugins may run, the
/// plan's own fonts, the archive metadata, and whether the charts are drawn as pictures.
fn settings(checked: &crate::Checked, unit: &Unit, job: &Job) -> unchanged::Digest {
    let plan = &checked.plan;
    let text = format!(
        "plan {}\n{}\n{:?}\n{}\n{:?}\n{:?}\n{}",
        env!("CARGO_PKG_VERSION"),
        unit.main,
        unit.timestamp,
        plan.plugins,
        checked.fonts.own(),
        facts(&unit.document, &plan.meta),
        job.pictures,
    );
    unchanged::sha(text.as_bytes())
}

/// For each unit, its page count and files when those in the output folder were made of
/// the same inputs ([`unchanged`]), so that it is not typeset again. A Word edition is
/// made of what typst reads for the PDF (the view data, the chapters, the pictures, the
/// figures' numbers and drawings from the PDF's layout) with the same settings: it is
/// recorded as the PDF is, and kept with it.
fn kept(
    checked: &crate::Checked,
    rendered: &crate::writers::typst::Rendered,
    job: &Job,
    shared: &[(String, String)],
    units: &[Unit],
    settings: &[unchanged::Digest],
) -> Vec<Option<(usize, Vec<String>)>> {
    let Some(reuse) = &job.reuse else {
        return vec![None; units.len()];
    };
    let normal =
        |path: &str| world::file_id(path).map(|id| id.vpath().get_with_slash().to_string());
    let mut common: HashMap<String, &[u8]> = HashMap::new();
    for (path, text) in shared {
        common.extend(normal(path).map(|p| (p, text.as_bytes())));
    }
    for image in &rendered.images {
        common.extend(normal(&image.path).map(|p| (p, image.bytes.as_slice())));
    }
    let plan_files = world::Files::new(&checked.plan.root);
    // On every core: each reads and hashes its PDF as it is on disk (tens of megabytes in a
    // large plan).
    let units: Vec<(&Unit, &unchanged::Digest)> = units.iter().zip(settings).collect();
    on_every_core(&units, |&(unit, settings)| {
        let names = (reuse.files)(&unit.document).filter(|n| !n.is_empty())?;
        let own: HashMap<String, &[u8]> = unit
            .files
            .iter()
            .filter_map(|(path, text)| Some((normal(path)?, text.as_bytes())))
            .collect();
        let current = |path: &str| match own.get(path).or_else(|| common.get(path)) {
            Some(bytes) => unchanged::sha(bytes),
            None if path.starts_with(GENERATED_DIR) => unchanged::digest_of::<()>(&Err(())),
            None => unchanged::digest_of(&plan_files.current(path)),
        };
        let mut pages = None;
        for name in &names {
            let found = reuse
                .manifest
                .unchanged(reuse.out, name, settings, current)?;
            pages = pages.or(Some(found));
        }
        Some((pages?, names))
    })
}

/// Files every document reads (the texts written in TOML, the word lists, the changes),
/// their source maps, and the id of the document the annex of changes goes into.
fn shared_files(
    rendered: &crate::writers::typst::Rendered,
    job: &Job,
) -> (Vec<(String, String)>, sources::Maps, Option<String>) {
    let texts = format!("{GENERATED_DIR}/texts.typ");
    let (module, map) = sources::texts_module(rendered);
    let maps = sources::Maps::from([(texts.clone(), map)]);
    let mut shared = vec![(texts, module)];
    // The word lists `labels.typ` reads.
    shared.extend(crate::words::files());
    // The draft's watermark, drawn as outlines.
    shared.extend(watermark::files());
    let annexed = job.changes.and_then(|changes| {
        let json = serde_json::to_string(changes).ok()?;
        shared.push((format!("{GENERATED_DIR}/changes.json"), json));
        annexed(job.documents)
    });
    (shared, maps, annexed)
}

/// The document the annex of changes goes to: the first with a strategic part (the
/// strategic plan), else the first.
pub(crate) fn annexed(documents: &[&Document]) -> Option<String> {
    let strategic = documents.iter().find(|d| {
        d.parts
            .iter()
            .any(|p| matches!(p, Part::Generated(g) if g.declaration().strategic))
    });
    strategic.or(documents.first()).map(|d| d.id.clone())
}

/// The annex of changes' number: after the plan's own annexes.
pub(crate) fn changes_number(plan: &crate::model::Plan) -> usize {
    plan.documents.iter().map(Document::annexes).sum::<usize>() + 1
}

/// What is typeset: each document, or with groups each group's pack of each document
/// (group by group, each group's packs in document order), with its own files: its view
/// data, its chapters numbered, and its main file.
fn units<'a>(
    checked: &crate::Checked,
    rendered: &crate::writers::typst::Rendered,
    job: &Job<'a>,
    annexed: Option<&str>,
    maps: &mut sources::Maps,
) -> Vec<Unit<'a>> {
    let plan = &checked.plan;
    // A document alone, or with groups each group's pack of each document (group by group).
    let wanted: Vec<(&'a Document, Option<&'a Entry>)> = if job.groups.is_empty() {
        job.documents.iter().map(|d| (*d, None)).collect()
    } else {
        job.groups
            .iter()
            .flat_map(|g| job.documents.iter().map(move |d| (*d, Some(*g))))
            .collect()
    };
    // Each one's view, data and sources made on every core: they are independent, and a
    // rebuild waits for them all before it typesets the one document that changed.
    let made = on_every_core(&wanted, |&(document, group)| {
        let document = match group {
            None => std::borrow::Cow::Borrowed(document),
            Some(g) => std::borrow::Cow::Owned(crate::packs::pack(plan, document, g)?),
        };
        let changes = (annexed == Some(document.id.as_str())).then(|| changes_number(plan));
        let data = crate::view::build(
            checked,
            &rendered.logo,
            job.stamp
                .map(|s| s.of(checked, &document, changes.is_some()))
                .as_deref(),
            &document,
            group,
            changes,
        );
        let main = format!("{GENERATED_DIR}/{}/main.typ", document.id);
        let mut files = vec![(
            format!("{GENERATED_DIR}/{}/data.json", document.id),
            json::to_json(&data),
        )];
        let mut maps = sources::Maps::new();
        files.extend(sources::document(
            &document, changes, rendered, &main, &mut maps,
        ));
        let unit = Unit {
            timestamp: crate::time::timestamp(document.edition(&plan.meta).date),
            document,
            files,
            main,
        };
        Some((unit, maps))
    });
    let mut units = Vec::with_capacity(made.len());
    for (unit, made_maps) in made.into_iter().flatten() {
        maps.extend(made_maps);
        units.push(unit);
    }
    units
}

/// Lays out and exports the units: each in its own world, typst's memoised work shared
/// between them (and kept across `plan watch` rebuilds).
struct Typesetter<'a> {
    checked: &'a crate::Checked,
    rendered: &'a crate::writers::typst::Rendered,
    job: &'a Job<'a>,
    shared: &'a [(String, String)],
}

impl Typesetter<'_> {
    /// Every unit laid out and exported, in order: its world, its problems, and what it
    /// made (none when it failed).
    fn run(&self, units: &[Unit]) -> Vec<(PlanWorld, Vec<SourceDiagnostic>, Option<Made>)> {
        let in_turns =
            self.checked.plan.measures().count() > PARALLEL_UP_TO && !self.job.keep_caches;
        if !in_turns {
            return on_every_core(units, |unit| self.export(unit, self.compile(unit)));
        }
        // Large plans: one document after the other, typst's memoised work freed after
        // each layout. The documents share little of it (chapters and generated parts
        // differ), and holding every document's at once doubled the peak memory at ten
        // times the example's size (1.9 GB against 0.95 GB, the time the same; BENCHMARKS.md,
        // twentieth session). Review packs too, one after the other.
        self.one_after_another(units)
    }

    /// The units laid out one after the other, typst's memoised work freed after each
    /// layout (the documents share little of it), each exported alongside the next one's
    /// layout, and the next one evaluated alongside: evaluation takes one core, which a
    /// layout leaves idle at the end of each of its passes.
    fn one_after_another(
        &self,
        units: &[Unit],
    ) -> Vec<(PlanWorld, Vec<SourceDiagnostic>, Option<Made>)> {
        std::thread::scope(|scope| {
            // One unit evaluated ahead at most: the channel holds none, so the next
            // evaluation waits until the layout before it has taken its unit.
            let (send, evaluated) = std::sync::mpsc::sync_channel(0);
            let evaluating = scope.spawn(move || {
                for unit in units {
                    let world = self.world(unit);
                    let start = std::time::Instant::now();
                    let done = compile::evaluate(&world);
                    if send.send((world, done, start.elapsed())).is_err() {
                        break;
                    }
                }
            });
            let mut results = Vec::new();
            let mut exporting: Option<std::thread::ScopedJoinHandle<'_, _>> = None;
            for unit in units {
                let Ok((world, done, evaluation)) = evaluated.recv() else {
                    break;
                };
                let compiled = lay_out(world, done, evaluation);
                typst::comemo::evict(0);
                if let Some(handle) = exporting.take() {
                    results.push(joined(handle));
                }
                exporting = Some(scope.spawn(move || self.export(unit, compiled)));
            }
            joined(evaluating);
            if let Some(handle) = exporting {
                results.push(joined(handle));
            }
            results
        })
    }

    /// A unit's world: the plan folder, with the unit's generated files and the pictures
    /// converted for typesetting.
    fn world(&self, unit: &Unit) -> PlanWorld {
        let (plan, rendered) = (&self.checked.plan, self.rendered);
        let mut world = PlanWorld::new(
            &plan.root,
            &self.checked.fonts,
            unit.timestamp,
            plan.plugins,
        );
        for (path, text) in self.shared.iter().chain(&unit.files) {
            world.set_generated(path, text.clone());
        }
        for image in &rendered.images {
            world.set_generated_bytes(&image.path, image.bytes.clone());
        }
        world.set_main(&unit.main);
        world
    }

    /// A unit evaluated and laid out in a world of its own.
    fn compile(&self, unit: &Unit) -> Compiled {
        let world = self.world(unit);
        let start = std::time::Instant::now();
        let done = compile::evaluate(&world);
        lay_out(world, done, start.elapsed())
    }

    /// A laid-out unit exported, its export problems added to its layout problems.
    fn export(
        &self,
        unit: &Unit,
        (world, mut problems, output, compiled): Compiled,
    ) -> (PlanWorld, Vec<SourceDiagnostic>, Option<Made>) {
        let (document, timestamp) = (&*unit.document, unit.timestamp);
        let result = match output {
            Err(errors) => {
                problems.extend(errors);
                None
            }
            Ok(doc) => {
                let start = std::time::Instant::now();
                let files = match self.job.export {
                    Export::Pdf => pdf(&doc, document, &self.checked.plan.meta, timestamp)
                        .map_err(|errors| problems.extend(errors))
                        .ok()
                        .map(Ok),
                    Export::Png { pages, dpi } => Some(png(&doc, document, pages, *dpi)),
                };
                let exported = start.elapsed();
                let figures = match self.job.export {
                    Export::Pdf => ChapterFigures {
                        drawn: if self.job.pictures {
                            drawn::figures(&doc)
                        } else {
                            Default::default()
                        },
                        page_runs: page_runs(&doc),
                        ..chapter_figures(&doc)
                    },
                    Export::Png { .. } => ChapterFigures::default(),
                };
                files.map(|files| (doc.pages().len(), files, compiled, exported, figures))
            }
        };
        (world, problems, result)
    }
}

/// What a unit made: its page count, its files (or why they could not be made), the time
/// and passes of its layout, and the time of its export.
type Made = (
    usize,
    Result<Vec<File>, String>,
    (std::time::Duration, usize),
    std::time::Duration,
    ChapterFigures,
);

/// A document laid out: its world, typst's warnings, the pages or errors, and the time
/// and number of layout passes.
type Compiled = (
    PlanWorld,
    Vec<SourceDiagnostic>,
    typst::diag::SourceResult<PagedDocument>,
    (std::time::Duration, usize),
);

/// One document to typeset: its generated files and the one compiled.
struct Unit<'a> {
    /// The document, or a review pack made of one.
    document: std::borrow::Cow<'a, Document>,
    /// Its date as typst and the PDF see it: its own, else the plan's (or
    /// `SOURCE_DATE_EPOCH`).
    timestamp: Datetime,
    files: Vec<(String, String)>,
    main: String,
}

/// What a scoped thread returned, its panic passed on.
fn joined<T>(handle: std::thread::ScopedJoinHandle<'_, T>) -> T {
    match handle.join() {
        Ok(result) => result,
        Err(panic) => std::panic::resume_unwind(panic),
    }
}

/// An evaluated unit laid out; `evaluation` is how long its evaluation took (counted with
/// its layout in `--timings`).
fn lay_out(
    world: PlanWorld,
    done: compile::Evaluated,
    evaluation: std::time::Duration,
) -> Compiled {
    let start = std::time::Instant::now();
    let (Warned { output, warnings }, passes) = compile::lay_out(&world, done);
    (
        world,
        warnings.to_vec(),
        output,
        (evaluation + start.elapsed(), passes),
    )
}

/// `f` applied to every item, on as many threads as there are cores, results in order.
fn on_every_core<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    use std::sync::Mutex;
    use std::sync::atomic::{AtomicUsize, Ordering};
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len());
    if threads <= 1 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let results: Vec<Mutex<Option<R>>> = items.iter().map(|_| Mutex::new(None)).collect();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(i) else { break };
                    let result = f(item);
                    if let Ok(mut slot) = results[i].lock() {
                        *slot = Some(result);
                    }
                }
            });
        }
    });
    results
        .into_iter()
        .filter_map(|slot| slot.into_inner().ok().flatten())
        .collect()
}

/// Exports a document as PDF/A-2a + PDF/UA-1, with the archive metadata typst cannot write
/// ([`pdfmeta`]).
fn pdf(
    doc: &PagedDocument,
    document: &Document,
    meta: &crate::model::Meta,
    timestamp: Datetime,
) -> typst::diag::SourceResult<Vec<File>> {
    let options = PdfOptions {
        ident: Smart::Custom(format!("plan/{}", document.id)),
        creator: Smart::Custom(Some(format!("plan {}", env!("CARGO_PKG_VERSION")))),
        timestamp: Some(Timestamp::new_utc(timestamp)),
        page_ranges: None,
        standards: standards(),
        tagged: true,
        pretty: false,
    };
    let facts = facts(document, meta);
    let bytes = typst_pdf::pdf(doc, &options)?;
    let bytes = pdfmeta::complete(&bytes, &facts, &labels::runs(doc)).map_err(|problem| {
        typst::ecow::eco_vec![typst::diag::SourceDiagnostic::error(
            typst::syntax::Span::detached(),
            typst::ecow::eco_format!(
                "plan could not add the archive metadata to `{}.pdf` ({problem}); \
                 please report this as a bug of plan",
                document.id
            ),
        )]
    })?;
    Ok(vec![File {
        name: format!("{}.pdf", document.id),
        bytes,
    }])
}

/// What a document's archive metadata says.
fn facts<'a>(document: &'a Document, meta: &'a crate::model::Meta) -> pdfmeta::Facts<'a> {
    let edition = document.edition(meta);
    // The decision is the document's only once it is approved.
    let approval = edition
        .approval
        .filter(|_| edition.status == crate::model::Status::Approved);
    pdfmeta::Facts {
        organisation: &meta.organisation,
        organisation_code: meta.organisation_code.as_deref(),
        decision: approval.and_then(|a| a.decision.as_deref()),
        decision_date: approval.and_then(|a| a.date).map(|d| d.to_string()),
        approved_by: approval.map(|a| a.body.as_str()),
    }
}

/// The number printed on each page, as the PDF's page labels give it (none for a page
/// without one, such as the title page, or whose numbering is a function).
fn page_labels(doc: &PagedDocument) -> Vec<Option<String>> {
    doc.pages()
        .iter()
        .map(|page| match &page.numbering {
            Some(typst::model::Numbering::Pattern(pattern)) => pattern
                .apply(None, &[page.number])
                .ok()
                .map(|s| s.to_string()),
            _ => None,
        })
        .collect()
}

/// Draws the selected pages as PNG, named `<id>-<page>.png` with the page number padded so
/// that the files sort in page order. Pages are drawn on every core.
/// The most pixels `plan preview` draws a page with (an A4 page at 1 200 dpi has 140 million).
const MAX_PREVIEW_PIXELS: f64 = 150e6;

fn png(
    doc: &PagedDocument,
    document: &Document,
    pages: &Pages,
    dpi: f32,
) -> Result<Vec<File>, String> {
    let width = doc.pages().len().to_string().len().max(2);
    let options = RenderOptions {
        pixel_per_pt: typst::utils::Scalar::new(f64::from(dpi) / 72.0),
        render_bleed: false,
    };
    let all = doc.pages();
    let selected: Vec<(usize, &typst_layout::Page)> = pages
        .select(&page_labels(doc))
        .into_iter()
        .map(|i| (i + 1, &all[i]))
        .collect();
    // A page drawn larger than this would take gigabytes (a page 5 000 cm wide, a very high
    // `--dpi`): refused before drawing, with the largest resolution that fits.
    for &(n, page) in &selected {
        let size = page.frame.size();
        let scale = f64::from(dpi) / 72.0;
        let pixels = size.x.to_pt() * scale * size.y.to_pt() * scale;
        if pixels > MAX_PREVIEW_PIXELS {
            let fits = 72.0 * (MAX_PREVIEW_PIXELS / (size.x.to_pt() * size.y.to_pt())).sqrt();
            return Err(format!(
                "page {n} of `{}` would be {:.0} megapixels at {dpi} dpi, over the limit of {:.0}; \
                 preview it with `--dpi {}` or less",
                document.id,
                pixels / 1e6,
                MAX_PREVIEW_PIXELS / 1e6,
                fits.floor().max(1.0)
            ));
        }
    }
    let draw = |&(n, page): &(usize, &typst_layout::Page)| {
        let bytes = typst_render::render(page, &options)
            .encode_png()
            .map_err(|e| format!("cannot encode page {n} of `{}` as PNG: {e}", document.id))?;
        Ok(File {
            name: format!("{}-{n:0width$}.png", document.id),
            bytes,
        })
    };
    on_every_core(&selected, draw).into_iter().collect()
}

/// PDF/A-2a (archival, for signed council documents) with PDF/UA-1 (accessible, for
/// publication), the pair typst 0.15 accepts together.
fn standards() -> PdfStandards {
    PdfStandards::new(&[PdfStandard::A_2a, PdfStandard::Ua_1]).unwrap_or_default()
}

/// Turns typst's diagnostics into ours, registering the typst files they point into. A
/// problem in generated markup is reported where the user wrote what it came from.
struct Converter<'a> {
    world: &'a PlanWorld,
    maps: &'a sources::Maps,
    sources: &'a mut Sources,
    /// Typst files already registered in `sources`, kept across documents.
    files: &'a mut HashMap<typst::syntax::FileId, usize>,
    diags: &'a mut Diagnostics,
}

impl Converter<'_> {
    /// Adds typst's diagnostics, skipping repeats (a template error shows in every
    /// document; the copy of a heading in the contents repeats the heading's problem,
    /// where it has no place of its own).
    fn report(&mut self, list: &[SourceDiagnostic]) {
        for d in list {
            let diagnostic = self.convert(d);
            let repeated = self.diags.iter().any(|known| {
                known == &diagnostic
                    || (diagnostic.span.is_none() && known.message == diagnostic.message)
            });
            if !repeated {
                self.diags.push(diagnostic);
            }
        }
    }

    fn convert(&mut self, d: &SourceDiagnostic) -> Diagnostic {
        let mut diagnostic = match d.severity {
            TypstSeverity::Error => Diagnostic::error(d.message.to_string()).code(codes::TEMPLATE),
            TypstSeverity::Warning => {
                Diagnostic::warning(d.message.to_string()).code(codes::TEMPLATE)
            }
        };
        if let Some(span) = self.span(d.span) {
            diagnostic = diagnostic.at(span);
        }
        // Hints about typst's own command line do not apply to `plan`.
        for hint in d.hints.iter().filter(|h| !h.v.contains("--root")) {
            match self.span(hint.span) {
                Some(span) => diagnostic = diagnostic.related(span, hint.v.to_string()),
                None => diagnostic = diagnostic.hint(hint.v.to_string()),
            }
        }
        for point in &d.trace {
            // Calls from the generated main file say nothing a user can act on.
            let generated = point
                .span
                .id()
                .is_some_and(|id| id.vpath().get_with_slash().starts_with(GENERATED_DIR));
            if generated {
                continue;
            }
            let place = self.span(point.span.into()).map(|s| {
                let (line, column) = self.sources.line_column(s.file, s.range.start);
                format!(" at {}:{line}:{column}", self.sources.name(s.file))
            });
            diagnostic = diagnostic.hint(format!("{}{}", point.v, place.unwrap_or_default()));
        }
        if diagnostic.severity == Severity::Error && diagnostic.span.is_none() {
            diagnostic = diagnostic.hint("this came from typesetting; check the templates");
        }
        if diagnostic.severity == Severity::Error {
            diagnostic = self.own_templates_hint(d, diagnostic);
        }
        diagnostic
    }

    /// An error a built-in template (or a chapter, through one) runs into in a plan with
    /// its own templates: the likely cause after an upgrade is a copy that no longer fits
    /// the built-in templates around it. (One in the user's own file is shown there.)
    fn own_templates_hint(&self, d: &SourceDiagnostic, diagnostic: Diagnostic) -> Diagnostic {
        let in_own = d
            .span
            .id()
            .is_some_and(|id| self.world.display_name(id).starts_with("templates/"));
        let in_templates = std::iter::once(d.span)
            .chain(d.trace.iter().map(|point| point.span.into()))
            .filter_map(|span| span.id())
            .any(|id| id.vpath().get_with_slash().starts_with("/templates/"));
        let own = self.world.own_templates();
        if in_own || !in_templates || own.is_empty() {
            return diagnostic;
        }
        let files: Vec<String> = own.iter().map(|name| format!("templates/{name}")).collect();
        diagnostic.hint(format!(
            "the plan has its own {}: one made with an earlier version of `plan` may not fit \
             today's templates; `plan build --emit-typst DIR` writes the built-in ones to \
             DIR/templates/built-in/ to compare",
            files.join(", ")
        ))
    }

    fn span(&mut self, span: typst::syntax::DiagSpan) -> Option<Span> {
        let id = span.id()?;
        let range = self.world.range(span)?;
        let path = id.vpath().get_with_slash();
        if path.starts_with(GENERATED_DIR) {
            // Code `plan` wrote: the user's text it was written for, if any.
            return self
                .maps
                .get(path)
                .and_then(|map| map.at(range.start))
                .cloned();
        }
        // A plan's own template is read with a line of `plan`'s before its first: the
        // user's file is shown, at the user's positions.
        let skip = self.world.layer_offset(id);
        let file = match self.files.get(&id) {
            Some(file) => *file,
            None => {
                let source = typst::World::source(self.world, id).ok()?;
                let file = self.sources.add(
                    self.world.display_name(id),
                    self.world.real_path(id),
                    source.text().get(skip..).unwrap_or_default().to_string(),
                );
                self.files.insert(id, file);
                file
            }
        };
        let range = range.start.saturating_sub(skip)..range.end.saturating_sub(skip);
        Some(Span::new(file, range))
    }
}
