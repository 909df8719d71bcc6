//! The fixed parts of a Word package (content types, relationships, styles, numbering,
//! settings, footer, properties) and the zip that holds them. Everything is written in one
//! order with fixed dates and no random ids, so identical input gives identical bytes.

use std::io::Write;

use super::xml::escape;
use crate::model::Language;

/// The main namespaces every part declares.
pub(super) const NAMESPACES: &str = concat!(
    r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" "#,
    r#"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" "#,
    r#"xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" "#,
    r#"xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" "#,
    r#"xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture""#
);

const HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/// A4 and the PDF's margins (templates/document.typ: 2.2 cm across, 2.4 cm top and
/// bottom), in twentieths of a point.
const PAGE_WIDTH: u32 = 11_906;
const PAGE_HEIGHT: u32 = 16_838;
const MARGIN_X: u32 = 1_247;
const MARGIN_Y: u32 = 1_361;

/// The page: its size (portrait) and margins, in twentieths of a point. The PDF's by
/// default; a plan's reference document may give its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Page {
    pub width: u32,
    pub height: u32,
    pub top: u32,
    pub right: u32,
    pub bottom: u32,
    pub left: u32,
    pub header: u32,
    pub footer: u32,
}

impl Default for Page {
    fn default() -> Page {
        Page {
            width: PAGE_WIDTH,
            height: PAGE_HEIGHT,
            top: MARGIN_Y,
            right: MARGIN_X,
            bottom: MARGIN_Y,
            left: MARGIN_X,
            header: 567,
            footer: 567,
        }
    }
}

impl Page {
    /// An act's page (the municipal document rules, templates/document.typ): margins left
    /// 30 mm, right 15 mm, top and bottom 20 mm; the header (its page number) 10 mm from
    /// the top.
    pub(super) fn act() -> Page {
        Page {
            top: 1_134,
            right: 850,
            bottom: 1_134,
            left: 1_701,
            ..Page::default()
        }
    }

    /// The landscape pages of the action plan and the measures' statuses, as the PDF's
    /// (templates/action-plan.typ): margins 1.5 cm across, 2.2 cm at the top, 2 cm at the
    /// bottom, for the table's many columns.
    pub(super) fn for_landscape_parts(&self) -> Page {
        Page {
            top: 1_247,
            right: 850,
            bottom: 1_134,
            left: 850,
            ..*self
        }
    }

    /// The text's width on a portrait or a landscape page.
    pub(super) fn text_width(&self, landscape: bool) -> u32 {
        let width = if landscape { self.height } else { self.width };
        width.saturating_sub(self.left + self.right).max(1_440)
    }

    /// The text's width in EMU (635 a twentieth of a point): the widest a picture is set.
    pub(super) fn text_width_emu(&self) -> u64 {
        u64::from(self.text_width(false)) * 635
    }

    /// `w:pgSz` and `w:pgMar` of a portrait or landscape section.
    fn xml(&self, landscape: bool) -> String {
        let size = if landscape {
            format!(
                "<w:pgSz w:w=\"{}\" w:h=\"{}\" w:orient=\"landscape\"/>",
                self.height, self.width
            )
        } else {
            format!("<w:pgSz w:w=\"{}\" w:h=\"{}\"/>", self.width, self.height)
        };
        format!(
            "{size}<w:pgMar w:top=\"{}\" w:right=\"{}\" w:bottom=\"{}\" w:left=\"{}\" w:header=\"{}\" w:footer=\"{}\" w:gutter=\"0\"/>",
            self.top, self.right, self.bottom, self.left, self.header, self.footer
        )
    }
}

/// A relationship of the main document to an external address or an embedded picture.
pub(super) enum Relation {
    Link(String),
    Image(String),
    /// The footer of an annex's pages (`footerN.xml`, N from 2), whose "N / T" counts the
    /// annex's own pages.
    Footer(usize),
}

