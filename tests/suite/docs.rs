//! The user's reference (`docs/en/reference/`) against the code: every check code, generated
//! part, fact family, template file, command and option is documented, and no link in
//! README.md or `docs/` leaves the repository or points at a missing file or heading.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn reference(page: &str) -> String {
    let path = Path::new(ROOT).join("docs/en/reference").join(page);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The names a page that must document `names` leaves out, each looked for as `` `name` ``.
fn missing(page: &str, names: impl IntoIterator<Item = String>) -> Vec<String> {
    let text = reference(page);
    names
        .into_iter()
        .filter(|n| !text.contains(&format!("`{n}`")))
        .collect()
}

#[test]
fn every_check_code_is_in_codes_md() {
    let names = plan::diag::codes::ALL
        .iter()
        .map(|c| c.as_str().to_string());
    let gone = missing("codes.md", names);
    assert!(gone.is_empty(), "codes.md lacks {gone:?}");
}

#[test]
fn every_generated_part_is_in_parts_md() {
    let gone = missing("parts.md", plan::parts::written_names());
    assert!(gone.is_empty(), "parts.md lacks {gone:?}");
}

/// The families of facts the code defines: the first word of every name `src/facts*` puts,
/// `put("plan.title"…)`, `put(format!("count.{name}")…)`, `"data."`.
fn fact_families() -> BTreeSet<String> {
    let mut families = BTreeSet::new();
    for file in ["src/facts.rs", "src/facts/data.rs"] {
        let text = std::fs::read_to_string(Path::new(ROOT).join(file)).expect("facts source");
        for (i, _) in text.match_indices("put(") {
            let rest = text[i + 4..].trim_start();
            let rest = rest.strip_prefix("format!(").unwrap_or(rest);
            if let Some(rest) = rest.strip_prefix('"') {
                let word: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_lowercase() || *c == '-')
                    .collect();
                if rest[word.len()..].starts_with('.') && !word.is_empty() {
                    families.insert(word);
                }
            }
        }
    }
    families.insert("data".into());
    families
}

#[test]
fn every_fact_family_is_in_facts_md() {
    let families = fact_families();
    assert!(families.len() >= 8, "{families:?}");
    let text = reference("facts.md");
    let gone: Vec<_> = families
        .iter()
        .filter(|f| !text.contains(&format!("| `{f}` |")) || !text.contains(&format!("`{f}.")))
        .collect();
    assert!(gone.is_empty(), "facts.md lacks the facts {gone:?}");
}

#[test]
fn every_template_is_in_templates_md() {
    let mut names = Vec::new();
    for entry in std::fs::read_dir(Path::new(ROOT).join("templates")).expect("templates") {
        let name = entry
            .expect("entry")
            .file_name()
            .to_string_lossy()
            .into_owned();
        if name.ends_with(".typ") {
            names.push(name);
        }
    }
    assert!(names.len() > 20);
    let gone = missing("templates.md", names);
    assert!(gone.is_empty(), "templates.md lacks {gone:?}");
}

/// The subcommands `plan --help` lists, and the long options each one's help lists.
fn commands() -> BTreeMap<String, BTreeSet<String>> {
    let top = crate::common::help(&["--help"]);
    let listed = top
        .split("Commands:")
        .nth(1)
        .and_then(|rest| rest.split("\n\n").next())
        .expect("a list of commands");
    let mut found = BTreeMap::new();
    for line in listed.lines() {
        let Some(name) = line.split_whitespace().next() else {
            continue;
        };
        if name == "help" {
            continue;
        }
        let text = crate::common::help(&[name, "--help"]);
        let options = text
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|w| w.starts_with("--") && w.len() > 2)
            .map(|w| {
                w.trim_end_matches(|c: char| !c.is_ascii_alphanumeric())
                    .to_string()
            })
            .collect();
        found.insert(name.to_string(), options);
    }
    found
}

#[test]
fn every_command_and_option_is_in_commands_md() {
    let commands = commands();
    assert!(commands.len() >= 8, "{commands:?}");
    let text = reference("commands.md");
    let mut gone = Vec::new();
    for (name, options) in &commands {
        let heading = format!("## `plan {name}`");
        let Some(start) = text.find(&heading) else {
            gone.push(heading);
            continue;
        };
        // The command's own section, up to the next heading of its level.
        let section = &text[start + heading.len()..];
        let section = &section[..section.find("\n## ").unwrap_or(section.len())];
        for option in options {
            if !section.contains(&format!("`{option}`")) {
                gone.push(format!("plan {name} {option}"));
            }
        }
    }
    assert!(gone.is_empty(), "commands.md lacks {gone:?}");
}

/// README.md and every Markdown file under `docs/`.
pub fn markdown_files() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "md") {
                out.push(path);
            }
        }
    }
    let mut files = vec![Path::new(ROOT).join("README.md")];
    walk(&Path::new(ROOT).join("docs"), &mut files);
    files.sort();
    files
}

/// A heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces as `-`.
fn slug(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == ' ' || *c == '-' || *c == '_')
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

/// The links of a Markdown text, and the anchors of its headings (a repeated heading's
/// anchor numbered `-1`, `-2` as GitHub numbers it).
fn links_and_anchors(text: &str) -> (Vec<String>, BTreeSet<String>) {
    let mut links = Vec::new();
    let mut anchors = BTreeSet::new();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut heading: Option<String> = None;
    for event in Parser::new_ext(text, Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES) {
        match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                links.push(dest_url.to_string())
            }
            Event::Start(Tag::Heading { .. }) => heading = Some(String::new()),
            Event::Text(t) | Event::Code(t) => {
                if let Some(h) = heading.as_mut() {
                    h.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                let base = slug(&heading.take().unwrap_or_default());
                let n = seen.entry(base.clone()).or_insert(0);
                anchors.insert(if *n == 0 {
                    base.clone()
                } else {
                    format!("{base}-{n}")
                });
                *n += 1;
            }
            _ => {}
        }
    }
    (links, anchors)
}

