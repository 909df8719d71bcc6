//! The user's guide (`docs/en/0*.md`, `docs/lt/0*.md`) says only what is true: its TOML,
//! Markdown and CSV snippets are accepted by `plan check` on the plan `plan init` writes,
//! and its `plan …` command lines name real subcommands, options and values (its links are
//! checked with every other page's in `docs.rs`).
//!
//! A snippet names the file it belongs to on its first line: `# plan.toml` (TOML),
//! `<!-- chapters/01-introduction.md -->` (Markdown), or after the fence's language
//! (```` ```csv data/population.csv ````). A page's snippets are applied in order to one
//! starter plan of the page's language, each checked at once: a TOML snippet is merged into
//! its file (tables key by key; an entry of an array of tables joins the entry with the same
//! `id`, or is added), a Markdown snippet is added at the end of its chapter, a CSV file is
//! written whole. Every ```` ```toml ```` and ```` ```markdown ```` block must name its file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use plan::model::Language;
use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};

/// The guide's chapters, in English and in Lithuanian, in reading order.
const CHAPTERS: [(&str, &str); 7] = [
    ("01-getting-started.md", "01-pradzia.md"),
    ("02-strategy.md", "02-strategija.md"),
    ("03-chapters.md", "03-skyriai.md"),
    ("04-review.md", "04-perziura.md"),
    ("05-revisions.md", "05-pakeitimai.md"),
    ("06-monitoring.md", "06-stebesena.md"),
    ("07-publishing.md", "07-skelbimas.md"),
];

/// Pages beside the guide's chapters; the index links every one.
const OTHER_PAGES: [&str; 17] = [
    "en/install.md",
    "en/editor.md",
    "en/ci.md",
    "lt/diegimas.md",
    "lt/redaktorius.md",
    "lt/ci.md",
    "en/reference/plan-toml.md",
    "en/reference/strategy.md",
    "en/reference/analysis.md",
    "en/reference/monitoring.md",
    "en/reference/data.md",
    "en/reference/chapters.md",
    "en/reference/commands.md",
    "en/reference/parts.md",
    "en/reference/facts.md",
    "en/reference/codes.md",
    "en/reference/templates.md",
];

fn docs() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("docs")
}

/// Every guide page, with the language of its plan.
fn pages() -> Vec<(PathBuf, Language)> {
    CHAPTERS
        .iter()
        .flat_map(|(en, lt)| {
            [
                (docs().join("en").join(en), Language::En),
                (docs().join("lt").join(lt), Language::Lt),
            ]
        })
        .collect()
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A fenced code block: its info string, text and the line it starts on.
struct Block {
    info: String,
    text: String,
    line: usize,
}

fn blocks(markdown: &str) -> Vec<Block> {
    let mut found = Vec::new();
    let mut open: Option<Block> = None;
    for (event, range) in Parser::new(markdown).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                let line = markdown[..range.start].lines().count() + 1;
                open = Some(Block {
                    info: info.to_string(),
                    text: String::new(),
                    line,
                });
            }
            Event::Text(text) => {
                if let Some(block) = open.as_mut() {
                    block.text.push_str(&text);
                }
            }
            Event::End(TagEnd::CodeBlock) => found.extend(open.take()),
            _ => {}
        }
    }
    found
}

/// The file a snippet belongs to, from its fence or its first line.
fn target(block: &Block) -> Option<String> {
    let mut words = block.info.split_whitespace();
    let language = words.next().unwrap_or("");
    if let Some(path) = words.next() {
        return Some(path.to_string());
    }
    let first = block.text.lines().next().unwrap_or("").trim();
    let path = match language {
        "toml" => first.strip_prefix("# ")?,
        "markdown" | "md" => first.strip_prefix("<!-- ")?.strip_suffix(" -->")?,
        _ => return None,
    };
    let path = path.trim();
    (!path.contains(' ') && path.contains('.')).then(|| path.to_string())
}

/// Merges `from` into `into`: tables key by key, an array of tables' entry into the entry
/// with the same `id` (else added at the end), any other value replaced.
fn merge(into: &mut toml::Table, from: &toml::Table) {
    for (key, value) in from {
        match (into.get_mut(key), value) {
            (Some(toml::Value::Table(old)), toml::Value::Table(new)) => merge(old, new),
            (Some(toml::Value::Array(old)), toml::Value::Array(new))
                if new.iter().all(toml::Value::is_table) =>
            {
                for entry in new {
                    let id = entry.get("id").and_then(toml::Value::as_str);
                    let same = old
                        .iter_mut()
                        .find(|o| id.is_some() && o.get("id").and_then(toml::Value::as_str) == id);
                    match (same, entry) {
                        (Some(toml::Value::Table(same)), toml::Value::Table(entry)) => {
                            merge(same, entry)
                        }
                        _ => old.push(entry.clone()),
                    }
                }
            }
            _ => {
                into.insert(key.clone(), value.clone());
            }
        }
    }
}

