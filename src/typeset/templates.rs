//! The built-in typst templates, embedded at build time: the ones every document shares,
//! here, and each generated part's own, declared with the part ([`crate::parts`]). A file
//! of the same name in the plan's `templates/` folder overrides one.

/// Declares the shared templates from `templates/`.
macro_rules! templates {
    ($($name:literal),* $(,)?) => {
        /// The templates the parts share, by file name.
        static SHARED: &[(&str, &str)] = &[
            $(($name, include_str!(concat!("../../templates/", $name)))),*
        ];
    };
}

templates!(
    "document.typ",
    "labels.typ",
    "style.typ",
    "report.typ",
    "markdown.typ",
    "charts.typ",
    "data-charts.typ",
    "changes.typ",
    "contents.typ",
);

/// Every built-in template, by file name: the shared ones, then each part's.
pub fn all() -> impl Iterator<Item = (&'static str, &'static str)> {
    SHARED.iter().copied().chain(
        crate::parts::ALL
            .iter()
            .map(|part| (part.template, part.source)),
    )
}

/// Whether the plan folder `root` has its own template of this file name.
pub(super) fn overridden(root: &std::path::Path, name: &str) -> bool {
    root.join("templates").join(name).is_file()
}

/// The folder under `/templates/` where each built-in template is served under its own
/// name, whether or not the plan has its own copy.
pub(super) const BUILT_IN_DIR: &str = "built-in/";

/// What a plan's own copy of the built-in template `name` is served after, on its first
/// line: every name of the built-in file, which the copy's own then replace. A copy made
/// with an earlier version of `plan` so still has what a newer built-in template imports
/// from it (a function added to `style.typ`, say). On the copy's first line, so that its
/// lines keep their numbers (see [`layer_offset`]).
pub(super) fn layer_prefix(name: &str) -> String {
    format!("#import \"/templates/{BUILT_IN_DIR}{name}\": *;")
}

/// A plan's own copy `own` of the built-in template `name` as typst reads it: after
/// [`layer_prefix`].
pub(super) fn layered(name: &str, own: &[u8]) -> Vec<u8> {
    let mut text = layer_prefix(name).into_bytes();
    text.extend_from_slice(own);
    text
}

/// How many bytes [`layer_prefix`] puts before a plan's own template at the virtual
/// path `path` (`/templates/NAME`): none when the plan has no copy of a built-in `NAME`.
pub(super) fn layer_offset(root: &std::path::Path, path: &str) -> Option<usize> {
    let name = path.strip_prefix("/templates/")?;
    (!name.starts_with(BUILT_IN_DIR) && built_in(name).is_some() && overridden(root, name))
        .then(|| layer_prefix(name).len())
}

/// The built-in template of that file name.
pub fn built_in(name: &str) -> Option<&'static str> {
    all().find(|(n, _)| *n == name).map(|(_, text)| text)
}
