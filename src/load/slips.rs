//! The TOML syntax slips users make most, recognised in the text around TOML's error so
//! that the message names the slip at the line where it is: the decimal comma Excel and
//! Word write (`68,5`) and the spaces between thousands (`1 690`), an inline table `{ … }`
//! or a list `[ … ]` left open (TOML reports the next line), text without its closing
//! quote or without quotes at all, a key without its `=`, a table header in one pair of
//! brackets for an item of a list (`[goal]` for `[[goal]]`) and a misspelt header with
//! sub-tables. Anything else keeps TOML's own message.

use std::ops::Range;

use crate::diag::{Diagnostic, FileId, Span, codes};

/// A diagnostic for a known slip near `at` (where TOML's syntax error is), or `None`.
pub(super) fn diagnose(
    file: FileId,
    message: &str,
    at: Range<usize>,
    text: &str,
) -> Option<Diagnostic> {
    let at = at.start.min(text.len());
    decimal_comma(file, at, text)
        .or_else(|| spaced_number(file, at, text))
        .or_else(|| open_table(file, at, text))
        .or_else(|| open_string(file, message, at, text))
        .or_else(|| unquoted_text(file, message, at, text))
        .or_else(|| no_equals(file, message, at, text))
        .or_else(|| single_brackets(file, message, at, text))
        .or_else(|| misspelt_parent(file, message, at, text))
}

/// `[goal]` for `[[goal]]`: a table where the others of its name are items of a list.
/// TOML reports a "duplicate key" at the second of the two headers, which is the slip only
/// when the single one comes second; the problem is placed at the single-bracketed header,
/// with the other.
fn single_brackets(file: FileId, message: &str, at: usize, text: &str) -> Option<Diagnostic> {
    let (clash_at, clashing) = clashing_header(message, at, text)?;
    // The last header of the same name before the clash, the other of the two.
    let (other_at, other_array) = headers_before(text, clash_at)
        .into_iter()
        .filter(|(_, h)| h.name == clashing.name)
        .map(|(start, h)| (start, h.array))
        .next_back()?;
    let single = match (clashing.array, other_array) {
        (false, true) => clash_at,
        (true, false) => other_at,
        _ => return None,
    };
    let related = if single == clash_at {
        other_at
    } else {
        clash_at
    };
    Some(single_bracket_error(
        file,
        clashing.name,
        single,
        Some(related),
    ))
}

/// `[objective]` for `[[objective]]` where no other header of the name says it is a list:
/// TOML finds a table where the plan expects a list of them. The header's start and name
/// when the error at `at` is that.
pub(super) fn single_table<'t>(
    message: &str,
    at: Range<usize>,
    text: &'t str,
) -> Option<(usize, &'t str)> {
    if !message.starts_with("invalid type: map, expected a sequence") {
        return None;
    }
    let line = line_of(text, at.start.min(text.len()));
    let (start, found) = header(&text[line.clone()]).filter(|(_, h)| !h.array)?;
    Some((line.start + start, found.name))
}

/// The error for a header `[name]` at `at` written for `[[name]]`, with a header that has
/// two brackets when there is one.
pub(super) fn single_bracket_error(
    file: FileId,
    name: &str,
    at: usize,
    related: Option<usize>,
) -> Diagnostic {
    let span = |at: usize| Span::new(file, at..at + name.len());
    let mut diagnostic = Diagnostic::error(match related {
        Some(_) => format!(
            "`[{name}]` has one bracket on each side, where the other `{name}` headers have two"
        ),
        None => format!("`[{name}]` has one bracket on each side, where an item of a list has two"),
    })
    .code(codes::TOML_SYNTAX)
    .at(span(at))
    .label(format!("write `[[{name}]]`"))
    .hint(format!(
        "a header in two brackets, `[[{name}]]`, starts one more item of a list (each goal, \
         objective, measure, indicator, document …); one bracket, as in `[priority]`, is for \
         a table there is only one of"
    ));
    if let Some(other) = related {
        diagnostic = diagnostic.related(span(other), "written with two here");
    }
    diagnostic
}