/// The parts that depend on the document, gathered by the body writer.
pub(super) struct Package<'a> {
    pub title: &'a str,
    pub language: Language,
    /// The build date as `YYYY-MM-DDTHH:MM:SSZ` and as the zip's (year ≥ 1980).
    pub created: String,
    pub zip_time: zip::DateTime,
    pub body: String,
    pub footnotes: String,
    /// The plan's reference document: its styles, theme and page.
    pub reference: Option<super::reference::Reference>,
    /// `rId` numbers from [`FIRST_RELATION`], in order.
    pub relations: Vec<Relation>,
    /// Pictures, `media/imageN.ext`, in the order of their relations.
    pub media: Vec<(String, Vec<u8>)>,
    /// The first number of each ordered list, each a `w:num` of its own past the bullet one.
    pub ordered_lists: Vec<usize>,
    /// The page header's and footer's texts, as the PDF's: the plan's short title and the
    /// organisation; the version and date (with the commit stamp) beside the page number.
    pub header: (String, String),
    pub footer: String,
    /// The draft mark ("PROJEKTAS") at the head of every page of a draft, and across it.
    pub draft: Option<String>,
    /// An act: the page number alone at the top centre (not on a first page), no footer
    /// text, as the PDF's.
    pub act: bool,
    /// Each run of page numbers (the text, then each annex part): the bookmark at its end,
    /// whose page is its last, its last page's number in the PDF (shown until Word counts
    /// its own), and what its page numbers print before them (the annex of changes' "3-",
    /// as the PDF's "3-1", "3-2"). The first run's footer is `footer1.xml`, the N-th's
    /// `footerN.xml`.
    pub runs: Vec<Run>,
}

/// A run of page numbers: the bookmark at its end, its last page's number in the PDF, and
/// the words before each of its page numbers ("3-" in the annex of changes, else none).
pub(super) struct Run {
    pub end: String,
    pub last: usize,
    pub prefix: String,
}

/// The relations the fixed parts take: styles, numbering, settings, footnotes, footer,
/// header.
pub(super) const FIRST_RELATION: usize = 7;

impl Package<'_> {
    /// The `.docx` file.
    pub(super) fn zip(&self) -> Result<Vec<u8>, String> {
        let mut parts: Vec<(String, Vec<u8>)> = vec![
            ("_rels/.rels".into(), package_rels().into_bytes()),
            ("docProps/core.xml".into(), self.core().into_bytes()),
            ("docProps/app.xml".into(), app().into_bytes()),
            ("word/document.xml".into(), self.body.clone().into_bytes()),
            (
                "word/_rels/document.xml.rels".into(),
                self.document_rels().into_bytes(),
            ),
            ("word/styles.xml".into(), self.styles().into_bytes()),
            (
                "word/numbering.xml".into(),
                numbering(&self.ordered_lists).into_bytes(),
            ),
            (
                "word/settings.xml".into(),
                settings(self.language).into_bytes(),
            ),
            (
                "word/footnotes.xml".into(),
                self.footnotes.clone().into_bytes(),
            ),
            (
                "[Content_Types].xml".into(),
                content_types(self.runs.len(), self.theme()).into_bytes(),
            ),
            (
                "word/header1.xml".into(),
                if self.act {
                    act_header(self.draft.as_deref())
                } else {
                    header(&self.header, self.draft.as_deref())
                }
                .into_bytes(),
            ),
            (
                "word/header2.xml".into(),
                annex_header(self.draft.as_deref()).into_bytes(),
            ),
        ];
        if let Some(theme) = self.reference.as_ref().and_then(|r| r.theme.clone()) {
            parts.push(("word/theme/theme1.xml".into(), theme));
        }
        for (i, run) in self.runs.iter().enumerate() {
            parts.push((
                format!("word/footer{}.xml", i + 1),
                if self.act {
                    act_footer()
                } else {
                    footer(&self.footer, run)
                }
                .into_bytes(),
            ));
        }
        parts.extend(
            self.media
                .iter()
                .map(|(name, bytes)| (format!("word/media/{name}"), bytes.clone())),
        );
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .last_modified_time(self.zip_time)
            .unix_permissions(0o644);
        for (name, bytes) in &parts {
            zip.start_file(name.as_str(), options)
                .and_then(|()| zip.write_all(bytes).map_err(Into::into))
                .map_err(|e| format!("cannot write `{name}` into the Word file: {e}"))?;
        }
        zip.finish()
            .map(std::io::Cursor::into_inner)
            .map_err(|e| format!("cannot finish the Word file: {e}"))
    }

    /// The built-in styles, or the reference document's with the built-in ones it lacks.
    fn styles(&self) -> String {
        let built_in = styles(self.language, self.act);
        match &self.reference {
            Some(reference) => super::reference::merged(&reference.styles, &built_in),
            None => built_in,
        }
    }

    /// Whether the package holds the reference document's theme.
    fn theme(&self) -> bool {
        self.reference.as_ref().is_some_and(|r| r.theme.is_some())
    }

    fn core(&self) -> String {
        format!(
            "{HEAD}<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
             xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
             xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
             <dc:title>{}</dc:title><dc:creator>plan</dc:creator><dc:language>{}</dc:language>\
             <dcterms:created xsi:type=\"dcterms:W3CDTF\">{created}</dcterms:created>\
             <dcterms:modified xsi:type=\"dcterms:W3CDTF\">{created}</dcterms:modified>\
             </cp:coreProperties>",
            escape(self.title),
            lang(self.language),
            created = self.created,
        )
    }

    fn document_rels(&self) -> String {
        let mut out = format!(
            "{HEAD}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
             <Relationship Id=\"rId1\" Type=\"{R}/styles\" Target=\"styles.xml\"/>\
             <Relationship Id=\"rId2\" Type=\"{R}/numbering\" Target=\"numbering.xml\"/>\
             <Relationship Id=\"rId3\" Type=\"{R}/settings\" Target=\"settings.xml\"/>\
             <Relationship Id=\"rId4\" Type=\"{R}/footnotes\" Target=\"footnotes.xml\"/>\
             <Relationship Id=\"rId5\" Type=\"{R}/footer\" Target=\"footer1.xml\"/>\
             <Relationship Id=\"rId6\" Type=\"{R}/header\" Target=\"header1.xml\"/>\
             <Relationship Id=\"{ANNEX_HEADER}\" Type=\"{R}/header\" Target=\"header2.xml\"/>",
            R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        );
        if self.theme() {
            // An id of its own past every numbered relation.
            out.push_str("<Relationship Id=\"rIdTheme\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme\" Target=\"theme/theme1.xml\"/>");
        }
        for (i, relation) in self.relations.iter().enumerate() {
            let id = FIRST_RELATION + i;
            match relation {
                Relation::Link(url) => out.push_str(&format!(
                    "<Relationship Id=\"rId{id}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink\" Target=\"{}\" TargetMode=\"External\"/>",
                    escape(url)
                )),
                Relation::Image(name) => out.push_str(&format!(
                    "<Relationship Id=\"rId{id}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" Target=\"media/{}\"/>",
                    escape(name)
                )),
                Relation::Footer(n) => out.push_str(&format!(
                    "<Relationship Id=\"rId{id}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" Target=\"footer{n}.xml\"/>"
                )),
            }
        }
        out.push_str("</Relationships>");
        out
    }
}

