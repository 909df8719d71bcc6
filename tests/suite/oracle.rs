//! What a reader should find in the PDF of a chapter, according to an independent Markdown
//! parser (pulldown-cmark, not comrak, which `plan` uses), and a comparison of that with
//! the text of a built PDF.
//!
//! The reading text is what pulldown-cmark parses, set the way docs/en/reference/chapters.md says `plan` sets
//! each construct:
//! - headings with their numbers ("1.", "1.2.") as `plan` numbers them: levels never skip
//!   one (a deeper level is set one below the heading before, and a chapter starts at level
//!   1 or 2; the document's first heading at level 1), empty headings are left out, and a
//!   trailing `{#id}` is not shown;
//! - list items after their marker (typst's "•", "‣", "–" by depth; "1." numbers from the
//!   list's start); a done task's box shows "x";
//! - a paragraph holding only a picture is a figure: "1 pav." and the description; other
//!   pictures show no text;
//! - footnote references as their numbers, the notes' texts after the chapter's text,
//!   each after its number; raw HTML as written, HTML comments left out;
//! - everything else by its text: code as written, links and autolinks by their text.
//!
//! Both texts are then normalised for what the typography of docs/en/reference/chapters.md changes and text
//! extraction cannot tell (see [`normal`]), and compared character by character (see
//! [`reads_loosely`]).

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use unicode_normalization::UnicodeNormalization;

/// The Markdown dialect of chapters (docs/en/reference/chapters.md) in pulldown-cmark's terms.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
}

/// The heading numbers of one document, across its chapters.
#[derive(Default)]
pub struct Headings {
    counter: Vec<u32>,
    /// The level of the document's last heading (0 before the first).
    last: u8,
    /// The number of each heading with an `{#id}` ("1.2"), as references print it.
    ids: Vec<(String, String)>,
}

impl Headings {
    /// The number of the next heading, written at `level` in a chapter whose heading before
    /// was at `before` (none at the chapter's start), and the level it is set at.
    fn step(&mut self, level: u8, before: Option<u8>) -> (u8, String) {
        let chapter = level.min(before.unwrap_or(1) + 1);
        let level = chapter.min(self.last + 1);
        self.last = level;
        let level_index = usize::from(level);
        self.counter.truncate(level_index);
        self.counter.resize(level_index, 0);
        if let Some(last) = self.counter.last_mut() {
            *last += 1;
        }
        let parts: Vec<String> = self.counter.iter().map(u32::to_string).collect();
        (level, format!("{}.", parts.join(".")))
    }
}

/// A reading of one chapter, and the figure numbers of its document so far.
pub struct Reader<'h> {
    headings: &'h mut Headings,
    figures: &'h mut u32,
    /// Where text goes: the chapter's text, or a heading's or a note's being read.
    buffers: Vec<String>,
    /// The level of the chapter's heading before.
    before: Option<u8>,
    /// Open lists: the next item's number, or none for a bullet list.
    lists: Vec<Option<u64>>,
    /// Footnote names in the order of their first reference; their texts by name.
    notes: Vec<String>,
    note_texts: Vec<(String, String)>,
    /// The footnotes whose definitions are being read, innermost last.
    defining: Vec<String>,
    /// The pictures being read, innermost last: whether each one's description is shown
    /// (a figure's caption) or not (a picture in a line of text).
    images: Vec<bool>,
    /// Whether the paragraph being read is a figure, whose picture is yet to come.
    figure: bool,
}

impl<'h> Reader<'h> {
    pub fn new(headings: &'h mut Headings, figures: &'h mut u32) -> Self {
        Reader {
            headings,
            figures,
            buffers: vec![String::new()],
            before: None,
            lists: Vec::new(),
            notes: Vec::new(),
            note_texts: Vec::new(),
            defining: Vec::new(),
            images: Vec::new(),
            figure: false,
        }
    }

    fn push(&mut self, text: &str) {
        if self.images.iter().all(|&shown| shown)
            && let Some(buffer) = self.buffers.last_mut()
        {
            buffer.push_str(text);
        }
    }