/// `[[gaol]]` for `[[goal]]`: the `[[goal.indicator]]` after it makes a `goal` table of its
/// own, and TOML reports a "duplicate key" only at the next `[[goal]]`, far below. The
/// problem is placed at the misspelt header, with where TOML stumbled.
fn misspelt_parent(file: FileId, message: &str, at: usize, text: &str) -> Option<Diagnostic> {
    let (clash_at, clashing) = clashing_header(message, at, text)?;
    // Every header before the clash: the first sub-table of the clashing name, and the
    // header just before it, its parent as written.
    let headers = headers_before(text, clash_at);
    let prefix = format!("{}.", clashing.name);
    let first = headers
        .iter()
        .position(|(_, h)| h.name.starts_with(&prefix))?;
    let (start, written) = headers.get(first.checked_sub(1)?)?;
    if written.name == clashing.name
        || crate::suggest::closest(written.name, [clashing.name]).is_none()
    {
        return None;
    }
    let child = &headers[first].1;
    Some(
        Diagnostic::error(format!(
            "the table header `{written}` is misspelt, so the `{child}` after it has no `{clashing}`"
        ))
        .code(codes::TOML_SYNTAX)
        .at(Span::new(file, *start..start + written.name.len()))
        .label(format!("did you mean `{}`?", clashing.name))
        .related(
            Span::new(file, clash_at..clash_at + clashing.name.len()),
            "so this header clashes with the table the sub-table made",
        )
        .hint(format!("write `{clashing}`")),
    )
}

/// The header TOML's "duplicate key" is reported on: where its name starts, and the header.
fn clashing_header<'t>(message: &str, at: usize, text: &'t str) -> Option<(usize, Header<'t>)> {
    if !message.starts_with("duplicate key") {
        return None;
    }
    let clash = line_of(text, at);
    let (start, found) = header(&text[clash.clone()])?;
    Some((clash.start + start, found))
}

/// Every table header that starts before byte `end`, with where its name starts.
fn headers_before(text: &str, end: usize) -> Vec<(usize, Header<'_>)> {
    let mut headers = Vec::new();
    let mut offset = 0;
    for line in text[..end].split_inclusive('\n') {
        if let Some((start, found)) = header(line) {
            headers.push((offset + start, found));
        }
        offset += line.len();
    }
    headers
}

/// A table header's name and brackets: `[[goal.indicator]]`.
pub(super) struct Header<'t> {
    /// Without brackets, spaces and comment: `goal.indicator`.
    pub(super) name: &'t str,
    array: bool,
}

impl std::fmt::Display for Header<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.array {
            write!(f, "[[{}]]", self.name)
        } else {
            write!(f, "[{}]", self.name)
        }
    }
}

/// The header a line holds, if it is one, with where its name starts in the line.
pub(super) fn header(line: &str) -> Option<(usize, Header<'_>)> {
    let content = without_comment(line).trim_end();
    let trimmed = content.trim_start();
    let array = trimmed.starts_with("[[");
    if !trimmed.starts_with('[') {
        return None;
    }
    let name = trimmed.trim_matches(|c| c == '[' || c == ']').trim();
    let start = content.find(name).filter(|_| !name.is_empty())?;
    Some((start, Header { name, array }))
}

/// The line holding byte `at`, without its line break (a line break counts to the line it
/// ends).
fn line_of(text: &str, at: usize) -> Range<usize> {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    start..end
}

