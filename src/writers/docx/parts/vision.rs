//! `@vision`: the vision statement (and the mission beside it), its explanation, and the
//! indicators that tell whether it comes nearer.

use super::{Context, Titles};
use crate::writers::docx::body::Writer;
use crate::writers::docx::xml::Look;

pub(super) fn write<'a>(writer: &mut Writer<'a>, cx: &Context<'a>) {
    let vision = &cx.data.vision;
    let bold = Look {
        bold: true,
        ..Look::default()
    };
    let statement = writer.runs(&vision.statement, bold);
    writer.paragraph(Some("Vision"), "", &statement);
    if let Some(mission) = &vision.mission {
        let words = Titles::of(writer.language);
        let label = writer.runs(&words.get("mission").to_uppercase(), bold);
        writer.paragraph(Some("Mission"), "<w:keepNext/>", &label);
        let mission = writer.runs(mission, Look::default());
        writer.paragraph(Some("Mission"), "", &mission);
    }
    if let Some(doc) = vision.text.as_deref().and_then(|key| cx.texts.get(key)) {
        writer.text(doc);
    }
    if !vision.indicators.is_empty() {
        let words = Titles::of(writer.language);
        let label = writer.runs(words.get("vision-indicators"), bold);
        writer.paragraph(None, "<w:keepNext/>", &label);
        let anchor = cx.data.document.anchors.indicators == Some("vision");
        super::indicators::table(writer, &cx.data.plan.milestones, &vision.indicators, anchor);
    }
}