/// The language tag Word spell-checks with.
pub(super) fn lang(language: Language) -> &'static str {
    match language {
        Language::Lt => "lt-LT",
        Language::En => "en-GB",
    }
}

fn content_types(footers: usize, theme: bool) -> String {
    let main = "application/vnd.openxmlformats-officedocument.wordprocessingml";
    let mut footers: String = (2..=footers)
        .map(|n| {
            format!(
                "<Override PartName=\"/word/footer{n}.xml\" ContentType=\"{main}.footer+xml\"/>"
            )
        })
        .collect();
    if theme {
        footers.push_str("<Override PartName=\"/word/theme/theme1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.theme+xml\"/>");
    }
    format!(
        "{HEAD}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
         <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
         <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
         <Default Extension=\"png\" ContentType=\"image/png\"/>\
         <Default Extension=\"jpeg\" ContentType=\"image/jpeg\"/>\
         <Default Extension=\"svg\" ContentType=\"image/svg+xml\"/>\
         <Override PartName=\"/word/document.xml\" ContentType=\"{main}.document.main+xml\"/>\
         <Override PartName=\"/word/styles.xml\" ContentType=\"{main}.styles+xml\"/>\
         <Override PartName=\"/word/numbering.xml\" ContentType=\"{main}.numbering+xml\"/>\
         <Override PartName=\"/word/settings.xml\" ContentType=\"{main}.settings+xml\"/>\
         <Override PartName=\"/word/footnotes.xml\" ContentType=\"{main}.footnotes+xml\"/>\
         <Override PartName=\"/word/footer1.xml\" ContentType=\"{main}.footer+xml\"/>{footers}\
         <Override PartName=\"/word/header1.xml\" ContentType=\"{main}.header+xml\"/>\
         <Override PartName=\"/word/header2.xml\" ContentType=\"{main}.header+xml\"/>\
         <Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\
         <Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>\
         </Types>"
    )
}