/// `value = 68,5` or `{ MB = 1 234,5 }`: a number whose decimal comma ends the value.
fn decimal_comma(file: FileId, at: usize, text: &str) -> Option<Diagnostic> {
    let line = line_of(text, at);
    let bytes = text.as_bytes();
    let mut i = line.start;
    while i < line.end {
        if bytes[i] != b'=' {
            i += 1;
            continue;
        }
        let mut start = i + 1;
        while start < line.end && bytes[start] == b' ' {
            start += 1;
        }
        let mut j = start;
        if j < line.end && matches!(bytes[j], b'-' | b'+') {
            j += 1;
        }
        let digits = |from: usize| {
            let mut k = from;
            while k < line.end && (bytes[k].is_ascii_digit() || bytes[k] == b' ') {
                k += 1;
            }
            k
        };
        let whole = digits(j);
        let starts_with_digit = j < line.end && bytes[j].is_ascii_digit();
        if starts_with_digit && whole < line.end && bytes[whole] == b',' {
            let mut end = whole + 1;
            while end < line.end && bytes[end].is_ascii_digit() {
                end += 1;
            }
            let mut after = end;
            while after < line.end && bytes[after] == b' ' {
                after += 1;
            }
            // `{ 2024 = 30,2027 = 45 }` is two keys, not a decimal comma.
            let is_key = after < line.end && bytes[after] == b'=';
            if end > whole + 1 && !is_key {
                let written = text[start..end].trim_end();
                let fixed = written.replace(' ', "").replace(',', ".");
                return Some(
                    Diagnostic::error(format!(
                        "`{written}` is not a number: numbers in the plan's files take a decimal point, not a comma"
                    ))
                    .code(codes::TOML_SYNTAX)
                    .at(Span::new(file, start..start + written.len()))
                    .label("decimal comma")
                    .hint(format!("write decimals with a point: {fixed}")),
                );
            }
        }
        i += 1;
    }
    None
}

/// `value = 1 690` or `{ MB = 12 500 }`: a number written with spaces between its
/// thousands, as Lithuanian text writes it; TOML takes it for an unquoted text.
fn spaced_number(file: FileId, at: usize, text: &str) -> Option<Diagnostic> {
    let line = line_of(text, at);
    let content = without_comment(&text[line.clone()]);
    let mut offset = 0;
    for part in content.split_inclusive('=').skip(1) {
        offset += content[offset..].find(part)?;
        let value = part.split([',', '}', ']', '=']).next().unwrap_or(part);
        let written = value.trim();
        let groups: Vec<&str> = written.trim_start_matches(['-', '+']).split(' ').collect();
        let (last, whole) = groups.split_last()?;
        let last = last.split_once('.').map_or(*last, |(digits, _)| digits);
        let grouped = groups.len() > 1
            && (1..=3).contains(&groups[0].len())
            && whole
                .iter()
                .chain([&last])
                .all(|g| g.bytes().all(|b| b.is_ascii_digit()))
            && whole[1..].iter().chain([&last]).all(|g| g.len() == 3);
        if grouped {
            let start = line.start + offset + (value.len() - value.trim_start().len());
            let fixed = written.replace(' ', "");
            return Some(
                Diagnostic::error(format!(
                    "`{written}` is not a number: numbers in the plan's files are written without spaces"
                ))
                .code(codes::TOML_SYNTAX)
                .at(Span::new(file, start..start + written.len()))
                .label("spaces between the thousands")
                .hint(format!("write {fixed}")),
            );
        }
        offset += part.len();
    }
    None
}

/// `baseline = { year = 2021, value = 20` with no `}`, or `period = [2022, 2025` with no `]`:
/// TOML only notices on the next line, so the problem is placed where the `}` or `]` is
/// missing, with the `{` or `[` it would close.
fn open_table(file: FileId, at: usize, text: &str) -> Option<Diagnostic> {
    let line = line_of(text, at);
    if !text[line.start..at].trim().is_empty() {
        return None;
    }
    let mut end = line.start;
    let previous = loop {
        if end == 0 {
            return None;
        }
        let previous = line_of(text, end - 1);
        let content = without_comment(&text[previous.clone()]);
        if !content.trim().is_empty() {
            break previous.start..previous.start + content.trim_end().len();
        }
        end = previous.start;
    };
    let content = &text[previous.clone()];
    // A line ending in `,`, `{` or `[` goes on as a table or a list over several lines, as
    // TOML allows.
    if content.ends_with(',') || content.ends_with('{') || content.ends_with('[') {
        return None;
    }
    let (open, bracket) = unclosed_bracket(content)?;
    let (what, close) = if bracket == '{' {
        ("the inline table `{ … }`", '}')
    } else {
        ("the list `[ … ]`", ']')
    };
    Some(
        Diagnostic::error(format!("{what} on this line has no closing `{close}`"))
            .code(codes::TOML_SYNTAX)
            .at(Span::new(file, previous.end - 1..previous.end))
            .label(format!("`{close}` missing here"))
            .related(
                Span::new(file, previous.start + open..previous.start + open + 1),
                "opened here",
            )
            .hint(format!(
                "end it with `{close}` on the same line: `{}{}{close}`",
                content.trim(),
                // An inline table's braces are spaced, a list's brackets are not.
                if close == '}' { " " } else { "" },
            )),
    )
}

