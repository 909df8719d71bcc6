//! `@annexes`: the plan's annexes, each "1 priedas. <title>", as the PDF lists them.

use super::{Context, Titles};
use crate::writers::docx::body::Writer;
use crate::writers::docx::xml::Look;

/// As the PDF sets them: left-aligned, a long title's next lines under its first word
/// (1.5 em of 10.5 pt, in twentieths of a point).
const HANGING: &str = "<w:ind w:left=\"315\" w:hanging=\"315\"/><w:jc w:val=\"left\"/>";

pub(super) fn write(writer: &mut Writer, cx: &Context) {
    let entry = Titles::of(writer.language).get("annex-entry");
    for annex in &cx.data.annexes {
        let line = entry
            .replace("{number}", &annex.number.to_string())
            .replace("{title}", &annex.title);
        let runs = writer.fresh_runs(&line, Look::default());
        writer.paragraph(None, HANGING, &runs);
    }
}
