//! Numbers and codes from order: priorities "1"/"I"/"A", goals nested or flat, objectives
//! and measures extending their parent, indicator codes E-/R-/P-. Ids never change; numbers
//! follow the order of the files and of appearance.

use std::collections::HashMap;

use crate::model::{
    Code, CodeStyle, GoalStyle, Indicator, Language, Numbering, Plan, PriorityStyle,
};

/// The number (or code, for indicators) of every strategy item, by id.
#[derive(Debug, Default, Clone)]
pub struct Numbers {
    by_id: HashMap<String, String>,
    /// The ids in plan order (each item before what it holds), so that suggestions and
    /// lists made from them are the same on every run.
    order: Vec<String>,
}

impl Numbers {
    /// The number of an item, or `""` if the id is not numbered.
    pub fn of(&self, id: &str) -> &str {
        self.by_id.get(id).map_or("", String::as_str)
    }

    pub fn get(&self, id: &str) -> Option<&str> {
        self.by_id.get(id).map(String::as_str)
    }

    /// Every numbered id in plan order, for suggestions.
    pub fn ids(&self) -> impl Iterator<Item = &str> + Clone {
        self.order.iter().map(String::as_str)
    }
}

/// Numbers every priority, goal, objective, measure and indicator of the plan.
pub(crate) fn number(plan: &Plan) -> Numbers {
    let mut numbers = Numbers::default();
    let mut put = |id: &str, number: String| {
        numbers.order.push(id.to_string());
        numbers.by_id.insert(id.to_string(), number);
    };
    // A code given from outside replaces the number when `[numbering] codes = "instead"`;
    // what an item holds extends whichever its parent shows.
    let shown = |number: String, code: &Option<Code>| match (plan.numbering.codes, code) {
        (CodeStyle::Instead, Some(code)) => code.text.clone(),
        _ => number,
    };
    for (n, indicator) in plan.vision.indicators.iter().enumerate() {
        put(&indicator.id, format!("V-{}", n + 1));
    }
    let mut flat_goal = 0;
    for (p, priority) in plan.priorities.iter().enumerate() {
        let priority_number = shown(priority_number(p + 1, plan.numbering), &priority.code);
        put(&priority.id, priority_number.clone());
        codes(&mut put, "I", &priority_number, &priority.indicators);
        for (g, goal) in priority.goals.iter().enumerate() {
            flat_goal += 1;
            let goal_number = shown(
                goal_number(p + 1, g + 1, flat_goal, plan.numbering),
                &goal.code,
            );
            put(&goal.id, goal_number.clone());
            codes(&mut put, "E", &goal_number, &goal.indicators);
            for (o, objective) in goal.objectives.iter().enumerate() {
                let objective_number = shown(format!("{goal_number}.{}", o + 1), &objective.code);
                put(&objective.id, objective_number.clone());
                codes(&mut put, "R", &objective_number, &objective.indicators);
                for (m, measure) in objective.measures.iter().enumerate() {
                    let measure_number =
                        shown(format!("{objective_number}.{}", m + 1), &measure.code);
                    put(&measure.id, measure_number.clone());
                    codes(&mut put, "P", &measure_number, &measure.indicators);
                }
            }
        }
    }
    if let Some(swot) = &plan.swot {
        for (key, items) in swot.quadrants() {
            for (n, item) in items.iter().enumerate() {
                if let Some(id) = &item.id {
                    put(id, swot_code(plan.meta.language, key, n + 1));
                }
            }
        }
    }
    numbers
}

/// A SWOT item's code: its quadrant's letters and its place, "S2", "W3" (Lithuanian SSGG:
/// "S2", "Si3", "G1", "Gr4").
pub(crate) fn swot_code(language: Language, quadrant: &str, n: usize) -> String {
    let letters = match (language, quadrant) {
        (_, "strengths") => "S",
        (Language::Lt, "weaknesses") => "Si",
        (Language::Lt, "opportunities") => "G",
        (Language::Lt, _) => "Gr",
        (_, "weaknesses") => "W",
        (_, "opportunities") => "O",
        _ => "T",
    };
    format!("{letters}{n}")
}

/// Indicator codes `<level>-<parent number>-<n>`.
fn codes(put: &mut impl FnMut(&str, String), level: &str, parent: &str, indicators: &[Indicator]) {
    for (n, indicator) in indicators.iter().enumerate() {
        put(&indicator.id, format!("{level}-{parent}-{}", n + 1));
    }
}

/// A priority's number in the configured style.
pub(crate) fn priority_number(n: usize, numbering: Numbering) -> String {
    match numbering.priority {
        PriorityStyle::Arabic => n.to_string(),
        PriorityStyle::Roman => roman(n),
        PriorityStyle::Letter => letters(n),
    }
}

/// A goal's number: `p.g` when nested, a running count when flat. Derived numbers use
/// arabic digits whatever the priority style.
pub(crate) fn goal_number(
    priority: usize,
    goal: usize,
    flat: usize,
    numbering: Numbering,
) -> String {
    match numbering.goal {
        GoalStyle::Nested => format!("{priority}.{goal}"),
        GoalStyle::Flat => flat.to_string(),
    }
}