    /// The reading text of `markdown`, a chapter of the document.
    pub fn read(mut self, markdown: &str) -> String {
        let events: Vec<Event> = Parser::new_ext(markdown, options()).collect();
        // Footnote definitions are known before the text refers to them.
        let defined: Vec<String> = events
            .iter()
            .filter_map(|e| match e {
                Event::Start(Tag::FootnoteDefinition(name)) => Some(name.to_string()),
                _ => None,
            })
            .collect();
        for (i, event) in events.iter().enumerate() {
            match event {
                // A reference with no text of its own prints the heading's number.
                Event::Start(Tag::Link { dest_url, .. })
                    if matches!(events.get(i + 1), Some(Event::End(TagEnd::Link))) =>
                {
                    let id = dest_url.strip_prefix('#').unwrap_or_default();
                    let number = self.headings.ids.iter().find(|(known, _)| known == id);
                    let shown = number.map_or(dest_url.to_string(), |(_, n)| n.clone());
                    self.push(&shown);
                }
                Event::Start(Tag::HtmlBlock) => self.buffers.push(String::new()),
                Event::End(TagEnd::HtmlBlock) => {
                    let html = self.buffers.pop().unwrap_or_default();
                    self.html(&html);
                }
                Event::Start(tag) => self.start(tag, &events[i + 1..]),
                Event::End(tag) => self.end(*tag),
                Event::Text(t) | Event::Code(t) => self.push(t),
                // An HTML block comes line by line (inside its tags): it is shown, or
                // left out as a comment, whole.
                Event::Html(html) => self.push(html),
                Event::InlineHtml(html) => self.html(html),
                Event::SoftBreak => self.push(" "),
                Event::HardBreak => self.push("\n"),
                Event::FootnoteReference(name) if defined.iter().any(|d| d == &**name) => {
                    let number = match self.notes.iter().position(|n| n == &**name) {
                        Some(i) => i + 1,
                        None => {
                            self.notes.push(name.to_string());
                            self.notes.len()
                        }
                    };
                    self.push(&number.to_string());
                }
                Event::FootnoteReference(name) => self.push(&format!("[^{name}]")),
                Event::TaskListMarker(done) => self.push(if *done { "x " } else { " " }),
                _ => {}
            }
        }
        let mut text = self.buffers.swap_remove(0);
        for (i, name) in self.notes.iter().enumerate() {
            let note = self.note_texts.iter().find(|(n, _)| n == name);
            let body = note.map_or("", |(_, body)| body.as_str());
            text.push_str(&format!("\n{} {body}", i + 1));
        }
        text
    }

    /// Raw HTML, shown as written unless it is a comment.
    fn html(&mut self, html: &str) {
        let trimmed = html.trim();
        if !(trimmed.starts_with("<!--") && trimmed.ends_with("-->")) {
            self.push(html);
        }
    }

    fn start(&mut self, tag: &Tag, rest: &[Event]) {
        match tag {
            Tag::Heading { .. } => self.buffers.push(String::new()),
            Tag::FootnoteDefinition(name) => {
                self.buffers.push(String::new());
                self.defining.push(name.to_string());
            }
            Tag::Paragraph => {
                self.figure = figure(rest);
                if self.figure {
                    *self.figures += 1;
                    let number = *self.figures;
                    self.push(&format!("\n{number} pav. "));
                } else {
                    self.push("\n");
                }
            }
            // A figure's description is its caption; other pictures show no text.
            Tag::Image { .. } => {
                let caption = std::mem::take(&mut self.figure);
                self.images.push(caption);
            }
            Tag::List(start) => self.lists.push(*start),
            Tag::Item => {
                // Typst picks a bullet by how many bullet lists are open.
                let depth = self.lists.iter().filter(|l| l.is_none()).count();
                let marker = match self.lists.last_mut() {
                    Some(Some(n)) => {
                        *n += 1;
                        format!("{}.", *n - 1)
                    }
                    _ => ["•", "‣", "–"][(depth.max(1) - 1) % 3].to_string(),
                };
                self.push(&format!("\n{marker} "));
            }
            Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. } => {}
            _ => self.push("\n"),
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Heading(level) => {
                let written = self.buffers.pop().unwrap_or_default();
                let (title, id) = without_id(&written);
                if !title.trim().is_empty() {
                    let (set, number) = self.headings.step(level as u8, self.before);
                    self.before = Some(set);
                    self.push(&format!("\n{number} {title}\n"));
                    if let Some(id) = id {
                        let reference = number.trim_end_matches('.').to_string();
                        self.headings.ids.push((id.to_string(), reference));
                    }
                }
            }
            TagEnd::FootnoteDefinition => {
                let body = self.buffers.pop().unwrap_or_default();
                if let Some(name) = self.defining.pop() {
                    self.note_texts.push((name, body));
                }
            }
            TagEnd::Image => {
                self.images.pop();
            }
            TagEnd::List(_) => {
                self.lists.pop();
            }
            TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link => {}
            _ => self.push("\n"),
        }
    }
}

