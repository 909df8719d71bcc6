//! The strategy tree as one list of items in order (each priority, then its goals,
//! objectives and measures), and one item compared across the two versions: moved or
//! renumbered, its title and text word by word, who implements it, its period, and the
//! details shown as text.

use super::funding::Funds;
use super::{Change, Kind, Version, fields, when_changed, words};
use crate::format;
use crate::ledger::MoneyFormat;

/// One strategy item with what the comparison looks at.
pub(super) struct Flat {
    pub(super) kind: Kind,
    pub(super) id: String,
    pub(super) number: String,
    pub(super) title: String,
    text: String,
    parent: Option<(String, String)>,
    responsible: Vec<String>,
    partners: Vec<String>,
    group: Option<String>,
    period: Option<(i32, i32)>,
    /// Its funding (for a measure its own; for a parent, the sum of its measures).
    pub(super) funding: Funds,
    /// Details compared as text, by field name ([`Change::Field`]).
    details: Vec<(&'static str, Option<String>)>,
}

/// The words a flag is shown in ("Taip" / "Ne").
#[derive(serde::Deserialize)]
struct Flags {
    yes: String,
    no: String,
}

impl Flags {
    fn of(language: crate::model::Language) -> &'static Flags {
        static CELLS: [std::sync::OnceLock<Flags>; 2] =
            [std::sync::OnceLock::new(), std::sync::OnceLock::new()];
        crate::words::once(&CELLS, language)
    }
}

/// The strategy tree in order: each priority, then its goals, objectives and measures.
pub(super) fn flatten(version: &Version) -> Vec<Flat> {
    let (plan, numbers) = (version.plan, version.numbers);
    let flags = Flags::of(plan.meta.language);
    let text = |t: &Option<crate::model::Text>| {
        t.as_ref()
            .map(|t| t.markdown.trim().to_string())
            .unwrap_or_default()
    };
    let item = |kind, id: &str, title: &str, body: String, parent: Option<&str>| Flat {
        kind,
        id: id.to_string(),
        number: numbers.of(id).to_string(),
        title: title.to_string(),
        text: body,
        parent: parent.map(|p| (p.to_string(), numbers.of(p).to_string())),
        responsible: Vec::new(),
        partners: Vec::new(),
        group: None,
        period: None,
        funding: Funds::of(version.ledger, &version.ledger.of(id).funding),
        details: Vec::new(),
    };
    let code = |c: &Option<crate::model::Code>| c.as_ref().map(|c| c.text.clone());
    let need = |n: &Option<crate::model::Need>| {
        n.as_ref()
            .map(|n| MoneyFormat::exact(n.money, plan.meta.language))
    };
    let list = |ids: &[String], shown: &dyn Fn(&str) -> String| {
        (!ids.is_empty()).then(|| {
            ids.iter()
                .map(|id| shown(id))
                .collect::<Vec<_>>()
                .join(", ")
        })
    };
    let principle = |id: &str| {
        plan.principles
            .iter()
            .find(|p| p.id == id)
            .map_or_else(|| id.to_string(), |p| p.name.clone())
    };
    let swot = |id: &str| numbers.of(id).to_string();
    let name_in = |entries: &[crate::model::Entry], id: &str| {
        entries
            .iter()
            .find(|e| e.id == id)
            .map_or_else(|| id.to_string(), |e| e.name.clone())
    };
    let institution = |id: &str| name_in(&plan.institutions, id);
    let group = |id: &str| name_in(&plan.groups, id);
    let mut out = Vec::new();
    for p in &plan.priorities {
        let mut flat = item(Kind::Priority, &p.id, &p.title, text(&p.text), None);
        flat.details = vec![("code", code(&p.code)), ("need", need(&p.need))];
        out.push(flat);
        for g in &p.goals {
            let mut flat = item(Kind::Goal, &g.id, &g.title, text(&g.text), Some(&p.id));
            flat.details = vec![
                ("code", code(&g.code)),
                ("need", need(&g.need)),
                ("answers", list(&g.answers, &swot)),
                ("principles", list(&g.principles, &principle)),
            ];
            out.push(flat);
            for o in &g.objectives {
                let mut flat = item(Kind::Objective, &o.id, &o.title, text(&o.text), Some(&g.id));
                flat.details = vec![
                    ("code", code(&o.code)),
                    ("need", need(&o.need)),
                    ("principles", list(&o.principles, &principle)),
                ];
                out.push(flat);
                for m in &o.measures {
                    let mut flat = item(Kind::Measure, &m.id, &m.title, text(&m.text), Some(&o.id));
                    // Institutions and working groups by name, as a reader knows them.
                    flat.responsible = m.responsible.iter().map(|i| institution(i)).collect();
                    flat.partners = m.partners.iter().map(|i| institution(i)).collect();
                    flat.group = m.group.as_deref().map(group);
                    flat.period = m.period;
                    let flag = if m.investment_project {
                        &flags.yes
                    } else {
                        &flags.no
                    };
                    flat.details = vec![
                        ("code", code(&m.code)),
                        ("principles", list(&m.principles, &principle)),
                        ("contributes", list(&m.contributes, &|id| id.to_string())),
                        ("investment-project", Some(flag.clone())),
                    ];
                    out.push(flat);
                }
            }
        }
    }
    out
}

pub(super) fn compare_item(old: &Flat, new: &Flat) -> Vec<Change> {
    let mut changes = Vec::new();
    let old_parent = old.parent.as_ref().map(|(id, _)| id);
    let new_parent = new.parent.as_ref().map(|(id, _)| id);
    if old_parent != new_parent {
        changes.push(Change::Moved {
            old_parent: old
                .parent
                .as_ref()
                .map(|(_, n)| n.clone())
                .unwrap_or_default(),
            new_parent: new
                .parent
                .as_ref()
                .map(|(_, n)| n.clone())
                .unwrap_or_default(),
        });
    } else if old.number != new.number {
        changes.push(Change::Renumbered);
    }
    if old.title != new.title {
        changes.push(Change::Title {
            old: old.title.clone(),
            new: new.title.clone(),
            words: words(&old.title, &new.title),
        });
    }
    if old.text != new.text {
        changes.push(Change::Text {
            old: old.text.clone(),
            new: new.text.clone(),
            words: words(&old.text, &new.text),
        });
    }
    changes.extend(when_changed(
        &old.responsible,
        &new.responsible,
        |old, new| Change::Responsible { old, new },
    ));
    changes.extend(when_changed(&old.partners, &new.partners, |old, new| {
        Change::Partners { old, new }
    }));
    changes.extend(when_changed(&old.group, &new.group, |old, new| {
        Change::Group { old, new }
    }));
    if old.period != new.period {
        let text = |p: Option<(i32, i32)>| p.map(|(a, b)| format::years(a, b));
        changes.push(Change::Period {
            old: text(old.period),
            new: text(new.period),
        });
    }
    changes.extend(
        fields(&old.details, &new.details).map(|(field, old, new)| Change::Field {
            field,
            old,
            new,
        }),
    );
    changes
}