fn package_rels() -> String {
    format!(
        "{HEAD}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
         <Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>\
         <Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
         <Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/>\
         </Relationships>"
    )
}

fn app() -> String {
    format!(
        "{HEAD}<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">\
         <Application>plan {}</Application></Properties>",
        env!("CARGO_PKG_VERSION")
    )
}

/// The styles: the PDF's fonts (Noto Serif for text, Noto Sans for headings, captions and
/// tables), the plan's language, Word's built-in heading styles; an act's marks as an
/// act's.
fn styles(language: Language, act: bool) -> String {
    let mut out = format!(
        "{HEAD}<w:styles {NAMESPACES}><w:docDefaults><w:rPrDefault><w:rPr>\
         <w:rFonts w:ascii=\"Noto Serif\" w:hAnsi=\"Noto Serif\" w:cs=\"Noto Serif\" w:eastAsia=\"Noto Serif\"/>\
         <w:sz w:val=\"21\"/><w:szCs w:val=\"21\"/><w:lang w:val=\"{lang}\" w:eastAsia=\"{lang}\" w:bidi=\"{lang}\"/>\
         </w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after=\"120\" w:line=\"264\" w:lineRule=\"auto\"/>\
         </w:pPr></w:pPrDefault></w:docDefaults>\
         <w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/>\
         <w:pPr><w:jc w:val=\"both\"/></w:pPr></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/><w:basedOn w:val=\"Normal\"/><w:qFormat/>\
         <w:pPr><w:spacing w:after=\"240\"/><w:jc w:val=\"center\"/></w:pPr><w:rPr>{SANS}<w:b/><w:color w:val=\"1F4E79\"/><w:sz w:val=\"42\"/><w:szCs w:val=\"42\"/></w:rPr></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"ApprovalMark\"><w:name w:val=\"Approval Mark\"/><w:basedOn w:val=\"Normal\"/>\
         <w:pPr><w:spacing w:after=\"480\" w:line=\"240\" w:lineRule=\"auto\"/><w:ind w:left=\"5046\"/><w:jc w:val=\"left\"/></w:pPr>{mark}</w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"AnnexMark\"><w:name w:val=\"Annex Mark\"/><w:basedOn w:val=\"ApprovalMark\"/>\
         <w:pPr><w:spacing w:after=\"240\"/></w:pPr><w:rPr>{SANS}<w:sz w:val=\"17\"/><w:szCs w:val=\"17\"/></w:rPr></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"ProjectMark\"><w:name w:val=\"Project Mark\"/><w:basedOn w:val=\"Normal\"/>\
         <w:pPr><w:spacing w:after=\"120\"/><w:jc w:val=\"right\"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"ActTitle\"><w:name w:val=\"Act Title\"/><w:basedOn w:val=\"Normal\"/><w:qFormat/>\
         <w:pPr><w:spacing w:before=\"480\" w:after=\"120\"/><w:ind w:left=\"468\" w:right=\"468\"/><w:jc w:val=\"center\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/></w:rPr></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"AnnexTitle\"><w:name w:val=\"Annex Title\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/>\
         <w:pPr><w:keepNext/><w:spacing w:before=\"120\" w:after=\"240\"/><w:jc w:val=\"center\"/><w:outlineLvl w:val=\"0\"/></w:pPr><w:rPr><w:b/><w:caps/><w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/></w:rPr></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"ActFacts\"><w:name w:val=\"Act Facts\"/><w:basedOn w:val=\"Normal\"/>\
         <w:pPr><w:spacing w:after=\"480\"/><w:jc w:val=\"center\"/></w:pPr><w:rPr><w:sz w:val=\"19\"/><w:szCs w:val=\"19\"/></w:rPr></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"Subtitle\"><w:name w:val=\"Subtitle\"/><w:basedOn w:val=\"Normal\"/><w:qFormat/>\
         <w:pPr><w:spacing w:after=\"60\"/><w:jc w:val=\"center\"/></w:pPr><w:rPr>{SANS}<w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/></w:rPr></w:style>",
        lang = lang(language),
        SANS = SANS,
        // An act's approval mark is in the text's type, a publication's title page's in
        // the sans at 9.5 pt, as the PDF's.
        mark = if act {
            String::new()
        } else {
            format!("<w:rPr>{SANS}<w:sz w:val=\"19\"/><w:szCs w:val=\"19\"/></w:rPr>")
        },
    );
    for (level, size) in [(1, 32), (2, 26), (3, 23), (4, 21), (5, 21), (6, 21)] {
        out.push_str(&format!(
            "<w:style w:type=\"paragraph\" w:styleId=\"Heading{level}\"><w:name w:val=\"heading {level}\"/>\
             <w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:uiPriority w:val=\"9\"/><w:qFormat/>\
             <w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before=\"{}\" w:after=\"120\"/><w:jc w:val=\"left\"/>\
             <w:outlineLvl w:val=\"{}\"/></w:pPr><w:rPr>{SANS}<w:b/><w:sz w:val=\"{size}\"/><w:szCs w:val=\"{size}\"/></w:rPr></w:style>",
            if level == 1 { 360 } else { 240 },
            level - 1,
        ));
    }
    out.push_str(&format!(
        "<w:style w:type=\"paragraph\" w:styleId=\"TOCHeading\"><w:name w:val=\"TOC Heading\"/><w:basedOn w:val=\"Normal\"/>\
         <w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before=\"360\" w:after=\"240\"/><w:jc w:val=\"left\"/></w:pPr>\
         <w:rPr>{SANS}<w:b/><w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/></w:rPr></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"TOC1\"><w:name w:val=\"toc 1\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/>\
         <w:pPr><w:spacing w:before=\"120\" w:after=\"40\"/><w:jc w:val=\"left\"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"TOC2\"><w:name w:val=\"toc 2\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/>\
         <w:pPr><w:spacing w:after=\"40\"/><w:ind w:left=\"284\"/><w:jc w:val=\"left\"/></w:pPr></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"TOC3\"><w:name w:val=\"toc 3\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/>\
         <w:pPr><w:spacing w:after=\"40\"/><w:ind w:left=\"567\"/><w:jc w:val=\"left\"/></w:pPr></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"Caption\"><w:name w:val=\"caption\"/><w:basedOn w:val=\"Normal\"/>\
         <w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:spacing w:before=\"120\" w:after=\"120\"/><w:jc w:val=\"center\"/></w:pPr>\
         <w:rPr>{SANS}<w:sz w:val=\"19\"/><w:szCs w:val=\"19\"/></w:rPr></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"Source\"><w:name w:val=\"Source\"/><w:basedOn w:val=\"Normal\"/>\
         <w:pPr><w:spacing w:before=\"60\" w:after=\"200\"/><w:jc w:val=\"left\"/></w:pPr>\
         <w:rPr>{SANS}<w:color w:val=\"5A5A5A\"/><w:sz w:val=\"16\"/><w:szCs w:val=\"16\"/></w:rPr></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"TableText\"><w:name w:val=\"Table Text\"/><w:basedOn w:val=\"Normal\"/>\
         <w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/><w:jc w:val=\"left\"/></w:pPr>\
         <w:rPr>{SANS}<w:sz w:val=\"17\"/><w:szCs w:val=\"17\"/></w:rPr></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"TableTextSmall\"><w:name w:val=\"Table Text Small\"/><w:basedOn w:val=\"TableText\"/>\
         <w:rPr><w:sz w:val=\"15\"/><w:szCs w:val=\"15\"/></w:rPr></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"TableTextSmaller\"><w:name w:val=\"Table Text Smaller\"/><w:basedOn w:val=\"TableText\"/>\
         <w:rPr><w:sz w:val=\"13\"/><w:szCs w:val=\"13\"/></w:rPr></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"Quote\"><w:name w:val=\"Quote\"/><w:basedOn w:val=\"Normal\"/><w:qFormat/>\
         <w:pPr><w:ind w:left=\"567\" w:right=\"567\"/></w:pPr><w:rPr><w:i/></w:rPr></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"ListParagraph\"><w:name w:val=\"List Paragraph\"/><w:basedOn w:val=\"Normal\"/>\
         <w:pPr><w:spacing w:after=\"60\"/></w:pPr></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"Code\"><w:name w:val=\"Code\"/><w:basedOn w:val=\"Normal\"/>\
         <w:pPr><w:ind w:left=\"284\"/><w:jc w:val=\"left\"/></w:pPr><w:rPr>{MONO}<w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/></w:rPr></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"FootnoteText\"><w:name w:val=\"footnote text\"/><w:basedOn w:val=\"Normal\"/>\
         <w:pPr><w:spacing w:after=\"0\"/></w:pPr><w:rPr><w:sz w:val=\"17\"/><w:szCs w:val=\"17\"/></w:rPr></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"Footer\"><w:name w:val=\"footer\"/><w:basedOn w:val=\"Normal\"/>\
         <w:pPr><w:tabs><w:tab w:val=\"right\" w:pos=\"{TEXT}\"/></w:tabs><w:spacing w:after=\"0\"/><w:jc w:val=\"left\"/></w:pPr>\
         <w:rPr>{SANS}<w:color w:val=\"5A5A5A\"/><w:sz w:val=\"16\"/><w:szCs w:val=\"16\"/></w:rPr></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"Header\"><w:name w:val=\"header\"/><w:basedOn w:val=\"Footer\"/>\
         <w:pPr><w:pBdr><w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"1\" w:color=\"808080\"/></w:pBdr></w:pPr></w:style>\
         <w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\"><w:name w:val=\"Default Paragraph Font\"/></w:style>\
         <w:style w:type=\"character\" w:styleId=\"FootnoteReference\"><w:name w:val=\"footnote reference\"/><w:rPr><w:vertAlign w:val=\"superscript\"/></w:rPr></w:style>\
         <w:style w:type=\"character\" w:styleId=\"Hyperlink\"><w:name w:val=\"Hyperlink\"/><w:rPr><w:color w:val=\"1F4E79\"/></w:rPr></w:style>\
         <w:style w:type=\"character\" w:styleId=\"CodeChar\"><w:name w:val=\"Code Char\"/><w:rPr>{MONO}<w:sz w:val=\"18\"/></w:rPr></w:style>\
         <w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/>\
         <w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>\
         <w:style w:type=\"table\" w:styleId=\"TableGrid\"><w:name w:val=\"Table Grid\"/><w:basedOn w:val=\"TableNormal\"/><w:tblPr><w:tblBorders>\
         <w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"808080\"/><w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"808080\"/>\
         <w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"808080\"/><w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"808080\"/>\
         <w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"808080\"/><w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"808080\"/>\
         </w:tblBorders><w:tblCellMar><w:top w:w=\"40\" w:type=\"dxa\"/><w:bottom w:w=\"40\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>",
        TEXT = PAGE_WIDTH - 2 * MARGIN_X
    ));
    out.push_str(&super::parts::styles());
    out.push_str("</w:styles>");
    out
}