/// A line without its `# comment` (a `#` inside quotes is text).
fn without_comment(line: &str) -> &str {
    let mut quote = None;
    for (i, c) in line.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (None, '#') => return &line[..i],
            _ => {}
        }
    }
    line
}

/// Where the last `{` or `[` that the line does not close is (outside quotes), and which.
fn unclosed_bracket(line: &str) -> Option<(usize, char)> {
    let mut quote = None;
    let mut open = Vec::new();
    for (i, c) in line.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (None, '{' | '[') => open.push((i, c)),
            (None, '}' | ']') => {
                open.pop();
            }
            _ => {}
        }
    }
    open.pop()
}

/// `title = Patogus miestas`, `contributes = [NPP-6.2]`: a text without its quotes. TOML
/// says so only for some words: others it takes for a misspelt `nan` ("invalid float") or,
/// after a comma, for a second value. A value starting with a letter can only be text (but
/// for `true`, `false`, `inf` and `nan`), whatever TOML stumbled on in it.
fn unquoted_text(file: FileId, message: &str, at: usize, text: &str) -> Option<Diagnostic> {
    // A line of words alone (TOML: "key with no value") is not a value: see `no_equals`.
    if message.starts_with("key with no value") {
        return None;
    }
    let line = line_of(text, at.min(text.len()));
    let content = &text[line.clone()];
    if header(content).is_some() {
        return None;
    }
    let at = at.clamp(line.start, line.end);
    let before = &text[line.start..at];
    // In a list or inline table (`[ACA, MB]`, or a list's own line) a text ends at the next
    // `,`, `]` or `}`; a key's value runs to the line's end.
    let in_list = before.matches(['[', '{']).count() > before.matches([']', '}']).count()
        || !content.contains('=');
    let start = if in_list {
        line.start + before.rfind(['[', '{', ',', '=']).map_or(0, |i| i + 1)
    } else {
        line.start + content.find('=')? + 1
    };
    let rest = without_comment(&text[start..line.end]);
    let rest = if in_list {
        rest.split([',', ']', '}']).next().unwrap_or(rest)
    } else {
        rest
    };
    let start = start + (rest.len() - rest.trim_start().len());
    let value = rest.trim();
    let end = start + value.len();
    // “Patogus miestas” or „Patogus miestas“, as a word processor writes quotes.
    const CURLY: [char; 7] = ['“', '”', '„', '«', '»', '‘', '’'];
    if value.starts_with(CURLY) {
        let inner = value.trim_matches(CURLY).trim();
        let quoted = format!("\"{}\"", inner.replace('\\', "\\\\").replace('"', "\\\""));
        return Some(
            Diagnostic::error("this text is in typographic quotes, which TOML does not read as quotes")
                .code(codes::TOML_SYNTAX)
                .at(Span::new(file, start..end))
                .label(format!("write {quoted}"))
                .hint("a text in the plan's files goes between straight quotes, `\"…\"` (a word processor may change them as you type); typographic quotes may stand inside it, `\"Projektas „Žalias miestas“\"`"),
        );
    }
    let starts_with_letter = value.chars().next().is_some_and(char::is_alphabetic);
    if !starts_with_letter || ["true", "false", "inf", "nan"].contains(&value) || at > end {
        return None;
    }
    // "Taip" and "ne" are what a Lithuanian writes for yes and no.
    let meant = match value.to_lowercase().as_str() {
        "taip" | "yes" => Some("true"),
        "ne" | "no" => Some("false"),
        _ => crate::suggest::closest(value, ["true", "false"]),
    };
    if let Some(meant) = meant {
        return Some(
            Diagnostic::error(format!("`{value}` is neither `true` nor `false`"))
                .code(codes::TOML_SYNTAX)
                .at(Span::new(file, start..end))
                .label(format!("did you mean `{meant}`?")),
        );
    }
    let quoted = format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""));
    Some(
        Diagnostic::error("this text has no quotes")
            .code(codes::TOML_SYNTAX)
            .at(Span::new(file, start..end))
            .label(format!("write {quoted}"))
            .hint("a text goes between quotes, `\"…\"`; numbers, `true`, `false` and dates go without"),
    )
}

