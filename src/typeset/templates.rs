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

/// The module chapters import as `md`: the functions of the templates' `markdown.typ`. When
/// that is the plan's own copy (`own`), the built-in file's functions come first, so that a
/// copy made before the chapters' markup called some function still builds; the copy's own
/// functions win.
pub(super) fn markdown_module(own: bool) -> String {
    let built_in = format!("#import \"/templates/{BUILT_IN_DIR}markdown.typ\": *\n");
    let effective = "#import \"/templates/markdown.typ\": *\n";
    if own {
        built_in + effective
    } else {
        effective.to_string()
    }
}

/// The built-in template of that file name.
pub fn built_in(name: &str) -> Option<&'static str> {
    all().find(|(n, _)| *n == name).map(|(_, text)| text)
}