/// Whether a paragraph's events (after its start) are just one picture, which `plan`
/// makes a numbered figure.
fn figure(rest: &[Event]) -> bool {
    let mut depth = 0;
    let mut images = 0;
    for event in rest {
        match event {
            Event::End(TagEnd::Paragraph) if depth == 0 => return images == 1,
            Event::Start(Tag::Image { .. }) => {
                if depth == 0 {
                    images += 1;
                }
                depth += 1;
            }
            Event::End(TagEnd::Image) => depth -= 1,
            Event::Text(t) if depth == 0 && t.trim().is_empty() => {}
            Event::SoftBreak if depth == 0 => {}
            _ if depth == 0 => return false,
            _ => {}
        }
    }
    false
}

/// A heading's title without its trailing `{#id}`, and the id.
fn without_id(title: &str) -> (&str, Option<&str>) {
    let trimmed = title.trim_end();
    if let Some(start) = trimmed.rfind("{#")
        && trimmed.ends_with('}')
    {
        let id = &trimmed[start + 2..trimmed.len() - 1];
        if !id.is_empty()
            && id
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
        {
            return (trimmed[..start].trim_end(), Some(id));
        }
    }
    (title, None)
}

/// Text as compared: canonically decomposed; every quotation mark and apostrophe the
/// typography may set read as the straight quote it was typed as; en and em dashes and
/// runs of hyphens read as one hyphen (`plan` sets a spaced `-` or `--` as an en dash, `---`
/// as an em dash, and a range of years with an en dash); no-break spaces as spaces.
pub fn normal(text: &str) -> String {
    let mapped: String = text
        .nfd()
        .map(|c| match c {
            '„' | '“' | '”' | '"' => '"',
            '‚' | '‘' | '’' | '\'' => '\'',
            '–' | '—' => '-',
            '\u{a0}' | '\u{202f}' => ' ',
            c => c,
        })
        .collect();
    let mut out = String::with_capacity(mapped.len());
    for c in mapped.chars() {
        if c == '-' && out.ends_with('-') {
            continue;
        }
        out.push(c);
    }
    out
}

