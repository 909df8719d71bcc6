//! The built-in typst templates, embedded at build time. A file of the same name in the
//! plan's `templates/` folder overrides one.

/// Declares the embedded templates from `templates/`.
macro_rules! templates {
    ($($name:literal),* $(,)?) => {
        /// Every built-in template, by file name.
        pub static BUILT_IN: &[(&str, &str)] = &[
            $(($name, include_str!(concat!("../../templates/", $name)))),*
        ];
    };
}

templates!(
    "document.typ",
    "labels.typ",
    "style.typ",
    "vision.typ",
    "swot.typ",
    "strategy.typ",
    "action-plan.typ",
    "funding.typ",
    "indicators.typ",
    "links.typ",
    "abbreviations.typ",
    "groups.typ",
    "indicator-cards.typ",
    "principles.typ",
    "report.typ",
    "monitoring-summary.typ",
    "indicator-progress.typ",
    "measure-status.typ",
    "funding-execution.typ",
    "list-of-figures.typ",
    "list-of-tables.typ",
    "markdown.typ",
    "charts.typ",
    "changes.typ",
    "contents.typ",
);

/// The built-in template of that file name.
pub fn built_in(name: &str) -> Option<&'static str> {
    BUILT_IN
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, text)| *text)
}
