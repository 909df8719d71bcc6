//! The plan's one namespace of ids: each id defined once, and well formed (`define`); every
//! reference checked against the ids of its kind, with a suggestion when it is misspelt
//! (`resolve`); items left out for an error remembered, so that a reference to one is not
//! reported a second time.

use super::*;

impl Builder<'_> {
    /// Registers an id in the plan's namespace; `None` (with an error) if it is malformed or
    /// already taken.
    pub(super) fn define(&mut self, file: FileId, id: &raw::Str, what: &str) -> Option<()> {
        let at = span(file, id);
        let id = id.get_ref();
        if !valid_id(id) || self.ids.contains_key(id) {
            // The item is left out; references to it need no second report.
            self.dropped.insert(id.clone());
        }
        if !valid_id(id) {
            let d = self.error(
                codes::INVALID_ID,
                at,
                format!("`{id}` is not a valid {what} id"),
            );
            d.label = "ids use letters, digits, `-` and `.`".into();
            d.hints.push(format!(
                "write it like \"{}\"",
                suggest_id(id).unwrap_or_else(|| "saules-elektrines".into())
            ));
            return None;
        }
        if let Some((first, first_what)) = self.ids.get(id).cloned() {
            let (line, _) = self.sources.line_column(first.file, first.range.start);
            let place = format!("{}:{line}", self.sources.name(first.file));
            let d = self.error(
                codes::DUPLICATE_ID,
                at,
                format!("the id `{id}` is already used, by the {first_what} in {place}"),
            );
            d.label = format!("this {what} repeats it");
            d.related
                .push((first, format!("first defined here, for the {first_what}")));
            d.hints
                .push("ids are unique across the whole plan; rename one of them".into());
            return None;
        }
        let folded = crate::suggest::fold(id);
        if let Some((other, first)) = self.folded.get(&folded).cloned() {
            self.diags.push(
                Diagnostic::help(format!("the id `{id}` differs from `{other}` only by case or diacritics"))
.code(codes::SIMILAR_ID)
                    .at(at.clone())
                    .related(first, "the other one")
                    .hint("ids are case-sensitive, so these are two different items; rename one if that was not meant"),
            );
        } else {
            self.folded.insert(folded, (id.clone(), at.clone()));
        }
        self.ids.insert(id.clone(), (at, what.to_string()));
        Some(())
    }

    /// Checks a reference to a registry entry, suggesting a near id when it is misspelt.
    pub(in crate::model) fn resolve<'e>(
        &mut self,
        file: FileId,
        reference: &raw::Str,
        what: &'static str,
        known: impl Iterator<Item = &'e str> + Clone,
    ) -> Option<String> {
        let id = reference.get_ref();
        if known.clone().any(|k| k == id) {
            return Some(id.clone());
        }
        // What a strategy file defines: when one could not be read, any of these may be
        // among what it held (the monitoring files report on its measures and indicators).
        let strategy_item = matches!(what, "goal" | "objective" | "measure" | "indicator");
        let swot_item = what == "SWOT item";
        if self.dropped.contains(id)
            || (self.unreadable && strategy_item)
            || (self.swot_unreadable && swot_item)
        {
            // Its definition already has an error; one report is enough.
            return None;
        }
        self.unresolved.insert(what);
        let d = self.error(
            codes::UNKNOWN_ID,
            span(file, reference),
            format!("unknown {what} `{id}`"),
        );
        d.label = format!("no {what} has this id");
        match closest(id, known.clone()) {
            Some(best) if crate::suggest::fold(best) == crate::suggest::fold(id) => {
                d.hints
                    .push(format!("ids are case-sensitive: write `{best}`"));
            }
            Some(best) => d.hints.push(format!("did you mean `{best}`?")),
            None => {
                let all: Vec<&str> = known.take(12).collect();
                d.hints.push(if all.is_empty() {
                    format!("no {what} is defined yet")
                } else {
                    format!("known ids: {}", all.join(", "))
                });
            }
        }
        None
    }

    /// Remembers an item (and its indicators) left out of the plan because of an error, so
    /// references to it are not reported again.
    pub(super) fn drop_item(&mut self, id: &raw::Str, indicators: &[Spanned<raw::Indicator>]) {
        self.dropped.insert(id.get_ref().clone());
        self.dropped
            .extend(indicators.iter().map(|i| i.get_ref().id.get_ref().clone()));
    }

    /// References to ids of one kind (`answers`, `principles`), each checked.
    pub(super) fn named<'k>(
        &mut self,
        file: FileId,
        list: &[raw::Str],
        what: &'static str,
        known: impl Iterator<Item = &'k String> + Clone,
    ) -> Vec<String> {
        let known = known.map(String::as_str);
        list.iter()
            .filter_map(|r| self.resolve(file, r, what, known.clone()))
            .collect()
    }

    pub(super) fn principles_of(
        &mut self,
        file: FileId,
        list: &[raw::Str],
        reg: &Registries,
    ) -> Vec<String> {
        let known = reg.principles.iter().map(|p| &p.id);
        self.named(file, list, "principle", known)
    }

    pub(super) fn contributes(
        &mut self,
        file: FileId,
        list: &[raw::Str],
        reg: &Registries,
    ) -> Vec<String> {
        list.iter()
            .filter_map(|c| {
                self.resolve(
                    file,
                    c,
                    "higher-level goal",
                    reg.higher_goals.iter().map(|h| h.id.as_str()),
                )
            })
            .collect()
    }
}

/// Whether an id follows the format's rule: letters (Lithuanian too), digits, `-`, `.`, `_`.
pub fn valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars.next().is_some_and(char::is_alphanumeric)
        && chars.all(|c| c.is_alphanumeric() || matches!(c, '-' | '.' | '_'))
}

/// A valid id close to an invalid one: lower-cased, spaces to dashes.
pub fn suggest_id(id: &str) -> Option<String> {
    let s: String = id
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| {
            if c.is_whitespace() || c == '_' {
                '-'
            } else {
                c
            }
        })
        .filter(|c| c.is_alphanumeric() || *c == '-' || *c == '.')
        .collect();
    valid_id(&s).then_some(s)
}
