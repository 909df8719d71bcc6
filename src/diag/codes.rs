//! Every diagnostic code, registered once: the stable names tools and CI read in
//! `--format json` (and that decide the exit status, `usage`). A [`Code`] is made only here,
//! so a code that is not in this list does not compile, and each says what it flags.

use std::fmt;

/// A stable name for a kind of problem, e.g. `unknown-id`. Only the constants of this
/// module are codes.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Code(&'static str);

impl Code {
    /// The name as printed, e.g. `"unknown-id"`.
    pub const fn as_str(self) -> &'static str {
        self.0
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

/// Shown as the name alone, as when a code was a string.
impl fmt::Debug for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.0, f)
    }
}

impl PartialEq<str> for Code {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

/// Declares each code as a constant with its documentation, and [`ALL`] listing them.
macro_rules! codes {
    ($($(#[doc = $doc:literal])+ $name:ident = $code:literal,)+) => {
        $($(#[doc = $doc])+ pub const $name: Code = Code($code);)+

        /// Every registered code, in the order written.
        pub const ALL: &[Code] = &[$($name),+];
    };
}

codes! {
    /// A workbook number that reads as two different numbers in the plan's language.
    AMBIGUOUS_NUMBER = "ambiguous-number",
    /// An amount with more decimals than amounts keep (hundredths of the money unit).
    AMOUNT_PRECISION = "amount-precision",
    /// An annex listed before a part of the document that is not an annex.
    ANNEX_ORDER = "annex-order",
    /// A table's or picture's attribute whose value cannot be used (`widths` not one per
    /// column, `width=140%`, `page=0`).
    BAD_ATTRIBUTE = "bad-attribute",
    /// A chart a dataset cannot be drawn as: two kinds, a text column as a series, a
    /// pyramid without two series, a negative share, bars cut by `from`, nothing to draw.
    BAD_CHART = "bad-chart",
    /// A date that is not a plain day in a plausible year (a time, an offset, no date).
    BAD_DATE = "bad-date",
    /// A picture or logo that cannot be used: outside the plan folder, unreadable, too large.
    BAD_IMAGE = "bad-image",
    /// A milestone outside the plan period or out of order.
    BAD_MILESTONE = "bad-milestone",
    /// A path that is not a file inside the plan folder, or an unknown generated part.
    BAD_PATH = "bad-path",
    /// A period that is not two years.
    BAD_PERIOD = "bad-period",
    /// A dataset's `range` that is not two cells of a workbook, e.g. "A1:C12".
    BAD_RANGE = "bad-range",
    /// A judging rule's threshold outside 0–100, or `lagging` above `on-track`.
    BAD_RULE = "bad-rule",
    /// A TOML value that is not one of the values its key takes.
    BAD_VALUE = "bad-value",
    /// A collection workbook `plan import` cannot read as the one it made.
    BAD_WORKBOOK = "bad-workbook",
    /// A year that is not plausible for a strategic plan.
    BAD_YEAR = "bad-year",
    /// An indicator's target for a year before its baseline year.
    BASELINE_AFTER_TARGET = "baseline-after-target",
    /// An invisible character that changes the order in which text is shown.
    BIDI_CONTROL = "bidi-control",
    /// An indicator whose card `@indicator-cards` prints lacks its calculation method,
    /// frequency or reporter, so the card would show dashes.
    CARD_INCOMPLETE = "card-incomplete",
    /// A cell of a dataset's year, number or percent column that is not one.
    CELL_TYPE = "cell-type",
    /// Scenarios none of which is marked `chosen`, or more than one that is.
    CHOSEN_SCENARIO = "chosen-scenario",
    /// A plan compared by `plan diff` although it has errors.
    COMPARED_WITH_ERRORS = "compared-with-errors",
    /// A control character in a text, which no document can show.
    CONTROL_CHARACTER = "control-character",
    /// A CSV line that cannot be read: more or fewer fields than the header, a quote never closed.
    CSV_SYNTAX = "csv-syntax",
    /// A `{{ data.… }}` fact that cannot be worked out: an empty cell, a text column, a division by zero.
    DATA_FACT = "data-fact",
    /// A measure reported done while its product indicator is below its target.
    DONE_BELOW_TARGET = "done-below-target",
    /// A part listed twice in a document's `annex`.
    DUPLICATE_ANNEX = "duplicate-annex",
    /// A code given to two items, or equal to the number of another item.
    DUPLICATE_CODE = "duplicate-code",
    /// Two datasets reading the same table (one file, and of a workbook the same sheet and range).
    DUPLICATE_DATASET = "duplicate-dataset",
    /// Two documents with one id.
    DUPLICATE_DOCUMENT = "duplicate-document",
    /// An id defined twice in the plan's one namespace.
    DUPLICATE_ID = "duplicate-id",
    /// Two rows of a dataset named by the same key.
    DUPLICATE_ROW = "duplicate-row",
    /// A document with a part that shows measures, in a plan without measures.
    EMPTY_ACTION_PLAN = "empty-action-plan",
    /// A chapter file with no text.
    EMPTY_CHAPTER = "empty-chapter",
    /// A dataset without a header or without rows.
    EMPTY_DATASET = "empty-dataset",
    /// A document without parts.
    EMPTY_DOCUMENT = "empty-document",
    /// A goal without objectives.
    EMPTY_GOAL = "empty-goal",
    /// A working group without measures, so without a review pack.
    EMPTY_GROUP = "empty-group",
    /// A heading without a title, left out.
    EMPTY_HEADING = "empty-heading",
    /// A link or picture without a destination.
    EMPTY_LINK = "empty-link",
    /// An objective without measures.
    EMPTY_OBJECTIVE = "empty-objective",
    /// A priority without goals.
    EMPTY_PRIORITY = "empty-priority",
    /// A scenario's projection of an indicator that gives no value.
    EMPTY_PROJECTION = "empty-projection",
    /// A title or name that is blank.
    EMPTY_TEXT = "empty-text",
    /// A problem no more particular code names (the code a diagnostic starts with).
    ERROR = "error",
    /// An export that could not be made.
    EXPORT = "export",
    /// A font file of the plan's own over the size limit.
    FONT_TOO_LARGE = "font-too-large",
    /// A monitoring report for a year that has not yet come.
    FUTURE_YEAR = "future-year",
    /// A heading more than one level below the one before it.
    HEADING_LEVEL = "heading-level",
    /// A workbook value `plan import` would not write over what the plan already has.
    IMPORT_CONFLICT = "import-conflict",
    /// A bug in `plan` or typst, not in the plan.
    INTERNAL = "internal",
    /// Files an earlier, interrupted build left older than the others.
    INTERRUPTED = "interrupted",
    /// A code given from outside that is not one word.
    INVALID_CODE = "invalid-code",
    /// An id that does not follow the format's rule.
    INVALID_ID = "invalid-id",
    /// A file that could not be read or written.
    IO = "io",
    /// A file the plan names that is not there.
    MISSING_FILE = "missing-file",
    /// A character no font has.
    MISSING_GLYPH = "missing-glyph",
    /// A goal, objective or measure without an indicator.
    MISSING_INDICATOR = "missing-indicator",
    /// A TOML table without a key it needs.
    MISSING_KEY = "missing-key",
    /// A workbook row with values but no measure status.
    MISSING_STATUS = "missing-status",
    /// An amount with more decimals than `[plan] money-decimals`, or that setting outside 0–2.
    MONEY_DECIMALS = "money-decimals",
    /// An indicative need that does not match the sums below it.
    NEED_MISMATCH = "need-mismatch",
    /// A funding amount below zero.
    NEGATIVE_AMOUNT = "negative-amount",
    /// Indicators without an actual value in a year's monitoring report.
    NO_ACTUAL_VALUE = "no-actual-value",
    /// A picture without a description.
    NO_ALT_TEXT = "no-alt-text",
    /// `@annexes` in a document of a plan without annexes.
    NO_ANNEXES = "no-annexes",
    /// An approved plan without `[plan.approval]`.
    NO_APPROVAL = "no-approval",
    /// A plan without a `[[document]]`, so nothing to build.
    NO_DOCUMENTS = "no-documents",
    /// A measure without funding.
    NO_FUNDING = "no-funding",
    /// A workbook row that holds a value but no id.
    NO_ID = "no-id",
    /// A report about a year that has no monitoring file.
    NO_MONITORING = "no-monitoring",
    /// A document with none of the parts a review pack shows.
    NO_PACK_PARTS = "no-pack-parts",
    /// A measure without a period.
    NO_PERIOD = "no-period",
    /// A plan folder without plan.toml.
    NO_PLAN_TOML = "no-plan-toml",
    /// A document that shows principles, in a plan that defines none.
    NO_PRINCIPLES = "no-principles",
    /// A document with a report part but no `report` year.
    NO_REPORT_YEAR = "no-report-year",
    /// A measure without a responsible institution.
    NO_RESPONSIBLE = "no-responsible",
    /// A dataset row whose key cell is empty.
    NO_ROW_KEY = "no-row-key",
    /// `@scenarios` in a document of a plan whose analysis.toml describes no scenario.
    NO_SCENARIOS = "no-scenarios",
    /// A document that shows the SWOT analysis, in a plan without one.
    NO_SWOT = "no-swot",
    /// An indicator without targets.
    NO_TARGETS = "no-targets",
    /// A plan without `[vision]`.
    NO_VISION = "no-vision",
    /// A path that is a folder or another kind of file where a regular file was expected.
    NOT_A_FILE = "not-a-file",
    /// `nan` or `inf` where a number is read.
    NOT_A_NUMBER = "not-a-number",
    /// Lines that look like a table (`| a | b |`) without the `|---|` line under its header,
    /// which Markdown reads as text.
    NOT_A_TABLE = "not-a-table",
    /// A year key or a monitoring file's name that is not a year.
    NOT_A_YEAR = "not-a-year",
    /// A file that is not UTF-8 text.
    NOT_UTF8 = "not-utf8",
    /// A fact's `| noun(…)` with the wrong number of forms, a missing form, or not `noun`.
    NOUN_FORMS = "noun-forms",
    /// A fact's `| noun` after a fact that is not a number (a title, a date, a per cent).
    NOUN_ON_TEXT = "noun-on-text",
    /// A path that leads outside the plan folder.
    OUTSIDE_FOLDER = "outside-folder",
    /// Funding in a year outside the measure's period.
    OUTSIDE_MEASURE_PERIOD = "outside-measure-period",
    /// A year or period outside the plan period.
    OUTSIDE_PERIOD = "outside-period",
    /// A measure that spent more in a year than was planned.
    OVERSPENT = "overspent",
    /// A set of files of which some were replaced and others not.
    PARTLY_WRITTEN = "partly-written",
    /// A period that ends before it starts.
    PERIOD_REVERSED = "period-reversed",
    /// Raw HTML in Markdown, shown as text.
    RAW_HTML = "raw-html",
    /// A reference to something defined in a chapter the document does not include.
    REFERENCE_OUTSIDE_DOCUMENT = "reference-outside-document",
    /// A link whose address has no `https://` (`www.alytus.lt`), which a PDF viewer cannot
    /// open.
    RELATIVE_LINK = "relative-link",
    /// A report dated before the year it reports on has ended.
    REPORT_DATED_EARLY = "report-dated-early",
    /// An indicator or measure reported twice for one year.
    REPORTED_TWICE = "reported-twice",
    /// The chosen scenario projecting another value than an indicator's target for a year.
    SCENARIO_MISMATCH = "scenario-mismatch",
    /// The editor's schemas in `.plan/schema/` are another version's than this `plan`'s.
    SCHEMA_OUTDATED = "schema-outdated",
    /// Two ids that differ only by case or diacritics.
    SIMILAR_ID = "similar-id",
    /// A problem typst reports in a template.
    TEMPLATE = "template",
    /// A monitoring file `plan import` cannot read as TOML.
    TOML = "toml",
    /// A TOML file that is not valid TOML.
    TOML_SYNTAX = "toml-syntax",
    /// Quotes and lists nested deeper than a document can set.
    TOO_DEEP = "too-deep",
    /// A file or an amount over its limit.
    TOO_LARGE = "too-large",
    /// A one-line value, heading or table longer than can be set.
    TOO_LONG = "too-long",
    /// More fonts in the plan's `fonts/` than are loaded.
    TOO_MANY_FONTS = "too-many-fonts",
    /// A `{{` without its `}}` in a chapter's text, or a `}}` without its `{{`.
    UNCLOSED_FACT = "unclosed-fact",
    /// A workbook formula whose value the file does not hold.
    UNCOMPUTED_FORMULA = "uncomputed-formula",
    /// A CSV file or workbook in `data/` that no dataset declares.
    UNDECLARED_DATA = "undeclared-data",
    /// A footnote reference (`[^nera]`) with no note of that name in its chapter.
    UNDEFINED_FOOTNOTE = "undefined-footnote",
    /// An annex that is not one of the document's parts.
    UNKNOWN_ANNEX = "unknown-annex",
    /// An attribute a table's caption or a picture does not take (`{#id .landscpe}`).
    UNKNOWN_ATTRIBUTE = "unknown-attribute",
    /// A dataset column named (in `key`, `[columns]` or a fact) that the header does not have.
    UNKNOWN_COLUMN = "unknown-column",
    /// A chapter's table or chart of a file no dataset reads (`![…](data/gyventoja.csv){.table}`).
    UNKNOWN_DATASET = "unknown-dataset",
    /// An unknown `{{ fact }}`.
    UNKNOWN_FACT = "unknown-fact",
    /// A document's `formats` names a file format `plan build` does not write.
    UNKNOWN_FORMAT = "unknown-format",
    /// A reference to an id that is not defined.
    UNKNOWN_ID = "unknown-id",
    /// A TOML key the format does not have.
    UNKNOWN_KEY = "unknown-key",
    /// An indicator level that does not exist.
    UNKNOWN_LEVEL = "unknown-level",
    /// A fact's `| noun("…")` naming no built-in noun, or `| noun` after a fact without one.
    UNKNOWN_NOUN = "unknown-noun",
    /// A Markdown reference to an id nothing in the plan has.
    UNKNOWN_REFERENCE = "unknown-reference",
    /// A row named in a `{{ data.… }}` fact that the dataset does not have.
    UNKNOWN_ROW = "unknown-row",
    /// A dataset's `sheet` that its workbook does not have.
    UNKNOWN_SHEET = "unknown-sheet",
    /// A measure status that is not one of the statuses.
    UNKNOWN_STATUS = "unknown-status",
    /// Spending reported from a source the measure has no money planned from.
    UNPLANNED_SOURCE = "unplanned-source",
    /// A plan `plan diff` cannot read.
    UNREADABLE = "unreadable",
    /// A registry entry nothing uses.
    UNUSED = "unused",
    /// A Markdown file beside the chapters that no document lists in its `parts`.
    UNUSED_CHAPTER = "unused-chapter",
    /// A dataset no chapter quotes.
    UNUSED_DATASET = "unused-dataset",
    /// A request that cannot be carried out as asked (exit status 2).
    USAGE = "usage",
    /// A plan whose version and date are those of the revision it is compared with.
    VERSION_UNCHANGED = "version-unchanged",
    /// An indicator's target that goes the wrong way for its direction.
    WRONG_DIRECTION = "wrong-direction",
    /// A TOML value of the wrong type.
    WRONG_TYPE = "wrong-type",
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Codes are kebab-case, and listed once each, in alphabetical order (so that a
    /// code is easy to find and no two constants hold one name).
    #[test]
    fn codes_are_kebab_case_unique_and_sorted() {
        for code in ALL {
            let name = code.as_str();
            let kebab = !name.is_empty()
                && name.split('-').all(|word| {
                    !word.is_empty()
                        && word.starts_with(|c: char| c.is_ascii_lowercase())
                        && word
                            .chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
                });
            assert!(kebab, "`{name}` is not kebab-case");
        }
        for pair in ALL.windows(2) {
            assert!(
                pair[0] < pair[1],
                "`{}` comes before `{}`",
                pair[0],
                pair[1]
            );
        }
    }
}