/// Whether `found` (text extracted from a PDF, [`normal`]) starts with `expected`
/// ([`normal`]) when whitespace is not compared (extraction cannot tell kinds of space
/// apart, and reads gaps at font changes as spaces), allowing only what typesetting adds:
/// a hyphen ending a line where a word was hyphenated (read as `-` or a soft hyphen). A soft
/// hyphen anywhere else is the hyphen it was typed as.
pub fn reads_loosely(expected: &str, found: &str) -> bool {
    let e: Vec<char> = expected.chars().filter(|c| !c.is_whitespace()).collect();
    // Found characters, each with whether a line ends right after it.
    let mut f: Vec<(char, bool)> = Vec::new();
    for c in found.chars() {
        if c == '\n' {
            if let Some(last) = f.last_mut() {
                last.1 = true;
            }
        } else if !c.is_whitespace() {
            f.push((c, false));
        }
    }
    // f.len() + 1 positions per expected character, filled from the end.
    let width = f.len() + 1;
    let mut can = vec![false; (e.len() + 1) * width];
    for j in 0..width {
        can[e.len() * width + j] = true;
    }
    for i in (0..e.len()).rev() {
        for j in (0..f.len()).rev() {
            let (fc, line_end) = f[j];
            let same = fc == e[i] || (fc == '\u{ad}' && e[i] == '-');
            let hyphenation = line_end && matches!(fc, '-' | '\u{ad}');
            can[i * width + j] =
                (same && can[(i + 1) * width + j + 1]) || (hyphenation && can[i * width + j + 1]);
        }
    }
    can[0]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reading(markdown: &str) -> String {
        let (mut headings, mut figures) = (Headings::default(), 0);
        Reader::new(&mut headings, &mut figures).read(markdown)
    }

    #[test]
    fn the_model_reads_constructs_as_plan_sets_them() {
        let text = reading(
            "# A {#a}\n\n### B\n\n* x\n  * y\n\n3. z\n4. w\n\n- [x] t\n\n![Pic](p.png)\n\nIn ![i](p.png) *e*; f[^n]\n\n[^n]: Note\n",
        );
        let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        assert_eq!(
            squash(&text),
            "1. A 1.1. B • x ‣ y 3. z 4. w • x t 1 pav. Pic In e; f1 1 Note"
        );
    }

    #[test]
    fn the_comparison_allows_hyphenation_and_spacing_only() {
        assert!(reads_loosely("ab cd", "ab\ncd and more"));
        assert!(reads_loosely("abcd", "ab-\ncd"));
        assert!(reads_loosely("a-b", "a\u{ad}b"));
        assert!(!reads_loosely("a;b", "ab"));
        assert!(!reads_loosely("abcd", "ab-cd"));
        assert_eq!(normal("„a“ – b---c ‘d’"), "\"a\" - b-c 'd'");
    }
}

/// Words with Lithuanian letters, numbers and units.
const WORDS: &[&str] = &[
    "žodis",
    "ąžuolas",
    "Šiauliai",
    "ėjo",
    "į",
    "ūkis",
    "čia",
    "Įvadas",
    "tekstas",
    "2020",
    "m.",
    "45",
    "ĄČĘĖĮŠŲŪŽ",
    "x",
];

/// What may stand right after an inline construct.
const PUNCTUATION: &[&str] = &[
    ";", ":", ",", ".", "(", ")", "[", "]", "!", "?", "\"", "'", "*", "_", "#", "$", "@", "<", ">",
    "\\", "", " ",
];

/// Inline constructs, `{}` standing for a word.
const CONSTRUCTS: &[&str] = &[
    "*{}*",
    "_{}_",
    "**{}**",
    "***{}***",
    "`{}`",
    "~~{}~~",
    "[{}](https://x.lt)",
    "<https://x.lt>",
    "<a@b.lt>",
    "[](#h1)",
    "[{}](#h1)",
    "{}[^1]",
    "{}[^2]",
    "*a **{}** b*",
    "[*{}*](https://x.lt/a_b)",
];

mod differential {
    use super::*;
    use crate::common::{build, raw_text, render};
    use plan::Outcome;
    use proptest::prelude::*;

    fn word() -> impl Strategy<Value = String> {
        prop::sample::select(WORDS).prop_map(String::from)
    }

    /// A construct with a word in it, the punctuation after it, and a word.
    fn piece() -> impl Strategy<Value = String> {
        prop_oneof![
            1 => word(),
            3 => (prop::sample::select(CONSTRUCTS), word(), prop::sample::select(PUNCTUATION), word())
                .prop_map(|(c, w, p, after)| {
                    // A note's reference followed by `[` (`žodis[^1][ žodis]`) is a note in
                    // GitHub's Markdown and comrak but a failed reference link, all text, in
                    // pulldown-cmark: notes have no common specification to hold them to.
                    let p = if c.ends_with("]") && c.contains("[^") && p == "[" { "" } else { p };
                    format!("{}{p} {after}", c.replace("{}", &w))
                }),
        ]
    }

    fn line() -> impl Strategy<Value = String> {
        prop::collection::vec(piece(), 1..6).prop_map(|pieces| pieces.join(" "))
    }