pub(super) const SANS: &str =
    "<w:rFonts w:ascii=\"Noto Sans\" w:hAnsi=\"Noto Sans\" w:cs=\"Noto Sans\"/>";
const MONO: &str =
    "<w:rFonts w:ascii=\"Noto Sans Mono\" w:hAnsi=\"Noto Sans Mono\" w:cs=\"Noto Sans Mono\"/>";

/// The bullet list (`w:num` 1) and one numbered list definition, each ordered list a
/// `w:num` of its own (2, 3, …) so that it starts at its own first number.
fn numbering(ordered: &[usize]) -> String {
    let mut out = format!("{HEAD}<w:numbering {NAMESPACES}>");
    let bullets = ['•', '–', '◦'];
    out.push_str(
        "<w:abstractNum w:abstractNumId=\"0\"><w:multiLevelType w:val=\"hybridMultilevel\"/>",
    );
    for level in 0..9 {
        out.push_str(&format!(
            "<w:lvl w:ilvl=\"{level}\"><w:start w:val=\"1\"/><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"{}\"/>\
             <w:lvlJc w:val=\"left\"/><w:pPr><w:ind w:left=\"{}\" w:hanging=\"284\"/></w:pPr></w:lvl>",
            bullets[level % 3],
            567 + 426 * level
        ));
    }
    out.push_str("</w:abstractNum><w:abstractNum w:abstractNumId=\"1\"><w:multiLevelType w:val=\"hybridMultilevel\"/>");
    for level in 0..9 {
        let format = ["decimal", "lowerLetter", "lowerRoman"][level % 3];
        out.push_str(&format!(
            "<w:lvl w:ilvl=\"{level}\"><w:start w:val=\"1\"/><w:numFmt w:val=\"{format}\"/><w:lvlText w:val=\"%{}.\"/>\
             <w:lvlJc w:val=\"left\"/><w:pPr><w:ind w:left=\"{}\" w:hanging=\"426\"/></w:pPr></w:lvl>",
            level + 1,
            567 + 426 * level
        ));
    }
    out.push_str("</w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>");
    for (n, start) in ordered.iter().enumerate() {
        out.push_str(&format!(
            "<w:num w:numId=\"{}\"><w:abstractNumId w:val=\"1\"/><w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"{start}\"/></w:lvlOverride></w:num>",
            n + 2
        ));
    }
    out.push_str("</w:numbering>");
    out
}

