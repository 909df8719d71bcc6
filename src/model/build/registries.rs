//! What strategy items refer to, defined in plan.toml and analysis.toml: sources,
//! institutions and working groups (with their members), principles and SWOT items, each
//! id in the plan's namespace.

use super::*;

impl Builder<'_> {
    pub(super) fn entries<E: raw::Registered>(
        &mut self,
        file: FileId,
        list: &[Spanned<E>],
        what: &str,
    ) -> Vec<Entry> {
        list.iter()
            .filter_map(|e| {
                let e = e.get_ref();
                self.define(file, e.id(), what)?;
                Some(Entry {
                    id: e.id().get_ref().clone(),
                    name: e.name().get_ref().clone(),
                    span: span(file, e.id()),
                })
            })
            .collect()
    }

    /// The members of each working group, by the group's id (groups without members left
    /// out).
    pub(super) fn members(
        &mut self,
        file: FileId,
        groups: &[Spanned<raw::Group>],
    ) -> BTreeMap<String, Vec<Member>> {
        groups
            .iter()
            .map(Spanned::get_ref)
            .filter(|g| !g.member.is_empty())
            .map(|g| {
                let members = g
                    .member
                    .iter()
                    .map(|m| {
                        let m = m.get_ref();
                        Member {
                            name: self.text_value(file, &m.name, "member's name"),
                            role: m.role.as_ref().map(|r| r.get_ref().trim().to_string()),
                            institution: m
                                .institution
                                .as_ref()
                                .map(|i| i.get_ref().trim().to_string()),
                        }
                    })
                    .collect();
                (g.id.get_ref().clone(), members)
            })
            .collect()
    }

    /// `[[principle]]` entries: ids in the plan's namespace, names not blank.
    pub(super) fn principles(
        &mut self,
        file: FileId,
        list: &[Spanned<raw::Principle>],
    ) -> Vec<Principle> {
        let mut principles = Vec::new();
        for p in list {
            let p = p.get_ref();
            if self.define(file, &p.id, "principle").is_none() {
                continue;
            }
            principles.push(Principle {
                id: p.id.get_ref().clone(),
                name: self.text_value(file, &p.name, "name"),
                text: p.text.as_ref().map(|t| text(file, t)),
                span: span(file, &p.id),
            });
        }
        principles
    }

    /// `[swot]`: the items, with their ids in the plan's namespace.
    pub(super) fn swot(&mut self, file: FileId, s: &raw::Swot) -> Swot {
        let mut list = |items: &[Spanned<raw::SwotItem>]| -> Vec<SwotItem> {
            let mut out = Vec::new();
            for item in items {
                let at = span(file, item);
                match item.get_ref() {
                    raw::SwotItem::Text(markdown) => out.push(SwotItem {
                        id: None,
                        text: Text {
                            markdown: markdown.clone(),
                            span: at,
                        },
                    }),
                    raw::SwotItem::Named(named) => {
                        let id = self.define(file, &named.id, "SWOT item");
                        out.push(SwotItem {
                            id: id.map(|()| named.id.get_ref().clone()),
                            text: text(file, &named.text),
                        });
                    }
                }
            }
            out
        };
        Swot {
            strengths: list(&s.strengths),
            weaknesses: list(&s.weaknesses),
            opportunities: list(&s.opportunities),
            threats: list(&s.threats),
        }
    }
}