/// Applies one snippet to the plan in `dir`.
fn apply(dir: &Path, path: &str, language: &str, text: &str) {
    let file = dir.join(path);
    std::fs::create_dir_all(file.parent().expect("a folder")).expect("create folder");
    let old = std::fs::read_to_string(&file).unwrap_or_default();
    let new = match language {
        "toml" => {
            let snippet: toml::Table = text
                .parse()
                .unwrap_or_else(|e| panic!("not TOML:\n{text}\n{e}"));
            let mut file: toml::Table = old.parse().expect("the plan's TOML");
            merge(&mut file, &snippet);
            toml::to_string(&file).expect("TOML")
        }
        "markdown" | "md" => format!("{old}\n{text}"),
        _ => text.to_string(),
    };
    std::fs::write(&file, new).expect("write the snippet");
}

/// What `plan check` says of the plan in `dir`, and whether it found errors.
fn check(dir: &Path) -> (bool, String) {
    let mut sources = plan::diag::Sources::default();
    let mut diags = plan::diag::Diagnostics::default();
    plan::check(dir, &mut sources, &mut diags);
    (diags.has_errors(), crate::common::render(&sources, &diags))
}

#[test]
fn every_chapter_is_there_in_both_languages_and_the_index_links_it() {
    let index = read(&docs().join("README.md"));
    for (en, lt) in CHAPTERS {
        for page in [format!("en/{en}"), format!("lt/{lt}")] {
            assert!(docs().join(&page).is_file(), "docs/{page} is missing");
            assert!(
                index.contains(&format!("({page})")),
                "docs/README.md does not link {page}"
            );
        }
    }
    for page in OTHER_PAGES {
        assert!(
            index.contains(&format!("({page})")),
            "docs/README.md does not link {page}"
        );
    }
}

#[test]
fn every_snippet_of_the_guide_is_accepted_by_plan_check() {
    let mut checked = 0;
    for (page, language) in pages() {
        let text = read(&page);
        let folder = tempfile::tempdir().expect("temporary folder");
        let dir = folder.path().join("plan");
        plan::init::init(&dir, language).expect("plan init");
        for block in blocks(&text) {
            let kind = block
                .info
                .split_whitespace()
                .next()
                .unwrap_or("")
                .to_string();
            let Some(path) = target(&block) else {
                assert!(
                    !matches!(kind.as_str(), "toml" | "markdown" | "md" | "csv"),
                    "{}:{}: a {kind} snippet must name its file on its first line",
                    page.display(),
                    block.line
                );
                continue;
            };
            apply(&dir, &path, &kind, &block.text);
            let (errors, said) = check(&dir);
            assert!(
                !errors,
                "{}:{}: the snippet for {path} is refused:\n{said}",
                page.display(),
                block.line
            );
            checked += 1;
        }
        // To look at what a page's snippets make: GUIDE_KEEP=<folder> keeps each page's plan.
        if let Ok(keep) = std::env::var("GUIDE_KEEP") {
            let name = page
                .file_stem()
                .expect("a name")
                .to_string_lossy()
                .to_string();
            crate::common::copy_dir(&dir, &Path::new(&keep).join(name));
        }
    }
    assert!(checked >= 20, "only {checked} snippets checked");
}

/// A command line split into words as a shell splits it (quotes, a trailing comment).
fn words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quote = None;
    let mut started = false;
    for c in line.chars() {
        match (quote, c) {
            (None, '#') if !started => break,
            (None, '\'' | '"') => {
                quote = Some(c);
                started = true;
            }
            (Some(q), _) if c == q => quote = None,
            (None, ' ' | '\t') => {
                if started {
                    words.push(std::mem::take(&mut word));
                    started = false;
                }
            }
            _ => {
                word.push(c);
                started = true;
            }
        }
    }
    if started {
        words.push(word);
    }
    words
}

