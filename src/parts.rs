//! Every generated part (`@strategy`, `@action-plan`, …) declared once: its name in
//! `parts`, its template, the label of its title, and what the other stages need to know
//! of it (whether it is a report part, what a review pack does with it, whether it lists
//! the figures or tables of the others, what the plan must hold for it not to be empty,
//! which labels it carries for references).
//! The stages read these properties instead of naming parts, so adding a part is one line
//! of `declare!`, its template under `templates/` and its labels in `words/`.

/// What a working group's review pack does with a part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pack {
    /// About the whole plan (the vision, SWOT, lists of figures): left out.
    Left,
    /// Shows measures (the group's, in a pack): kept, and a document holding one makes a
    /// pack.
    Shows,
    /// Kept beside the parts that show measures (indicator cards, abbreviations).
    Kept,
    /// Kept when the pack's goals, objectives or measures contribute to a higher-level
    /// goal (`@links`), left out otherwise.
    WhenContributing,
}

/// What a part shows and the plan may lack, which leaves the part empty: a warning when a
/// document holds the part anyway.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Needs {
    /// Measures (`empty-action-plan`).
    Measures,
    /// Horizontal principles (`no-principles`).
    Principles,
    /// The SWOT analysis (`no-swot`).
    Swot,
    /// Development scenarios (`no-scenarios`).
    Scenarios,
    /// Annexes: documents with `annex = true` or parts listed in `annex` (`no-annexes`).
    Annexes,
}

/// Which labels a part carries, that references link to, when the document holds it: a
/// rank for each kind of label, `Some(1)` first. Of the parts of a document that can carry
/// a kind, the one ranked first does (see [`anchor`]): one place per label, so that a
/// reference always has its target.
#[derive(Debug, Clone, Copy)]
pub struct Anchors {
    /// Priorities, goals, objectives and measures.
    pub items: Option<u8>,
    /// Indicators.
    pub indicators: Option<u8>,
}

impl Anchors {
    /// Carries no labels.
    const NONE: Anchors = Anchors {
        items: None,
        indicators: None,
    };
}

/// A generated part's declaration.
#[derive(Debug)]
pub struct Declaration {
    /// The part it declares.
    pub part: Generated,
    /// The name written in `parts` without the `@`, as `data.document.parts` lists it.
    pub name: &'static str,
    /// The template's file name under `templates/`; it exports `render(data, texts)`.
    pub template: &'static str,
    /// The built-in template's text.
    pub source: &'static str,
    /// The key of the part's title among the labels (`words/<language>.toml`).
    pub label: &'static str,
    /// Shows a year's monitoring report, so its document needs `report = <year>`.
    pub report: bool,
    /// What a working group's review pack does with it.
    pub pack: Pack,
    /// Lists the other parts' figures or tables: laid out after them and handed their
    /// entries (`data.part.figures`).
    pub list: bool,
    /// What the plan must hold for it not to be empty; `None` when it is never empty.
    pub needs: Option<Needs>,
    /// The strategic plan itself: the annex of changes goes into the first document that
    /// holds it.
    pub strategic: bool,
    /// The labels it carries when the document holds no part ranked before it.
    pub anchors: Anchors,
}

/// Declares the generated parts: the [`Generated`] enum and [`ALL`], in the same order, each
/// part's template embedded from `templates/<name>.typ` and its title labelled `<name>`.
macro_rules! declare {
    ($($variant:ident = $name:literal { $($field:ident: $value:expr),* $(,)? }),* $(,)?) => {
        /// The parts typeset from data.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Generated {
            $($variant),*
        }

        /// Every generated part, in the order `parts` lists them in messages.
        pub static ALL: &[Declaration] = &[
            $(Declaration {
                part: Generated::$variant,
                name: $name,
                template: concat!($name, ".typ"),
                source: include_str!(concat!("../templates/", $name, ".typ")),
                label: $name,
                $($field: $value),*
            }),*
        ];
    };
}

