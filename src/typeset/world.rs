//! The typst `World` of a plan: generated sources from memory, built-in templates (unless
//! the plan overrides them), embedded fonts, and the plan folder's own files read-only.
//! Nothing outside the plan folder is reachable, and there are no packages or network.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use typst::comemo::Tracked;
use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::ecow::eco_vec;
use typst::engine::Engine;
use typst::foundations::{
    Args, Binding, Bytes, CastInfo, Context, Datetime, Duration, Func, NativeFuncData,
    NativeFuncPtr, Scope, Value,
};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_kit::datetime::Time;
use typst_kit::files::{FileLoader, FileStore};
use typst_kit::fonts::FontStore;

use super::templates;
use crate::confine::Unreadable;

pub use crate::generated::GENERATED_DIR;

/// The virtual file system: generated files, then templates, then the plan folder.
pub(super) struct Files {
    root: PathBuf,
    /// The plan folder, to keep reads inside it.
    folder: crate::confine::Folder,
    generated: HashMap<FileId, Bytes>,
    /// Every file typst read, by virtual path, with the digest of what it got: what
    /// decides the document besides the world's fixed settings ([`super::unchanged`]).
    reads: std::sync::Mutex<Vec<(String, super::unchanged::Digest)>>,
}

impl Files {
    /// The files of the plan folder `root`, with no generated ones.
    pub(super) fn new(root: &Path) -> Self {
        Self {
            root: root.to_path_buf(),
            folder: crate::confine::Folder::new(root),
            generated: HashMap::new(),
            reads: std::sync::Mutex::new(Vec::new()),
        }
    }

    /// What a typeset would get for a template or plan file now (generated files aside).
    pub(super) fn current(&self, path: &str) -> FileResult<Bytes> {
        match file_id(path) {
            Some(id) => self.resolve(id),
            None => Err(FileError::NotFound(path.into())),
        }
    }

    /// Whether the plan's own `templates/` folder has a file of this name.
    fn overrides(&self, template: &str) -> bool {
        templates::overridden(&self.root, template)
    }

    /// Reads a file of the plan folder, refusing anything that resolves outside it.
    fn read_plan_file(&self, vpath: &VirtualPath) -> FileResult<Bytes> {
        let path = vpath.realize(&self.root).map_err(FileError::from)?;
        let real = self
            .folder
            .resolve(&path)
            .map_err(|refused| match refused {
                crate::confine::Refused::Missing => FileError::NotFound(path.clone()),
                crate::confine::Refused::Outside => FileError::AccessDenied,
            })?;
        if real.is_dir() {
            return Err(FileError::IsDirectory);
        }
        // Reading a pipe, a device or a socket could wait for ever.
        let bytes =
            crate::confine::read_regular(&real, crate::images::MAX_FILE_BYTES).map_err(|why| {
                match why {
                    Unreadable::NotRegular => FileError::Other(Some("not a regular file".into())),
                    Unreadable::TooLarge(bytes) => {
                        let problem = crate::images::ImageError::TooLarge(bytes);
                        FileError::Other(Some(format!("the file {problem}").into()))
                    }
                    Unreadable::Io(e) => FileError::from_io(e, &path),
                }
            })?;
        // Every raster typst loads from the plan folder, a picture an SVG links to as well
        // as one a template names, and every picture an SVG holds in a `data:` URI, is
        // held to the limits of pictures in chapters.
        crate::images::check_raster(&bytes)
            .and_then(|()| crate::images::check_svg(&bytes))
            .map_err(|problem| FileError::Other(Some(format!("the picture {problem}").into())))?;
        Ok(Bytes::new(bytes))
    }
}

impl FileLoader for Files {
    fn load(&self, id: FileId) -> FileResult<Bytes> {
        let result = self.resolve(id);
        let digest = super::unchanged::digest_of(&result);
        if let Ok(mut reads) = self.reads.lock() {
            reads.push((id.vpath().get_with_slash().to_string(), digest));
        }
        result
    }
}

impl Files {
    /// A file as typst gets it: generated, a built-in template unless the plan overrides
    /// it, or the plan folder's.
    fn resolve(&self, id: FileId) -> FileResult<Bytes> {
        if let Some(bytes) = self.generated.get(&id) {
            return Ok(bytes.clone());
        }
        if let VirtualRoot::Package(spec) = id.root() {
            return Err(FileError::Other(Some(
                format!("packages are not available to plan templates ({spec})").into(),
            )));
        }
        let vpath = id.vpath();
        let path = vpath.get_with_slash();
        if path.starts_with(GENERATED_DIR) {
            return Err(FileError::NotFound(path.into()));
        }
        if let Some(name) = self.built_in(path) {
            return match templates::built_in(name) {
                Some(text) => Ok(Bytes::from_string(text)),
                None => Err(FileError::NotFound(path.into())),
            };
        }
        let file = self.read_plan_file(vpath)?;
        // The plan's own copy of a built-in template, over the built-in one.
        Ok(match path.strip_prefix("/templates/") {
            Some(name) if templates::layer_offset(&self.root, path).is_some() => {
                Bytes::new(templates::layered(name, &file))
            }
            _ => file,
        })
    }

    /// The name of the built-in template a virtual path reads: one under `/templates/` the
    /// plan does not override, or any under `/templates/built-in/`.
    fn built_in<'p>(&self, path: &'p str) -> Option<&'p str> {
        let name = path.strip_prefix("/templates/")?;
        match name.strip_prefix(templates::BUILT_IN_DIR) {
            Some(name) => Some(name),
            None => (!self.overrides(name)).then_some(name),
        }
    }
}

/// A virtual path's file id.
pub(super) fn file_id(path: &str) -> Option<FileId> {
    let vpath = VirtualPath::new(path).ok()?;
    Some(RootedPath::new(VirtualRoot::Project, vpath).intern())
}