/// The options a subcommand's `--help` lists, each with its possible values (if listed).
fn options(help: &str) -> BTreeMap<String, Vec<String>> {
    let mut found = BTreeMap::new();
    for line in help.lines() {
        let line = line.trim_start();
        if !line.starts_with('-') {
            continue;
        }
        let values: Vec<String> = line
            .split("[possible values: ")
            .nth(1)
            .and_then(|rest| rest.split(']').next())
            .map(|list| list.split(", ").map(str::to_string).collect())
            .unwrap_or_default();
        for word in line.split([' ', ',']) {
            if word.starts_with('-') && word.len() > 1 {
                found.insert(word.to_string(), values.clone());
            }
        }
    }
    found
}

/// The `plan …` command lines of a page, with their places: every line of its ```` ```sh ````
/// blocks that starts with `plan`, and every code span in its text that does.
fn command_lines(page: &Path) -> Vec<(String, Vec<String>)> {
    let text = read(page);
    let mut found = Vec::new();
    for block in blocks(&text) {
        if !matches!(block.info.as_str(), "sh" | "bash" | "console") {
            continue;
        }
        for (n, line) in block.text.lines().enumerate() {
            let place = format!("{}:{}", page.display(), block.line + 1 + n);
            found.push((place, words(line)));
        }
    }
    for (event, range) in Parser::new(&text).into_offset_iter() {
        if let Event::Code(code) = event {
            let line = text[..range.start].lines().count().max(1);
            found.push((format!("{}:{line}", page.display()), words(&code)));
        }
    }
    found.retain(|(_, words)| words.first().map(String::as_str) == Some("plan") && words.len() > 1);
    found
}

/// Options by command (`""` for `plan` itself), from `plan -h` and `plan <command> -h`.
type Helps = BTreeMap<String, BTreeMap<String, Vec<String>>>;

/// Checks one command line's command, options and their values against `plan`'s help.
///
/// A synopsis as the reference writes one is read too: `[--deny-warnings]`,
/// `--format human\|json`, `--group ID\|all]…`; a placeholder for the command itself
/// (`plan <command>`) names none.
fn check_command(place: &str, words: &[String], top: &str, helps: &mut Helps) {
    let words: Vec<String> = words
        .iter()
        .map(|w| {
            w.replace('\\', "")
                .trim_start_matches('[')
                .trim_end_matches(['…', ']'])
                .to_string()
        })
        .collect();
    let first = &words[1];
    if first.starts_with('<') {
        return;
    }
    let (command, rest) = if first.starts_with('-') {
        (String::new(), &words[1..])
    } else {
        assert!(
            top.lines()
                .any(|l| l.split_whitespace().next() == Some(first.as_str())),
            "{place}: `plan {first}` is no command of plan:\n{top}"
        );
        (first.clone(), &words[2..])
    };
    let known = helps.entry(command.clone()).or_insert_with(|| {
        let args: Vec<&str> = [command.as_str(), "-h"]
            .into_iter()
            .filter(|a| !a.is_empty())
            .collect();
        options(&crate::common::help(&args))
    });
    let mut rest = rest.iter();
    while let Some(word) = rest.next() {
        if !word.starts_with('-') {
            continue;
        }
        let (name, inline) = match word.split_once('=') {
            Some((name, value)) => (name, Some(value.to_string())),
            None => (word.as_str(), None),
        };
        let values = known.get(name).unwrap_or_else(|| {
            panic!(
                "{place}: `{}` has no option {name}",
                format!("plan {command}").trim_end()
            )
        });
        if values.is_empty() {
            continue;
        }
        let Some(value) = inline.or_else(|| rest.next().cloned()) else {
            continue;
        };
        if value.starts_with(['<', '[']) || value.chars().all(|c| c.is_ascii_uppercase()) {
            continue; // a placeholder: `--format FORMAT`, `--stdout <KIND>`
        }
        for one in value.split([',', '|']) {
            assert!(
                values.iter().any(|v| v == one),
                "{place}: {name} takes {values:?}, not {one}"
            );
        }
    }
}

#[test]
fn every_command_of_the_documentation_is_one_plan_takes() {
    let top = crate::common::help(&["--help"]);
    let mut helps = Helps::new();
    let mut checked = 0;
    // Every page of the documentation and the README, not only the guide's chapters.
    for page in crate::docs::markdown_files() {
        for (place, words) in command_lines(&page) {
            check_command(&place, &words, &top, &mut helps);
            checked += 1;
        }
    }
    assert!(checked >= 100, "only {checked} command lines checked");
}
