//! The paragraph styles the generated parts use beyond the chapters' (package.rs writes
//! them into styles.xml after those): named so that a municipality's reference document
//! can restyle them.

use crate::writers::docx::package::SANS;

/// The styles, as `<w:style>` elements.
pub(in crate::writers::docx) fn styles() -> String {
    format!(
        // The vision statement, large and centred in the accent colour, and the mission.
        "<w:style w:type=\"paragraph\" w:styleId=\"Vision\"><w:name w:val=\"Vision\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>\
         <w:pPr><w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"E8EEF5\"/><w:spacing w:before=\"240\" w:after=\"240\"/><w:ind w:left=\"680\" w:right=\"680\"/><w:jc w:val=\"center\"/></w:pPr>\
         <w:rPr>{SANS}<w:b/><w:color w:val=\"1F4E79\"/><w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/></w:rPr></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"Mission\"><w:name w:val=\"Mission\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/>\
         <w:pPr><w:spacing w:after=\"60\"/><w:ind w:left=\"680\" w:right=\"680\"/><w:jc w:val=\"center\"/></w:pPr>\
         <w:rPr>{SANS}<w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/></w:rPr></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"PartLabel\"><w:name w:val=\"Part Label\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/>\
         <w:pPr><w:keepNext/><w:spacing w:before=\"120\" w:after=\"60\"/><w:jc w:val=\"left\"/></w:pPr>\
         <w:rPr>{SANS}<w:b/><w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/></w:rPr></w:style>"
    ) + &format!(
        // @strategy: an item's fact lines (PartFact), an objective's title, a measure's
        // number and title (its number in a hanging column) and its text indented below;
        // @indicator-cards: the small gap between two cards (CardGap).
        "<w:style w:type=\"paragraph\" w:styleId=\"PartFact\"><w:name w:val=\"Part Fact\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/>\
         <w:pPr><w:keepNext/><w:spacing w:after=\"80\"/><w:jc w:val=\"left\"/></w:pPr>\
         <w:rPr>{SANS}<w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/></w:rPr></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"ObjectiveTitle\"><w:name w:val=\"Objective Title\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/>\
         <w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before=\"240\" w:after=\"120\"/><w:jc w:val=\"left\"/></w:pPr>\
         <w:rPr>{SANS}<w:b/><w:color w:val=\"1F4E79\"/></w:rPr></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"MeasureTitle\"><w:name w:val=\"Measure Title\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"MeasureText\"/>\
         <w:pPr><w:keepLines/><w:tabs><w:tab w:val=\"left\" w:pos=\"1020\"/></w:tabs><w:spacing w:before=\"100\" w:after=\"80\"/><w:ind w:left=\"1020\" w:hanging=\"1020\"/><w:jc w:val=\"left\"/></w:pPr></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"MeasureText\"><w:name w:val=\"Measure Text\"/><w:basedOn w:val=\"Normal\"/>\
         <w:pPr><w:ind w:left=\"1020\"/></w:pPr><w:rPr><w:sz w:val=\"19\"/><w:szCs w:val=\"19\"/></w:rPr></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"CardGap\"><w:name w:val=\"Card Gap\"/><w:basedOn w:val=\"Normal\"/>\
         <w:pPr><w:spacing w:after=\"0\" w:line=\"200\" w:lineRule=\"exact\"/></w:pPr><w:rPr><w:sz w:val=\"12\"/><w:szCs w:val=\"12\"/></w:rPr></w:style>"
    ) + &format!(
        // @action-plan, @funding and the report's parts: the line saying what the amounts
        // are in, and the method note; @list-of-figures and @list-of-tables: their entries.
        "<w:style w:type=\"paragraph\" w:styleId=\"PartNote\"><w:name w:val=\"Part Note\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/>\
         <w:pPr><w:spacing w:before=\"60\" w:after=\"120\"/><w:jc w:val=\"left\"/></w:pPr>\
         <w:rPr>{SANS}<w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/></w:rPr></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"TableofFigures\"><w:name w:val=\"table of figures\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/>\
         <w:pPr><w:tabs><w:tab w:val=\"right\" w:leader=\"dot\" w:pos=\"9412\"/></w:tabs><w:spacing w:after=\"60\"/><w:jc w:val=\"left\"/></w:pPr></w:style>"
    )
}