/// The id of a path written in our own code (never one a user controls).
fn fixed_id(path: &'static str) -> FileId {
    let vpath = VirtualPath::new(path).expect("a constant virtual path is valid");
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

/// Puts [`NO_PLUGINS`] in the place of typst's `plugin`, in the global scope and in `std`.
/// Refusing the function, not the files, covers every way in: a path, `read(…)` bytes and
/// bytes a template makes itself.
fn refuse_plugins(library: &mut Library) {
    let refusing = Binding::detached(Func::from(&NO_PLUGINS));
    library.global.scope_mut().bind("plugin".into(), refusing);
    library.std = Binding::detached(library.global.clone());
}

/// `plugin` for a plan that has not opted in. typst runs a WebAssembly plugin without a
/// time limit and lets it take up to 4 GiB of memory an instance, and a plan folder from
/// elsewhere may bring its own templates, so a template's `plugin(…)` is an error located
/// at the call, naming the plugin when it is given by path.
static NO_PLUGINS: NativeFuncData = NativeFuncData {
    function: NativeFuncPtr(&|_: &mut Engine, _: Tracked<Context>, args: &mut Args| {
        let named = match args.items.first().map(|arg| &arg.value.v) {
            Some(Value::Str(path)) => format!(" `{path}`"),
            _ => String::new(),
        };
        let message = format!(
            "the template loads the WebAssembly plugin{named}, but plugins are off for this plan: a plugin runs code without a time limit and may take gigabytes of memory"
        );
        Err(
            eco_vec![SourceDiagnostic::error(args.span, message).with_hint(
            "if you trust the plugin, allow plugins with `[templates] plugins = true` in plan.toml"
        )],
        )
    }),
    name: "plugin",
    title: "Plugin",
    docs: "Loads a WebAssembly plugin; off unless plan.toml has `[templates] plugins = true`.",
    def_site: None,
    keywords: &[],
    contextual: false,
    scope: LazyLock::new(&|| Scope::new()),
    params: LazyLock::new(&|| Vec::new()),
    returns: LazyLock::new(&|| CastInfo::Any),
};

/// The world one plan is typeset in.
pub struct PlanWorld {
    library: LazyHash<Library>,
    fonts: FontStore,
    files: FileStore<Files>,
    main: FileId,
    now: Time,
}

impl PlanWorld {
    /// A world for the plan folder `root`, with `today` fixed so output is reproducible;
    /// its templates may load WebAssembly plugins only if `plugins`.
    pub fn new(root: &Path, fonts: &crate::fonts::Fonts, today: Datetime, plugins: bool) -> Self {
        let features = [typst::Feature::A11yExtras].into_iter().collect();
        let mut library = Library::builder().with_features(features).build();
        if !plugins {
            refuse_plugins(&mut library);
        }
        Self {
            library: LazyHash::new(library),
            fonts: fonts.store(),
            files: FileStore::new(Files::new(root)),
            main: fixed_id("/.plan/main.typ"),
            now: Time::fixed(today).unwrap_or_else(|_| Time::system()),
        }
    }

    /// Serves a generated file at a virtual path under [`GENERATED_DIR`].
    pub fn set_generated(&mut self, path: &str, text: String) {
        self.set_generated_bytes(path, Bytes::from_string(text));
    }

    /// Serves generated bytes (e.g. a converted picture) at a virtual path.
    pub fn set_generated_bytes(&mut self, path: &str, bytes: Bytes) {
        if let Some(id) = file_id(path) {
            self.files.loader_mut().generated.insert(id, bytes);
        }
    }

    /// Makes a generated file the one compiled.
    pub fn set_main(&mut self, path: &str) {
        if let Some(id) = file_id(path) {
            self.main = id;
        }
    }

    /// Every file typst read in this world so far, by virtual path, with its digest.
    pub(super) fn reads(&self) -> Vec<(String, super::unchanged::Digest)> {
        let reads = self.files.loader().reads.lock();
        let mut reads = reads.map(|r| r.clone()).unwrap_or_default();
        reads.sort();
        reads.dedup();
        reads
    }

    /// The name a typst file is shown under in diagnostics, and whether it is one of the
    /// user's own files.
    pub fn display_name(&self, id: FileId) -> String {
        let path = id.vpath().get_with_slash();
        if let Some(rest) = path.strip_prefix(GENERATED_DIR) {
            return format!("<generated>{rest}");
        }
        if let Some(name) = self.files.loader().built_in(path) {
            return format!("<built-in>/templates/{name}");
        }
        path.trim_start_matches('/').to_string()
    }

    /// How many bytes typst's text of a file has before the user's own (the line a plan's
    /// own template is served after, see [`templates::layer_prefix`]): positions in it are
    /// that much further on than in the user's file.
    pub fn layer_offset(&self, id: FileId) -> usize {
        let path = id.vpath().get_with_slash();
        templates::layer_offset(&self.files.loader().root, path).unwrap_or(0)
    }

    /// The plan's own copies of built-in templates, by file name.
    pub fn own_templates(&self) -> Vec<&'static str> {
        let root = &self.files.loader().root;
        templates::all()
            .map(|(name, _)| name)
            .filter(|name| templates::overridden(root, name))
            .collect()
    }

    /// The real path of a plan file, for diagnostics.
    pub fn real_path(&self, id: FileId) -> PathBuf {
        self.files
            .loader()
            .root
            .join(id.vpath().get_without_slash())
    }
}

impl World for PlanWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.fonts.book()
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        self.files.source(id)
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        self.files.file(id)
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.font(index)
    }

    fn today(&self, offset: Option<Duration>) -> Option<Datetime> {
        self.now.today(offset)
    }
}