    fn block() -> impl Strategy<Value = String> {
        prop_oneof![
            4 => line(),
            1 => (1..4usize, line()).prop_map(|(level, l)| format!("{} {l}", "#".repeat(level))),
            1 => prop::collection::vec(line(), 1..4).prop_map(|items| {
                items.iter().map(|i| format!("- {i}")).collect::<Vec<_>>().join("\n")
            }),
            1 => (line(), line()).prop_map(|(a, b)| format!("1. {a}\n   - {b}\n2. {a}")),
            1 => line().prop_map(|l| format!("> {l}")),
            1 => (line(), line()).prop_map(|(a, b)| format!("- [x] {a}\n- [ ] {b}")),
            1 => (line(), line()).prop_map(|(a, b)| format!("| {a} | {b} |\n|---|:-:|\n| {b} | {a} |")),
            1 => line().prop_map(|l| format!("```\n{l}\n```")),
        ]
    }

    /// A chapter: a heading others refer to, blocks, and the notes they refer to.
    fn document() -> impl Strategy<Value = String> {
        prop::collection::vec(block(), 1..6).prop_map(|blocks| {
            format!(
                "# Pradžia {{#h1}}\n\n{}\n\n[^1]: Pirma *pastaba*; tęsinys.\n\n[^2]: Antra `pastaba`.\n",
                blocks.join("\n\n")
            )
        })
    }

    /// Builds `markdown` as the one chapter of a plan and checks that its PDF reads as
    /// pulldown-cmark reads it.
    pub fn check(markdown: &str) -> Result<(), String> {
        let chapter = format!("§0§\n\n{markdown}");
        let dir = crate::common::chapter_plan(&chapter, &[]);
        let (out, outcome, sources, diags) = build(dir.path());
        if !matches!(outcome, Outcome::Built(_)) {
            return Err(render(&sources, &diags));
        }
        let (mut headings, mut figures) = (Headings::default(), 0);
        let expected = normal(&Reader::new(&mut headings, &mut figures).read(&chapter));
        let found = normal(&raw_text(&out.path().join("text.pdf")));
        let start = found.find("§0§").ok_or("the chapter is not in the PDF")?;
        if reads_loosely(&expected, &found[start..]) {
            Ok(())
        } else {
            Err(format!(
                "{markdown:?}\nexpected {expected:?}\nfound    {:?}",
                &found[start..]
            ))
        }
    }

    proptest! {
        // `ORACLE_CASES=500` explores more on a developer's machine.
        #![proptest_config(ProptestConfig {
            cases: std::env::var("ORACLE_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(24),
            ..ProptestConfig::default()
        })]

        /// Any chapter made of every inline and block construct, with any punctuation
        /// after the inline ones, reads in the PDF as an independent parser reads it.
        #[test]
        fn chapters_read_as_an_independent_parser_reads_them(markdown in document()) {
            let checked = check(&markdown);
            prop_assert!(checked.is_ok(), "{}", checked.unwrap_err());
        }
    }

    /// The inputs of issue 15, each of which lost a character: a `;` right after an
    /// inline construct.
    #[test]
    fn a_semicolon_after_any_construct_is_kept() {
        let chapter = "# Pradžia {#some-id}\n\n*kursyvas*; toliau, **a**; b, `kodas`; x, \
            [nuoroda](https://x.lt); y, <https://x.lt>; z, ~~a~~; b, [](#some-id); c, \
            [tekstas](#some-id); d ir tekstas[^1]; e.\n\n[^1]: Pastaba.\n";
        if let Err(problem) = check(chapter) {
            panic!("{problem}");
        }
        let dir = crate::common::chapter_plan(chapter, &[]);
        let out = crate::common::build_ok(dir.path());
        let text = raw_text(&out.path().join("text.pdf"));
        for kept in [
            "kursyvas; toliau",
            "a; b",
            "kodas; x",
            "nuoroda; y",
            "https://x.lt; z",
            "1; c",
            "tekstas; d",
            "tekstas1; e",
        ] {
            assert!(
                crate::common::contains_squashed(&text, kept),
                "{kept:?} not in {text:?}"
            );
        }
    }
}