/// `title "Patogus miestas"`: a key and its value without the `=` between them; or a key
/// with a space in it (`ti tle = …`), or words alone on a line.
fn no_equals(file: FileId, message: &str, at: usize, text: &str) -> Option<Diagnostic> {
    if !message.starts_with("key with no value") {
        return None;
    }
    let line = line_of(text, at.min(text.len()));
    let start = at.clamp(line.start, line.end);
    let key = text[line.start..start].trim();
    if key.is_empty() || key.starts_with('[') {
        return None;
    }
    let key_at = line.start + text[line.start..start].find(key)?;
    // `ti tle = …`: the `=` is there, after a key with a space in it.
    let rest = &text[start..line.end];
    if let Some(eq) = rest
        .find('=')
        .filter(|&eq| !rest[..eq].contains(['"', '\'']))
    {
        let written = text[key_at..start + eq].trim_end();
        return Some(
            Diagnostic::error(format!("the key `{written}` has a space in it"))
                .code(codes::TOML_SYNTAX)
                .at(Span::new(file, key_at..key_at + written.len()))
                .label("a key is one word")
                .hint("keys are written as the reference lists them, their words joined by `-`: `title-genitive`"),
        );
    }
    // `Patogus susisiekimas`: words alone on a line, not a key and a value.
    let value = rest.trim_start();
    if !value.starts_with(['"', '\'', '[', '{']) && !value.starts_with(|c: char| c.is_ascii_digit())
    {
        let end = line.start + without_comment(&text[line.clone()]).trim_end().len();
        return Some(
            Diagnostic::error("this line is neither `key = value` nor a `[table]` header")
                .code(codes::TOML_SYNTAX)
                .at(Span::new(file, key_at..end.max(key_at + key.len())))
                .label("a text of its own")
                .hint("a text goes in a key's value, between quotes (`title = \"…\"`), or after `#` as a comment"),
        );
    }
    Some(
        Diagnostic::error(format!("the key `{key}` has no `=` after it"))
            .code(codes::TOML_SYNTAX)
            .at(Span::new(file, key_at..key_at + key.len()))
            .label(format!("write `{key} = …`"))
            .hint("each line of a table is a key, `=` and its value: `title = \"…\"`"),
    )
}

/// `title = "Parkavimas` with no closing quote.
fn open_string(file: FileId, message: &str, at: usize, text: &str) -> Option<Diagnostic> {
    let quote = if message.starts_with("invalid basic string") {
        '"'
    } else if message.starts_with("invalid literal string") {
        '\''
    } else {
        return None;
    };
    // TOML places the error at the line's end, which may be its line break.
    let line = line_of(text, at.min(text.len()));
    let content = &text[line.clone()];
    let mut open = None;
    let mut chars = content.char_indices();
    while let Some((i, c)) = chars.next() {
        if c == '\\' && quote == '"' && open.is_some() {
            chars.next();
        } else if c == quote {
            open = if open.is_some() { None } else { Some(i) };
        }
    }
    let open = open?;
    let end = line.start + content.trim_end().len();
    Some(
        Diagnostic::error(format!("this text has no closing `{quote}`"))
            .code(codes::TOML_SYNTAX)
            .at(Span::new(file, line.start + open..end))
            .label(format!("the text starts here and needs a `{quote}` at its end"))
            .hint(format!(
                "end the text with `{quote}` on the same line; a text over several lines goes between three quotes: `{quote}{quote}{quote}` … `{quote}{quote}{quote}`"
            )),
    )
}
