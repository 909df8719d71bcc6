//! Review packs for working groups (`plan build --group`): which groups get a pack, of
//! which documents, and which parts a pack keeps ([`pack`]). What the parts show of the
//! group's measures is the view's filter ([`crate::view::build`] with a group: the group's
//! measures, numbered as in the full plan).

use crate::diag::{Diagnostic, Diagnostics, codes};
use crate::model::{Document, Entry, Part, Plan};
use crate::parts::{self, Pack};
use crate::suggest::{closest, fold};

/// The `--group` value that asks for one pack per working group.
pub(crate) const ALL: &str = "all";

/// What to make packs of: the groups (in plan order) and the documents that have a part
/// a pack shows.
pub(crate) struct Selection<'a> {
    pub groups: Vec<&'a Entry>,
    pub documents: Vec<&'a Document>,
}

/// Resolves the `--group` ids (`all` for every working group with measures) against the
/// plan and keeps the documents a pack can be made of. Groups `all` skips and documents
/// without a pack part get a note in `diags`; an unknown id, a group without measures
/// asked for by name, or nothing left to make is a usage error (the message).
pub(crate) fn select<'a>(
    plan: &'a Plan,
    requested: &[String],
    documents: &[&'a Document],
    diags: &mut Diagnostics,
) -> Result<Selection<'a>, Box<Diagnostic>> {
    let has_measures = |g: &Entry| {
        plan.measures()
            .any(|(_, _, _, m)| m.group.as_deref() == Some(g.id.as_str()))
    };
    let mut wanted: Vec<&str> = Vec::new();
    for id in requested {
        if id == ALL {
            if plan.groups.is_empty() {
                return Err(Box::new(Diagnostic::usage(
                    "the plan has no working groups (`[[group]]` in plan.toml), so there is \
                     no review pack to make",
                )));
            }
            for g in &plan.groups {
                if has_measures(g) {
                    wanted.push(&g.id);
                } else {
                    diags.push(
                        Diagnostic::help(format!(
                            "working group `{}` ({}) has no measures: no review pack is made \
                             for it",
                            g.id, g.name
                        ))
                        .code(codes::EMPTY_GROUP),
                    );
                }
            }
            continue;
        }
        match plan.groups.iter().find(|g| &g.id == id) {
            Some(g) if has_measures(g) => wanted.push(&g.id),
            Some(g) => {
                return Err(Box::new(Diagnostic::usage(format!(
                    "working group `{}` ({}) has no measures, so there is no review pack to make \
                     for it",
                    g.id, g.name
                ))));
            }
            None => return Err(Box::new(unknown(plan, id))),
        }
    }
    // Plan order, each group once, however often or in whatever order it was asked for.
    let groups: Vec<&Entry> = plan
        .groups
        .iter()
        .filter(|g| wanted.contains(&g.id.as_str()))
        .collect();
    if groups.is_empty() {
        return Err(Box::new(Diagnostic::usage(
            "no working group has measures, so there is no review pack to make",
        )));
    }

    let mut kept = Vec::new();
    for document in documents {
        if pack(plan, document, groups[0]).is_some() {
            kept.push(*document);
        } else {
            diags.push(
                Diagnostic::help(format!(
                    "document `{}` has none of the parts a review pack shows ({}): no pack is \
                     made of it",
                    document.id,
                    pack_parts()
                ))
                .code(codes::NO_PACK_PARTS),
            );
        }
    }
    if kept.is_empty() {
        return Err(Box::new(Diagnostic::usage(format!(
            "no document to make a review pack of: a pack shows the parts {} of a document, \
             and the documents built have none",
            pack_parts()
        ))));
    }
    Ok(Selection {
        groups,
        documents: kept,
    })
}

/// The usage error for an unknown group id: a suggestion when one is close, and the ids.
fn unknown(plan: &Plan, id: &str) -> Diagnostic {
    let ids: Vec<&str> = plan.groups.iter().map(|g| g.id.as_str()).collect();
    let problem = Diagnostic::usage(format!("the plan has no working group `{id}`"));
    if ids.is_empty() {
        return problem.hint("it has no working groups at all (`[[group]]` in plan.toml)");
    }
    // A misspelling, or the start of a longer id ("infra" for "infrastruktura").
    let folded = fold(id);
    let mut starting = ids.iter().filter(|c| fold(c).starts_with(&folded));
    let prefix = match (starting.next(), starting.next()) {
        (Some(only), None) if !folded.is_empty() => Some(*only),
        _ => None,
    };
    let problem = match closest(id, ids.iter().copied()).or(prefix) {
        Some(best) => problem.hint(format!("did you mean `{best}`?")),
        None => problem,
    };
    problem.hint(format!(
        "its working groups are: {} (or `{ALL}` for a pack per group)",
        ids.join(", ")
    ))
}

/// "@strategy, @action-plan, …": the parts that show measures, one of which makes a pack.
fn pack_parts() -> String {
    let names: Vec<String> = parts::ALL
        .iter()
        .filter(|d| d.pack == Pack::Shows)
        .map(|d| format!("@{}", d.name))
        .collect();
    names.join(", ")
}

/// Working group `group`'s review pack of `document`: the document named
/// `<document>-<group>` with only the parts a pack keeps (see [`Pack`]: what shows the
/// group's measures, the goals and objectives above them, their indicators and funding,
/// and the abbreviations its tables use; `@links` only when one of the pack's goals,
/// objectives and measures contributes to a higher-level goal). The vision, SWOT, Markdown
/// chapters and lists of figures and tables are about the whole plan and are left out.
/// `None` when the document has no part that shows measures.
pub(crate) fn pack(plan: &Plan, document: &Document, group: &Entry) -> Option<Document> {
    // The pack shows the goals and objectives above the group's measures, so it has links
    // when any of these or the measures themselves contribute.
    let links = plan
        .measures()
        .filter(|(_, _, _, m)| m.group.as_deref() == Some(group.id.as_str()))
        .any(|(_, g, o, m)| {
            !(g.contributes.is_empty() && o.contributes.is_empty() && m.contributes.is_empty())
        });
    let kept = |p: &&Part| match p {
        Part::Generated(g) => match g.declaration().pack {
            Pack::Shows | Pack::Kept => true,
            Pack::WhenContributing => links,
            Pack::Left => false,
        },
        Part::Chapter(_) => false,
    };
    let parts: Vec<Part> = document.parts.iter().filter(kept).cloned().collect();
    let about_measures = parts
        .iter()
        .any(|p| matches!(p, Part::Generated(g) if g.declaration().pack == Pack::Shows));
    about_measures.then(|| Document {
        id: format!("{}-{}", document.id, group.id),
        title: document.title.clone(),
        parts,
        // A pack is read by its working group, not attached to the council's decision: it
        // has its title page, and no annex mark.
        annex: None,
        annex_parts: Default::default(),
        cards: document.cards.clone(),
        formats: document.formats.clone(),
        report: document.report,
        date: document.date,
        version: document.version.clone(),
        status: document.status,
        // A working group reads a publication, not the act the council will approve.
        form: Some(crate::model::Form::Publication),
        approval: document.approval.clone(),
    })
}
