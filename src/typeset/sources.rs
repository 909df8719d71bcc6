//! The typst sources `plan` generates: each document's main file and numbered chapters,
//! and the module of texts written in TOML. Templates receive the numbered plan as data;
//! these files only put the parts together.

use std::collections::HashMap;

use super::GENERATED_DIR;
use super::outline::{self, Numbered, PartNumbers};
use crate::model::{Document, Generated, Part};
use crate::writers::typst::{PRELUDE, Rendered, SourceMap, escape};

/// Where the markup of generated files came from, by virtual path (chapters and texts).
pub(super) type Maps = HashMap<String, SourceMap>;

/// A document's own sources (its chapters, numbered for it, and its main file at `main`),
/// by virtual path; `changes` adds the annex of changes after its parts, with that number
/// among the plan's annexes. The chapters' maps go into `maps`.
pub(super) fn document(
    document: &Document,
    changes: Option<usize>,
    rendered: &Rendered,
    main: &str,
    maps: &mut Maps,
) -> Vec<(String, String)> {
    let numbered = outline::number(document, changes.is_some(), &rendered.chapters);
    // The numbers of the document's headings, once for its main file and every chapter:
    // a copy in each chapter would grow with chapters × headings.
    let refs = refs_path(&document.id);
    let mut files = vec![(
        refs.clone(),
        format!("#let refs = {}\n", outline::refs_dictionary(&numbered.refs)),
    )];
    for (part, numbers) in document.parts.iter().zip(&numbered.parts) {
        if let (Part::Chapter(path), PartNumbers::Chapter(numbers)) = (part, numbers)
            && let Some(chapter) = rendered.chapters.get(path)
        {
            let preamble = outline::chapter_preamble(numbers, &refs);
            let file = chapter_path(&document.id, path);
            let mut map = SourceMap::default();
            map.place(preamble.len(), &chapter.map);
            maps.insert(file.clone(), map);
            files.push((file, format!("{preamble}{}\n", chapter.markup)));
        }
    }
    files.push((
        main.to_string(),
        main_source(document, &numbered, changes, rendered),
    ));
    files
}

/// The virtual path of the module holding a document's heading numbers by id (`refs`).
fn refs_path(document: &str) -> String {
    format!("{GENERATED_DIR}/{document}/refs.typ")
}

/// The virtual path of a chapter's markup in a document.
fn chapter_path(document: &str, path: &str) -> String {
    format!("{GENERATED_DIR}/{document}/chapters/{path}.typ")
}

/// The typst module holding every text written in TOML, as content by key, and where
/// each text came from.
pub(super) fn texts_module(rendered: &Rendered) -> (String, SourceMap) {
    let mut out = format!("{}#let texts = (\n", PRELUDE);
    let mut map = SourceMap::default();
    for (key, text) in &rendered.texts {
        out.push_str(&format!("  {}: [", escape::string(key)));
        map.note(out.len(), text.span.clone());
        out.push_str(&format!("{}],\n", text.markup));
    }
    out.push_str(")\n");
    (out, map)
}

