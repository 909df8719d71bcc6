//! Small pieces of WordprocessingML: escaped text and runs with their character look.

/// Text escaped for XML content and attributes; characters XML 1.0 cannot hold (control
/// characters other than tab and line ends) are left out.
pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// How a run of characters looks: what emphasis, links and code around it ask for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Look {
    pub bold: bool,
    pub italic: bool,
    pub strike: bool,
    pub code: bool,
    pub link: bool,
    pub superscript: bool,
    /// Underlined: the words inserted, in the annex of changes.
    pub underline: bool,
}

impl Look {
    fn properties(self) -> String {
        let mut out = String::new();
        if self.code {
            out.push_str("<w:rStyle w:val=\"CodeChar\"/>");
        } else if self.link {
            out.push_str("<w:rStyle w:val=\"Hyperlink\"/>");
        } else if self.superscript {
            out.push_str("<w:rStyle w:val=\"FootnoteReference\"/>");
        }
        if self.bold {
            out.push_str("<w:b/><w:bCs/>");
        }
        if self.italic {
            out.push_str("<w:i/><w:iCs/>");
        }
        if self.strike {
            out.push_str("<w:strike/>");
        }
        if self.underline {
            out.push_str("<w:u w:val=\"single\"/>");
        }
        if out.is_empty() {
            out
        } else {
            format!("<w:rPr>{out}</w:rPr>")
        }
    }
}

/// A run of text; line ends within it become line breaks.
pub(super) fn run(text: &str, look: Look) -> String {
    if text.is_empty() {
        return String::new();
    }
    let mut out = format!("<w:r>{}", look.properties());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push_str("<w:br/>");
        }
        if !line.is_empty() {
            out.push_str(&format!(
                "<w:t xml:space=\"preserve\">{}</w:t>",
                escape(line)
            ));
        }
    }
    out.push_str("</w:r>");
    out
}

/// A run holding one element (a break, a footnote reference, a drawing).
pub(super) fn run_of(element: &str, look: Look) -> String {
    format!("<w:r>{}{element}</w:r>", look.properties())
}

/// A paragraph of a style (`None`: Normal) with extra paragraph properties.
pub(super) fn paragraph(style: Option<&str>, properties: &str, content: &str) -> String {
    let style = style.map_or_else(String::new, |s| format!("<w:pStyle w:val=\"{s}\"/>"));
    if style.is_empty() && properties.is_empty() {
        format!("<w:p>{content}</w:p>")
    } else {
        format!("<w:p><w:pPr>{style}{properties}</w:pPr>{content}</w:p>")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_control_characters_dropped() {
        assert_eq!(escape("a<b & \"c\"\u{1}"), "a&lt;b &amp; &quot;c&quot;");
        assert_eq!(
            run("x\ny", Look::default()),
            "<w:r><w:t xml:space=\"preserve\">x</w:t><w:br/><w:t xml:space=\"preserve\">y</w:t></w:r>"
        );
    }
}
