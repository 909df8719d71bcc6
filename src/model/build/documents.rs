//! The `[[document]]` entries: ids that name the PDF files, parts (chapters and generated
//! parts), annexes and their order, the year a report is about and its date, the indicator
//! levels of the cards.

use super::*;

impl Builder<'_> {
    pub(super) fn documents(
        &mut self,
        file: FileId,
        list: &[Spanned<raw::Document>],
        meta: &Meta,
    ) -> Vec<Document> {
        let mut documents: Vec<Document> = Vec::new();
        let mut annexes = 0;
        if list.is_empty() {
            self.push(
                Diagnostic::warning("the plan defines no `[[document]]`, so nothing will be built")
                    .code(codes::NO_DOCUMENTS)
                    .at(Span::new(file, 0..0))
                    .hint("add `[[document]]` with an `id` and `parts`"),
            );
        }
        for d in list {
            let d = d.get_ref();
            let id = d.id.get_ref();
            if !valid_id(id) {
                self.error(codes::INVALID_ID, span(file, &d.id), format!("`{id}` is not a valid document id")).hints.push(
                    "the id names the PDF file: use letters, digits and `-`, e.g. \"strateginis-planas\"".into(),
                );
                continue;
            }
            if let Some(first) = list
                .iter()
                .map(|x| &x.get_ref().id)
                .find(|x| x.get_ref() == id)
            {
                let first = span(file, first);
                if first != span(file, &d.id) {
                    let d = self.error(
                        codes::DUPLICATE_DOCUMENT,
                        span(file, &d.id),
                        format!("two documents have the id `{id}`"),
                    );
                    d.related.push((first, "the first one".into()));
                    d.hints
                        .push("each document becomes build/<id>.pdf, so ids must differ".into());
                    continue;
                }
            }
            let mut parts = Vec::new();
            let mut names = Vec::new();
            for part in d.parts.get_ref() {
                let name = part.get_ref();
                names.push(name.as_str());
                if name.starts_with('@') {
                    match crate::parts::named(name) {
                        Some(declared) => parts.push(Part::Generated(declared.part)),
                        None => {
                            let names = crate::parts::written_names();
                            let d = self.error(
                                codes::BAD_PATH,
                                span(file, part),
                                format!("unknown generated part `{name}`"),
                            );
                            d.hints
                                .push(hint(name, names.iter().map(String::as_str), || {
                                    format!("generated parts are {}", names.join(", "))
                                }));
                        }
                    }
                } else {
                    parts.push(Part::Chapter(name.clone()));
                }
                if parts.len() < names.len() {
                    names.pop();
                }
            }
            if d.parts.get_ref().is_empty() {
                self.warning(
                    codes::EMPTY_DOCUMENT,
                    span(file, &d.parts),
                    format!("document `{id}` has no parts"),
                );
            }
            let (annex, annex_parts) = match d.annex.as_ref().map(|a| a.get_ref()) {
                Some(raw::Annex::Whole(true)) => {
                    annexes += 1;
                    (Some(annexes), BTreeMap::new())
                }
                Some(raw::Annex::Parts(listed)) => (
                    None,
                    self.annex_parts(file, id, &names, listed, &mut annexes),
                ),
                Some(raw::Annex::Whole(false)) | None => (None, BTreeMap::new()),
            };
            let report = self.report_year(file, d, &parts);
            let document = Document {
                id: id.clone(),
                title: d
                    .title
                    .as_ref()
                    .map_or_else(|| meta.title.clone(), |t| t.get_ref().clone()),
                parts,
                annex,
                annex_parts,
                cards: self.card_levels(file, d.cards.as_ref()),
                formats: self.formats(file, d.formats.as_ref()),
                report,
                date: d.date.as_ref().map(|date| self.date(file, date)),
                version: d.version.as_ref().map(|v| v.get_ref().clone()),
                status: d.status.as_ref().map(|s| *s.get_ref()),
                form: d.form.as_ref().map(|f| *f.get_ref()),
                approval: d
                    .approval
                    .as_ref()
                    .map(|a| self.approval(file, a.get_ref())),
            };
            self.report_dated(file, d, &document, meta);
            documents.push(document);
        }
        if annexes == 0 {
            self.no_annexes(file, list);
        }
        documents
    }

    /// `@annexes` lists the plan's annexes: in a plan without any it would be a heading
    /// over nothing, so each is an error where `parts` names it.
    fn no_annexes(&mut self, file: FileId, list: &[Spanned<raw::Document>]) {
        let written = format!("@{}", Generated::Annexes.name());
        for part in list
            .iter()
            .flat_map(|d| d.get_ref().parts.get_ref())
            .filter(|p| *p.get_ref() == written)
        {
            self.error(
                codes::NO_ANNEXES,
                span(file, part),
                format!("`{written}` lists the plan's annexes, but the plan has none"),
            )
            .hints
            .push(format!(
                "make a document an annex with `annex = true`, or name parts in a document's `annex = [...]`; or remove \"{written}\" from `parts`"
            ));
        }
    }

    /// A report dated before the year it reports on has ended is dated by mistake, most
    /// often with the plan's date, which it takes when it has none of its own.
    fn report_dated(&mut self, file: FileId, d: &raw::Document, document: &Document, meta: &Meta) {
        let (Some(year), Some(key)) = (document.report, &d.report) else {
            return;
        };
        let date = document.edition(meta).date;
        if date.year > year {
            return;
        }
        let (at, message) = match &d.date {
            Some(own) => (
                span(file, own),
                format!(
                    "the {year} report is dated {date}, before the year it reports on has ended"
                ),
            ),
            None => (
                span(file, key),
                format!(
                    "the {year} report has no date of its own, and the plan's, {date}, is before the year it reports on has ended"
                ),
            ),
        };
        let example = format!("{}-03-31", year + 1);
        self.warning(codes::REPORT_DATED_EARLY, at, message).hints.push(format!(
            "date the report when it is written, in its `[[document]]`: e.g. `date = {example}`; the title page, footer and PDF show it"
        ));
    }

    /// The year a document reports on (`report`), which its report parts need.
    fn report_year(&mut self, file: FileId, d: &raw::Document, parts: &[Part]) -> Option<i32> {
        let year = d.report.as_ref().and_then(|y| self.year(file, y));
        let reporting = parts.iter().find_map(|p| match p {
            Part::Generated(g) if g.is_report() => Some(g.name()),
            _ => None,
        });
        if let (None, Some(name), None) = (year, reporting, &d.report) {
            self.error(
                codes::NO_REPORT_YEAR,
                span(file, &d.parts),
                format!("`@{name}` shows a monitoring report, but the document names no year"),
            )
            .hints
            .push("add `report = 2024` (the year reported on) to the `[[document]]`".into());
        }
        year
    }

    /// The indicator levels a document's `@indicator-cards` describes (`cards`), all three
    /// unless the document names some; an unknown level is an error.
    fn card_levels(&mut self, file: FileId, cards: Option<&Spanned<Vec<raw::Str>>>) -> Vec<String> {
        let levels = Level::ALL.map(|(name, _)| name);
        let Some(cards) = cards else {
            return levels.map(String::from).to_vec();
        };
        cards
            .get_ref()
            .iter()
            .filter_map(|level| {
                let name = level.get_ref();
                if levels.contains(&name.as_str()) {
                    return Some(name.clone());
                }
                let d = self.error(
                    codes::UNKNOWN_LEVEL,
                    span(file, level),
                    format!("`{name}` is not an indicator level"),
                );
                d.hints.push(hint(name, levels, || {
                    format!("the levels are {}", levels.join(", "))
                }));
                None
            })
            .collect()
    }

    /// The files a build writes of a document (`formats`): PDF unless it names others; an
    /// unknown format is an error.
    fn formats(
        &mut self,
        file: FileId,
        formats: Option<&Spanned<Vec<raw::Str>>>,
    ) -> Vec<crate::FileFormat> {
        let Some(formats) = formats else {
            return vec![crate::FileFormat::Pdf];
        };
        let mut found = Vec::new();
        for format in formats.get_ref() {
            let name = format.get_ref();
            match crate::FileFormat::named(name) {
                Some(known) if !found.contains(&known) => found.push(known),
                Some(_) => {}
                None => {
                    let names = ["pdf", "docx"];
                    let d = self.error(
                        codes::UNKNOWN_FORMAT,
                        span(file, format),
                        format!("`{name}` is not a format `plan build` writes"),
                    );
                    d.hints.push(hint(name, names, || {
                        "the formats are pdf and docx (Word)".to_string()
                    }));
                }
            }
        }
        if found.is_empty() && formats.get_ref().is_empty() {
            let d = self.error(
                codes::UNKNOWN_FORMAT,
                span(file, formats),
                "`formats` names no format: the build would write nothing of this document"
                    .to_string(),
            );
            d.hints.push("write `formats = [\"pdf\"]`, `[\"docx\"]` or `[\"pdf\", \"docx\"]`, or leave the key out for PDF alone".into());
        }
        found
    }

    /// The parts of document `id` listed in its `annex`, by index in `names` (the parts as
    /// written), each numbered after the plan's annexes so far. An annex comes after the
    /// main text: a part that is not an annex may not follow one.
    fn annex_parts(
        &mut self,
        file: FileId,
        id: &str,
        names: &[&str],
        listed: &[raw::Str],
        annexes: &mut usize,
    ) -> BTreeMap<usize, usize> {
        let mut at = BTreeMap::new();
        for part in listed {
            let name = part.get_ref();
            match names.iter().position(|n| n == name) {
                Some(index) if at.contains_key(&index) => {
                    self.warning(
                        codes::DUPLICATE_ANNEX,
                        span(file, part),
                        format!("`{name}` is listed twice in `annex`"),
                    );
                }
                Some(index) => {
                    at.insert(index, span(file, part));
                }
                None => {
                    let d = self.error(
                        codes::UNKNOWN_ANNEX,
                        span(file, part),
                        format!("document `{id}` has no part `{name}`"),
                    );
                    d.hints.push(hint(name, names.iter().copied(), || {
                        "an annex is one of the document's `parts`, named as there".into()
                    }));
                }
            }
        }
        if let Some((&first, first_span)) = at.iter().next() {
            let first_span = first_span.clone();
            if let Some(main) = (first..names.len()).find(|i| !at.contains_key(i)) {
                let d = self.error(
                    codes::ANNEX_ORDER,
                    first_span,
                    format!(
                        "annex `{}` comes before `{}`, which is not an annex",
                        names[first], names[main]
                    ),
                );
                d.hints.push(
                    "annexes follow the main text: list them last in `parts`, or add the parts after them to `annex`".into(),
                );
            }
        }
        at.into_keys()
            .map(|index| {
                *annexes += 1;
                (index, *annexes)
            })
            .collect()
    }
}