/// Upper-case roman numerals (1 → I, 4 → IV, 1994 → MCMXCIV).
fn roman(mut n: usize) -> String {
    const TABLE: [(usize, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, digits) in TABLE {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

/// Letters like spreadsheet columns: A … Z, AA, AB …
fn letters(mut n: usize) -> String {
    let mut out = Vec::new();
    while n > 0 {
        n -= 1;
        out.push(b'A' + (n % 26) as u8);
        n /= 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn style(priority: PriorityStyle, goal: GoalStyle) -> Numbering {
        Numbering {
            priority,
            goal,
            codes: CodeStyle::Beside,
        }
    }

    #[test]
    fn priorities_in_every_style() {
        let arabic = style(PriorityStyle::Arabic, GoalStyle::Nested);
        let roman = style(PriorityStyle::Roman, GoalStyle::Nested);
        let letter = style(PriorityStyle::Letter, GoalStyle::Nested);
        assert_eq!(priority_number(2, arabic), "2");
        assert_eq!(priority_number(2, roman), "II");
        assert_eq!(priority_number(4, roman), "IV");
        assert_eq!(priority_number(9, roman), "IX");
        assert_eq!(priority_number(14, roman), "XIV");
        assert_eq!(priority_number(1, letter), "A");
        assert_eq!(priority_number(26, letter), "Z");
        assert_eq!(priority_number(27, letter), "AA");
    }

    /// Every number and code of the `basic` fixture (two priorities, three goals), with
    /// its numbering as written (`I`, flat goals) and as `1`, nested goals.
    #[test]
    fn every_item_of_a_plan_numbered_in_both_goal_styles() {
        let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/basic");
        let numbered = |from: &str, to: &str| {
            let dir = tempfile::tempdir().expect("temporary folder");
            for file in ["plan.toml", "strategy/a-green.toml", "strategy/b-open.toml"] {
                let text = std::fs::read_to_string(fixture.join(file)).expect("fixture");
                let target = dir.path().join(file);
                std::fs::create_dir_all(target.parent().expect("a folder")).expect("folder");
                std::fs::write(target, text.replace(from, to)).expect("write");
            }
            let mut diags = crate::diag::Diagnostics::default();
            let mut sources = crate::diag::Sources::default();
            let raw = crate::load::load_plan(dir.path(), &mut sources, &mut diags)
                .expect("the fixture loads");
            number(&crate::model::build_plan(raw, &sources, &mut diags))
        };
        let flat = numbered("", "");
        let nested = numbered(
            "priority = \"I\"        # priorities I, II\ngoal = \"flat\"",
            "priority = \"1\"\ngoal = \"nested\"",
        );
        let expected = [
            ("green", "I", "1"),
            ("clean-air", "1", "1.1"),
            ("pm10-days", "E-1-1", "E-1.1-1"),
            ("cleaner-heating", "1.1", "1.1.1"),
            ("clean-heat-share", "R-1.1-1", "R-1.1.1-1"),
            ("heat-pumps", "1.1.1", "1.1.1.1"),
            ("schools-with-pumps", "P-1.1.1-1", "P-1.1.1.1-1"),
            ("district-heating", "1.1.2", "1.1.1.2"),
            ("homes-connected", "P-1.1.2-1", "P-1.1.1.2-1"),
            ("water", "2", "1.2"),
            ("water-quality", "E-2-1", "E-1.2-1"),
            ("pipes", "2.1", "1.2.1"),
            ("pipe-renewal", "2.1.1", "1.2.1.1"),
            ("pipes-renewed", "P-2.1.1-1", "P-1.2.1.1-1"),
            ("open", "II", "2"),
            ("services", "3", "2.1"),
            ("satisfied-residents", "E-3-1", "E-2.1-1"),
            ("e-services", "3.1", "2.1.1"),
            ("online-forms", "3.1.1", "2.1.1.1"),
            ("forms-online", "P-3.1.1-1", "P-2.1.1.1-1"),
        ];
        for (id, in_flat, in_nested) in expected {
            assert_eq!((id, flat.of(id)), (id, in_flat));
            assert_eq!((id, nested.of(id)), (id, in_nested));
        }
        // Every id, each item before what it holds, in the order of the files.
        let in_order: Vec<&str> = expected.iter().map(|(id, ..)| *id).collect();
        let listed: Vec<&str> = flat.ids().filter(|id| in_order.contains(id)).collect();
        assert_eq!(listed, in_order);
        assert_eq!(flat.ids().count(), 22);
    }

    #[test]
    fn goals_nested_or_flat_with_arabic_digits() {
        let nested = style(PriorityStyle::Roman, GoalStyle::Nested);
        let flat = style(PriorityStyle::Letter, GoalStyle::Flat);
        assert_eq!(goal_number(2, 1, 4, nested), "2.1");
        assert_eq!(goal_number(2, 1, 4, flat), "4");
    }
}