fn settings(language: Language) -> String {
    format!(
        "{HEAD}<w:settings {NAMESPACES}><w:defaultTabStop w:val=\"709\"/><w:autoHyphenation/>\
         <w:hyphenationZone w:val=\"357\"/><w:characterSpacingControl w:val=\"doNotCompress\"/>\
         <w:footnotePr><w:footnote w:id=\"-1\"/><w:footnote w:id=\"0\"/></w:footnotePr>\
         <w:compat><w:compatSetting w:name=\"compatibilityMode\" \
         w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat><w:themeFontLang w:val=\"{}\"/></w:settings>",
        lang(language)
    )
}

/// The footer, as the PDF's: the version and date on the left, "N / T" on the right: the
/// page's number (after the run's prefix: "3-1" in the annex of changes), and the number
/// of the page the bookmark at the run's end is on (the last of its run of page numbers:
/// the text's, or an annex's), as fields.
fn footer(left: &str, run: &Run) -> String {
    let Run { end, last, prefix } = run;
    let field = |instruction: &str, shown: &str| {
        format!(
            "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> {instruction} </w:instrText></w:r>\
             <w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>{shown}</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
        )
    };
    format!(
        "{HEAD}<w:ftr {NAMESPACES}><w:p><w:pPr><w:pStyle w:val=\"Footer\"/></w:pPr>{}<w:r><w:tab/></w:r>\
         {}{}<w:r><w:t xml:space=\"preserve\"> / </w:t></w:r>{}</w:p></w:ftr>",
        super::xml::run(left, super::xml::Look::default()),
        super::xml::run(prefix, super::xml::Look::default()),
        field("PAGE", "1"),
        field(&format!("PAGEREF {end}"), &last.to_string()),
    )
}