#[test]
fn no_link_leaves_the_repository_or_misses_its_target() {
    let root = Path::new(ROOT).canonicalize().expect("root");
    let files = markdown_files();
    assert!(files.len() > 10, "{files:?}");
    let mut anchors_of = BTreeMap::new();
    for file in &files {
        let text = std::fs::read_to_string(file).expect("read");
        anchors_of.insert(file.canonicalize().expect("file"), links_and_anchors(&text));
    }
    let mut bad = Vec::new();
    for (file, (links, own)) in &anchors_of {
        let shown = file
            .strip_prefix(&root)
            .unwrap_or(file)
            .display()
            .to_string();
        for link in links {
            if link.contains("://") || link.starts_with("mailto:") {
                bad.push(format!("{shown}: {link} leaves the repository"));
                continue;
            }
            let (path, anchor) = link.split_once('#').unwrap_or((link, ""));
            let target = if path.is_empty() {
                file.clone()
            } else {
                let joined = file.parent().expect("folder").join(path);
                let Ok(target) = joined.canonicalize() else {
                    bad.push(format!("{shown}: {link} names a missing file"));
                    continue;
                };
                target
            };
            if !target.starts_with(&root) {
                bad.push(format!("{shown}: {link} leaves the repository"));
                continue;
            }
            if anchor.is_empty() {
                continue;
            }
            let anchors = if &target == file {
                Some(own)
            } else {
                anchors_of.get(&target).map(|(_, a)| a)
            };
            match anchors {
                Some(a) if a.contains(anchor) => {}
                Some(_) => bad.push(format!("{shown}: {link} names a missing heading")),
                None => bad.push(format!(
                    "{shown}: {link} has an anchor in a file that is not Markdown"
                )),
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// The first TOML example of a reference page.
fn first_toml_example(page: &str) -> String {
    let text = reference(page);
    let start = text.find("```toml\n").expect("a TOML example") + "```toml\n".len();
    let end = start + text[start..].find("```").expect("the example's end");
    text[start..end].to_string()
}

#[test]
fn the_examples_at_the_top_of_the_reference_form_a_plan_that_checks() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let plan = dir.path();
    for folder in ["strategy", "chapters", "monitoring", "data"] {
        std::fs::create_dir_all(plan.join(folder)).expect("folder");
    }
    let files = [
        ("plan.toml", first_toml_example("plan-toml.md")),
        (
            "strategy/1-patogus-miestas.toml",
            first_toml_example("strategy.md"),
        ),
        ("analysis.toml", first_toml_example("analysis.md")),
        ("monitoring/2024.toml", first_toml_example("monitoring.md")),
        ("data/gyventojai.toml", first_toml_example("data.md")),
        ("data/gyventojai.csv", "metai;gyventojai\n2020;52,1\n2021;51,8\n".into()),
        (
            "chapters/01-ivadas.md",
            "# Įvadas\n\n{{ count.measures | noun }}; {{ data.gyventojai.gyventojai[2021] }} tūkst.\n"
                .into(),
        ),
    ];
    for (name, text) in files {
        std::fs::write(plan.join(name), text).expect("write");
    }
    let out = Command::new(env!("CARGO_BIN_EXE_plan"))
        .arg("check")
        .arg(plan)
        .env("NO_COLOR", "1")
        .output()
        .expect("run plan");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        !stderr.contains("unknown-key") && !stderr.contains("error:"),
        "{stderr}"
    );
}

/// Every key the loader accepts (read from `plan schema`'s schemas, which are derived from
/// the loader's own types) is on its file's reference page as its dotted path.
#[test]
fn every_key_the_loader_accepts_is_in_the_reference() {
    use plan::schema::{Kind, keys};
    let mut absent = Vec::new();
    for (kind, page) in [
        (Kind::Plan, "plan-toml.md"),
        (Kind::Strategy, "strategy.md"),
        (Kind::Analysis, "analysis.md"),
        (Kind::Monitoring, "monitoring.md"),
    ] {
        let all = keys(kind);
        assert!(all.len() > 5, "{page}: {all:?}");
        absent.extend(
            missing(page, all)
                .into_iter()
                .map(|k| format!("{page}: `{k}`")),
        );
    }
    assert!(
        absent.is_empty(),
        "not in the reference:\n{}",
        absent.join("\n")
    );
}

/// The help texts `commands.md` quotes are what `plan --help` and `plan <command> --help`
/// print today: the top one first, then the first `text` block under each `## \`plan X\``.
#[test]
fn the_help_commands_md_quotes_is_what_plan_prints() {
    let page = reference("commands.md");
    let block_after = |from: usize| {
        let start = from + page[from..].find("```text\n").expect("a help block") + 8;
        let end = start + page[start..].find("```").expect("the block's end");
        page[start..end].to_string()
    };
    assert_eq!(
        block_after(0),
        crate::common::help(&["--help"]),
        "commands.md: `plan --help`"
    );
    for name in commands().keys() {
        let heading = format!("## `plan {name}`");
        let at = page.find(&heading).unwrap_or_else(|| panic!("{heading}"));
        assert_eq!(
            block_after(at),
            crate::common::help(&[name, "--help"]),
            "commands.md: `plan {name} --help`"
        );
    }
}