declare! {
    Vision = "vision" { report: false, pack: Pack::Left, list: false, needs: None, strategic: false, anchors: Anchors::NONE },
    Swot = "swot" { report: false, pack: Pack::Left, list: false, needs: Some(Needs::Swot), strategic: false, anchors: Anchors::NONE },
    Scenarios = "scenarios" { report: false, pack: Pack::Left, list: false, needs: Some(Needs::Scenarios), strategic: false, anchors: Anchors::NONE },
    Strategy = "strategy" { report: false, pack: Pack::Shows, list: false, needs: None, strategic: true, anchors: Anchors { items: Some(1), indicators: Some(2) } },
    ActionPlan = "action-plan" { report: false, pack: Pack::Shows, list: false, needs: Some(Needs::Measures), strategic: false, anchors: Anchors { items: Some(2), indicators: None } },
    Funding = "funding" { report: false, pack: Pack::Shows, list: false, needs: Some(Needs::Measures), strategic: false, anchors: Anchors::NONE },
    Indicators = "indicators" { report: false, pack: Pack::Shows, list: false, needs: None, strategic: false, anchors: Anchors { items: None, indicators: Some(1) } },
    Links = "links" { report: false, pack: Pack::WhenContributing, list: false, needs: None, strategic: false, anchors: Anchors::NONE },
    Abbreviations = "abbreviations" { report: false, pack: Pack::Kept, list: false, needs: None, strategic: false, anchors: Anchors::NONE },
    Groups = "groups" { report: false, pack: Pack::Left, list: false, needs: None, strategic: false, anchors: Anchors::NONE },
    IndicatorCards = "indicator-cards" { report: false, pack: Pack::Kept, list: false, needs: None, strategic: false, anchors: Anchors::NONE },
    Principles = "principles" { report: false, pack: Pack::Left, list: false, needs: Some(Needs::Principles), strategic: false, anchors: Anchors::NONE },
    MonitoringSummary = "monitoring-summary" { report: true, pack: Pack::Left, list: false, needs: None, strategic: false, anchors: Anchors::NONE },
    IndicatorProgress = "indicator-progress" { report: true, pack: Pack::Left, list: false, needs: None, strategic: false, anchors: Anchors::NONE },
    MeasureStatus = "measure-status" { report: true, pack: Pack::Left, list: false, needs: None, strategic: false, anchors: Anchors::NONE },
    FundingExecution = "funding-execution" { report: true, pack: Pack::Left, list: false, needs: None, strategic: false, anchors: Anchors::NONE },
    Annexes = "annexes" { report: false, pack: Pack::Left, list: false, needs: Some(Needs::Annexes), strategic: false, anchors: Anchors::NONE },
    ListOfFigures = "list-of-figures" { report: false, pack: Pack::Left, list: true, needs: None, strategic: false, anchors: Anchors::NONE },
    ListOfTables = "list-of-tables" { report: false, pack: Pack::Left, list: true, needs: None, strategic: false, anchors: Anchors::NONE },
}

impl Generated {
    /// The part's declaration.
    pub fn declaration(self) -> &'static Declaration {
        // `declare!` lists the variants and the declarations in the same order.
        &ALL[self as usize]
    }

    /// The name written in `parts`, without the `@`.
    pub fn name(self) -> &'static str {
        self.declaration().name
    }

    /// Whether the part shows a monitoring report, so its document needs `report`.
    pub fn is_report(self) -> bool {
        self.declaration().report
    }
}

/// The part written `@name` in `parts` (`written` with its `@`).
pub fn named(written: &str) -> Option<&'static Declaration> {
    let name = written.strip_prefix('@')?;
    ALL.iter().find(|d| d.name == name)
}

/// The part of `parts` (a document's) that carries a kind of labels: the one `rank` ranks
/// first; `None` when none of them can carry it.
pub fn anchor(
    parts: &[Generated],
    rank: impl Fn(&Declaration) -> Option<u8>,
) -> Option<&'static str> {
    parts
        .iter()
        .filter_map(|p| Some((rank(p.declaration())?, p.name())))
        .min()
        .map(|(_, name)| name)
}

/// `@vision`, `@swot`, …: every part as `parts` names it, in declaration order.
pub fn written_names() -> Vec<String> {
    ALL.iter().map(|d| format!("@{}", d.name)).collect()
}

/// The name of the first part of `documents` that needs `what`, if any does.
pub fn needing(documents: &[crate::model::Document], what: Needs) -> Option<&'static str> {
    documents
        .iter()
        .flat_map(|d| &d.parts)
        .find_map(|p| match p {
            crate::model::Part::Generated(g) if g.declaration().needs == Some(what) => {
                Some(g.name())
            }
            _ => None,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declarations_follow_the_enum() {
        for (i, d) in ALL.iter().enumerate() {
            assert_eq!(d.part as usize, i, "{}", d.name);
            assert_eq!(d.part.declaration().name, d.name);
        }
    }

    #[test]
    fn names_are_found_with_their_at_sign_only() {
        assert_eq!(
            named("@action-plan").map(|d| d.part),
            Some(Generated::ActionPlan)
        );
        assert!(named("action-plan").is_none());
        assert!(named("@action").is_none());
        assert_eq!(written_names().len(), ALL.len());
    }

    #[test]
    fn labels_go_to_the_part_ranked_first() {
        use Generated::*;
        let items = |parts: &[Generated]| anchor(parts, |d| d.anchors.items);
        let indicators = |parts: &[Generated]| anchor(parts, |d| d.anchors.indicators);
        assert_eq!(items(&[ActionPlan, Strategy]), Some("strategy"));
        assert_eq!(items(&[Funding, ActionPlan]), Some("action-plan"));
        assert_eq!(items(&[Vision, Indicators]), None);
        assert_eq!(indicators(&[Strategy, Indicators]), Some("indicators"));
        assert_eq!(indicators(&[Vision, Strategy]), Some("strategy"));
        assert_eq!(indicators(&[ActionPlan]), None);
    }
}