/// The page header, as the PDF's: the plan's short title on the left, the organisation on
/// the right, a rule under them; a draft's mark across the page as a watermark (Word's own
/// kind: a text shape anchored in the header, behind the text, in light grey, as the
/// PDF's), not in the header's text, which the PDF's does not have either.
fn header((left, right): &(String, String), draft: Option<&str>) -> String {
    use super::xml::{Look, run};
    let watermark = watermark(draft, "PlanDraftMark");
    format!(
        "{HEAD}<w:hdr {NAMESPACES} {VML}><w:p><w:pPr><w:pStyle w:val=\"Header\"/></w:pPr>{watermark}{}<w:r><w:tab/></w:r>{}</w:p></w:hdr>",
        run(left, Look::default()),
        run(right, Look::default())
    )
}

/// An act's page header: the page's number alone, in the middle, Arabic, without dots or
/// dashes (a section's first page, the act's and each annex's, has the empty first-page
/// header instead); a draft's watermark.
fn act_header(draft: Option<&str>) -> String {
    format!(
        "{HEAD}<w:hdr {NAMESPACES} {VML}><w:p><w:pPr><w:pStyle w:val=\"Header\"/><w:pBdr><w:bottom w:val=\"nil\"/></w:pBdr><w:jc w:val=\"center\"/></w:pPr>{}\
         <w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>\
         <w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>2</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p></w:hdr>",
        watermark(draft, "PlanDraftMark")
    )
}

/// An act's footer: empty (an act prints neither version nor date at the foot).
fn act_footer() -> String {
    format!(
        "{HEAD}<w:ftr {NAMESPACES}><w:p><w:pPr><w:pStyle w:val=\"Footer\"/></w:pPr></w:p></w:ftr>"
    )
}