/// The main file of one document: the template applied to its parts in order, and the
/// annex of changes when `numbered` gives it a number. Each part is evaluated first, with
/// its number, so that the contents and the lists of figures and tables know their entries
/// before layout (see [`outline`]); the lists come last, as they list the other parts'
/// figures.
fn main_source(
    document: &Document,
    numbered: &Numbered,
    changes: Option<usize>,
    rendered: &Rendered,
) -> String {
    let mut out = String::new();
    out.push_str(
        "#import \"/templates/document.typ\": setup, annex-start, part-break, part-first, opening\n",
    );
    out.push_str("#import \"/templates/contents.typ\": outline-of\n");
    out.push_str(PRELUDE);
    out.push_str(&format!("#import \"{GENERATED_DIR}/texts.typ\": texts\n"));
    let mut imported: Vec<Generated> = Vec::new();
    for part in &document.parts {
        if let Part::Generated(g) = part
            && !imported.contains(g)
        {
            imported.push(*g);
            out.push_str(&format!(
                "#import \"/templates/{}\" as part-{}\n",
                g.declaration().template,
                g.name()
            ));
        }
    }
    if numbered.annex.is_some() {
        out.push_str("#import \"/templates/changes.typ\" as part-changes\n");
    }
    out.push_str(&format!(
        "#let data = json(\"{GENERATED_DIR}/{}/data.json\")\n#import \"{}\": refs\n\n",
        document.id,
        refs_path(&document.id)
    ));
    let is_list = |part: &Part| matches!(part, Part::Generated(g) if g.declaration().list);
    let parts: Vec<_> = document
        .parts
        .iter()
        .zip(&numbered.parts)
        .enumerate()
        .collect();
    let (lists, others): (Vec<_>, Vec<_>) = parts.into_iter().partition(|(_, (p, _))| is_list(p));
    let outlines = |list: &[(usize, (&Part, &PartNumbers))]| -> String {
        let names: Vec<String> = list.iter().map(|(i, _)| format!("outline-{i}")).collect();
        outline::array(&names)
    };
    for (i, (part, numbers)) in others.iter().chain(&lists) {
        if lists.first().is_some_and(|(first, _)| first == i) {
            out.push_str(&format!(
                "#let figures = {}.map(o => o.figures).flatten()\n",
                outlines(&others)
            ));
        }
        match (part, numbers) {
            (Part::Chapter(path), PartNumbers::Chapter(numbers)) => {
                out.push_str(&format!(
                    "#let part-{i} = include {}\n#let outline-{i} = {}\n",
                    escape::string(&chapter_path(&document.id, path)),
                    outline::chapter_outline(rendered.chapters.get(path), numbers)
                ));
            }
            (Part::Generated(g), PartNumbers::Generated(number)) => {
                let figures = if is_list(part) {
                    ", figures: figures"
                } else {
                    ""
                };
                let annex = annex_number(document.annex_parts.get(i).copied());
                out.push_str(&format!(
                    "#let part-{i} = part-{}.render(data + (part: (number: {}, annex: {annex}{figures})), texts)\n\
                     #let outline-{i} = outline-of(part-{i})\n",
                    g.name(),
                    escape::string(number),
                ));
            }
            _ => {}
        }
    }
    let count = document.parts.len();
    let mut all: Vec<String> = (0..count).map(|i| format!("outline-{i}")).collect();
    if let Some(number) = &numbered.annex {
        out.push_str(&format!(
            "#let part-annex = part-changes.render(data + (part: (number: {}, annex: {})), \
             json(\"{GENERATED_DIR}/changes.json\"))\n#let outline-annex = outline-of(part-annex)\n",
            escape::string(number),
            annex_number(changes),
        ));
        all.push("outline-annex".into());
    }
    out.push_str(&format!(
        "\n#show: setup.with(data + (contents: {}.map(o => o.headings).flatten(), changes-annex: {}), texts)\n",
        outline::array(&all),
        numbered.annex.is_some()
    ));
    let names = (0..count).map(|i| (i.to_string(), document.annex_parts.get(&i).copied()));
    let changes = numbered
        .annex
        .as_ref()
        .map(|_| ("annex".to_string(), changes));
    let mut previous: Option<String> = None;
    for (name, annex) in names.chain(changes) {
        // Every part starts on a new page (see `part-break`); an annex with its mark and its
        // own page numbers.
        match (&previous, annex) {
            (Some(before), None) => out.push_str(&format!(
                "\n#part-break(outline-{before}, outline-{name})\n"
            )),
            // The first part follows an act's title block on its page.
            (None, None) => out.push_str("\n#part-first(data)\n"),
            _ => out.push_str("\n#pagebreak(weak: true)\n"),
        }
        if let Some(number) = annex {
            // The annex of changes, the document's last part, has its pages labelled
            // "3-1", "3-2": numbered on their own, yet never taken for the main text's (in
            // the contents, and as the PDF's page labels).
            if name == "annex" {
                out.push_str(&annex_numbering(number));
            }
            out.push_str(&format!("#annex-start(data, {number})\n"));
        }
        // The part that opens the document or an annex: as an act's, its first heading
        // shows the title (see `opening`).
        match (&previous, annex) {
            (_, Some(_)) => {
                out.push_str(&format!("#opening(data, part-{name}, annex-part: true)\n"))
            }
            (None, None) => out.push_str(&format!("#opening(data, part-{name})\n")),
            (Some(_), None) => out.push_str(&format!("#part-{name}\n")),
        }
        previous = Some(name);
    }
    out
}

/// The page numbering of the annex of changes numbered `number`: "3-1", "3-2". As a
/// pattern ("3-1") it is also the PDF's page labels; a "1" in the annex's number would be
/// read as a counting symbol, so such a number is written by a function, which typst gives
/// no page labels, and the annex's first page is marked for the labels to be written into
/// the PDF afterwards (see `labels.rs`).
fn annex_numbering(number: usize) -> String {
    let shown = number.to_string();
    if shown.contains('1') {
        format!(
            "#set page(numbering: n => \"{shown}-\" + str(n))\n#metadata(\"{shown}-\") <{}>\n",
            super::labels::MARK
        )
    } else {
        format!("#set page(numbering: \"{shown}-1\")\n")
    }
}

/// An annex number as typst reads it: the number, or `none`.
fn annex_number(number: Option<usize>) -> String {
    number.map_or_else(|| "none".into(), |n| n.to_string())
}