/// A draft's mark across the page, behind the text: Word's own watermark, a text shape
/// anchored in a header.
fn watermark(draft: Option<&str>, id: &str) -> String {
    draft.map_or_else(String::new, |mark| {
        format!(
            "<w:r><w:pict><v:shapetype id=\"_x0000_t136\" coordsize=\"21600,21600\" o:spt=\"136\" adj=\"10800\" path=\"m@7,l@8,m@5,21600l@6,21600e\">\
             <v:path textpathok=\"t\" o:connecttype=\"custom\"/><v:textpath on=\"t\" fitshape=\"t\"/></v:shapetype>\
             <v:shape id=\"{id}\" o:spid=\"_x0000_s{}\" type=\"#_x0000_t136\" \
             style=\"position:absolute;margin-left:0;margin-top:0;width:470pt;height:110pt;rotation:315;z-index:-251657216;\
             mso-position-horizontal:center;mso-position-horizontal-relative:margin;mso-position-vertical:center;mso-position-vertical-relative:margin\" \
             o:allowincell=\"f\" fillcolor=\"#eeeeee\" stroked=\"f\"><v:fill opacity=\"1\"/>\
             <v:textpath style=\"font-family:&quot;Noto Sans&quot;;font-size:1pt;font-weight:bold\" string=\"{}\"/></v:shape></w:pict></w:r>",
            if id == "PlanDraftMark" { 1025 } else { 1026 },
            super::xml::escape(mark)
        )
    })
}

/// The header of an annex's first page, where its mark stands at the top of the text (as
/// the PDF's, which puts the mark in place of the running header there): empty, but for a
/// draft's watermark.
fn annex_header(draft: Option<&str>) -> String {
    format!(
        "{HEAD}<w:hdr {NAMESPACES} {VML}><w:p><w:pPr><w:pStyle w:val=\"Header\"/><w:pBdr><w:bottom w:val=\"nil\"/></w:pBdr></w:pPr>{}</w:p></w:hdr>",
        watermark(draft, "PlanDraftMarkAnnex")
    )
}

/// The relation of the annex's first-page header.
const ANNEX_HEADER: &str = "rIdAnnexHeader";

/// The namespaces of a VML shape (the draft's watermark).
const VML: &str = concat!(
    r#"xmlns:v="urn:schemas-microsoft-com:vml" "#,
    r#"xmlns:o="urn:schemas-microsoft-com:office:office""#
);

/// The footnotes part around the notes' XML: Word's separator notes first.
pub(super) fn footnotes(notes: &str) -> String {
    format!(
        "{HEAD}<w:footnotes {NAMESPACES}>\
         <w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>\
         <w:footnote w:type=\"continuationSeparator\" w:id=\"0\"><w:p><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>\
         {notes}</w:footnotes>"
    )
}

/// The main document part around the body's XML, which ends with the section `last`.
pub(super) fn document(body: &str, last: &Section) -> String {
    format!(
        "{HEAD}<w:document {NAMESPACES}><w:body>{body}{}</w:body></w:document>",
        section(last)
    )
}

/// The title page's section: no header or footer, no page number, as in the PDF.
pub(super) fn title_section(page: &Page) -> String {
    format!("<w:sectPr>{}</w:sectPr>", page.xml(false))
}

/// A section of pages: portrait or landscape (as the PDF's landscape pages), whether its
/// page numbers start at 1 (the first after the title page, an annex's first), and the
/// relation of its footer.
#[derive(Debug, Clone, Copy)]
pub(super) struct Section {
    pub landscape: bool,
    pub restart: bool,
    pub footer: usize,
    pub page: Page,
    /// An annex's first section: its first page has no running header (the mark stands
    /// there).
    pub annex_first: bool,
}

/// The relation of `footer1.xml`, the text's footer.
pub(super) const MAIN_FOOTER: usize = 5;

/// A section's properties: A4, portrait or landscape, with the PDF's margins, the header
/// and its footer with the page number, which goes on from the section before, or starts
/// at 1.
pub(super) fn section(section: &Section) -> String {
    let numbers = if section.restart {
        "<w:pgNumType w:start=\"1\"/>"
    } else {
        ""
    };
    let (first, title_page) = if section.annex_first {
        (
            format!(
                "<w:headerReference w:type=\"first\" r:id=\"{ANNEX_HEADER}\"/><w:footerReference w:type=\"first\" r:id=\"rId{}\"/>",
                section.footer
            ),
            "<w:titlePg/>",
        )
    } else {
        (String::new(), "")
    };
    format!(
        "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rId6\"/><w:footerReference w:type=\"default\" r:id=\"rId{}\"/>{first}\
         <w:footnotePr><w:numFmt w:val=\"decimal\"/></w:footnotePr>{}{numbers}{title_page}</w:sectPr>",
        section.footer,
        section.page.xml(section.landscape)
    )
}
