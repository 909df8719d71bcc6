//! What typst's PDF export cannot be told and an archive asks for: the Lithuanian
//! electronic-document metadata (PDF-LT level A: `LTUd:standardVersion`, `xmp:Identifier`,
//! `LTUd:authors` with the organisation's legal code), the approving decision's number and
//! date, and `/PageMode /UseOutlines` so that viewers open the bookmarks; and the page
//! labels typst cannot write ([`super::labels`]).
//!
//! typst (through krilla) writes the XMP stream and the catalog as the last two objects,
//! then a classic cross-reference table. Only those two objects are rewritten, in place, and
//! the table's two offsets and `startxref` after them: every byte before stays as it was, so
//! the document's ID (a hash of those bytes, in the trailer and the XMP) still holds and a
//! build stays byte-identical. The new properties are declared as PDF/A extension schemas,
//! as PDF/A-2 requires of any property outside its predefined schemas.

use super::labels::{self, Run};

/// What the archive metadata says of a document.
#[derive(Debug)]
pub(super) struct Facts<'a> {
    /// The author: the organisation, as `[plan] organisation`.
    pub organisation: &'a str,
    /// Its legal entity code, as `[plan] organisation-code`.
    pub organisation_code: Option<&'a str>,
    /// The approving decision's number and date (ISO 8601), once known.
    pub decision: Option<&'a str>,
    pub decision_date: Option<String>,
    /// The approving body, once the plan says it.
    pub approved_by: Option<&'a str>,
}

/// The PDF-LT specification this metadata follows, and its level ("A": the document's
/// metadata complete), named in `xmp:Identifier` under PDF-LT's scheme of levels.
const STANDARD_VERSION: &str = "PDF-LT-V1.0";
const LEVEL: &str = "A";
const LEVEL_SCHEME: &str = "http://archyvai.lt/pdf-ltud/2013/level/";
// Namespaces of PDF-LT's document schema and of its two types, a person or legal entity
// (`LTUdEnt`) and a registration (`LTUdReg`: the approving decision's number and date);
// and plan's own schema for the approving body, which PDF-LT has no property for.
const LTUD: &str = "http://archyvai.lt/pdf-ltud/2013/metadata/";
const LTUD_ENT: &str = "http://archyvai.lt/pdf-ltud/2013/metadata/Entity/";
const LTUD_REG: &str = "http://archyvai.lt/pdf-ltud/2013/metadata/Registration/";
const APPROVAL: &str = "urn:plan:approval:1.0#";
const XMPIDQ: &str = "http://ns.adobe.com/xmp/Identifier/qual/1.0/";

/// The PDF with its metadata completed, or why the PDF typst wrote is not laid out as
/// expected (then nothing is changed).
pub(super) fn complete(pdf: &[u8], facts: &Facts, runs: &[Run]) -> Result<Vec<u8>, String> {
    let tail = Tail::read(pdf)?;
    let meta = &pdf[tail.meta_at..tail.catalog_at];
    let catalog = &pdf[tail.catalog_at..tail.xref_at];

    let meta = rewrite_metadata(meta, facts)?;
    let catalog = with_page_mode(catalog)?;
    let catalog = with_page_labels(pdf, &tail, &catalog, runs)?;

    let mut out = Vec::with_capacity(pdf.len() + meta.len() + 200);
    out.extend_from_slice(&pdf[..tail.meta_at]);
    out.extend_from_slice(&meta);
    let catalog_at = out.len();
    out.extend_from_slice(&catalog);
    let xref_at = out.len();
    let mut xref = pdf[tail.xref_at..tail.startxref_at].to_vec();
    let entry = tail.entries_at - tail.xref_at + 20 * tail.catalog_id;
    let offset = format!("{catalog_at:010}");
    xref[entry..entry + 10].copy_from_slice(offset.as_bytes());
    out.extend_from_slice(&xref);
    out.extend_from_slice(format!("startxref\n{xref_at}\n%%EOF").as_bytes());
    Ok(out)
}

/// Where the last objects and the cross-reference table are.
struct Tail {
    meta_at: usize,
    catalog_at: usize,
    catalog_id: usize,
    xref_at: usize,
    /// The first entry of the table.
    entries_at: usize,
    startxref_at: usize,
}

impl Tail {
    fn read(pdf: &[u8]) -> Result<Tail, String> {
        let startxref_at = rfind(pdf, b"startxref").ok_or("no startxref")?;
        let xref_at: usize = number_after(&pdf[startxref_at + 9..]).ok_or("no xref offset")?;
        if pdf.get(xref_at..xref_at + 4) != Some(b"xref") {
            return Err("not a classic cross-reference table".into());
        }
        // "xref\n0 N\n", then N entries of 20 bytes.
        let header_end = xref_at
            + 5
            + pdf[xref_at + 5..]
                .iter()
                .position(|&b| b == b'\n')
                .ok_or("no xref subsection")?
            + 1;
        let trailer_at = find(&pdf[xref_at..], b"trailer").ok_or("no trailer")? + xref_at;
        let trailer = &pdf[trailer_at..startxref_at];
        let catalog_id =
            number_after(after(trailer, b"/Root").ok_or("no /Root")?).ok_or("no catalog number")?;
        let catalog_at = offset_of(pdf, header_end, catalog_id)?;
        let catalog = &pdf[catalog_at..xref_at];
        let meta_id = number_after(after(catalog, b"/Metadata").ok_or("no /Metadata")?)
            .ok_or("no metadata number")?;
        let meta_at = offset_of(pdf, header_end, meta_id)?;
        let count = (trailer_at - header_end) / 20;
        // Both objects come last, metadata first: nothing else moves when they change.
        let last = (1..count)
            .filter_map(|id| offset_of(pdf, header_end, id).ok())
            .filter(|&at| at != meta_at && at != catalog_at)
            .max()
            .unwrap_or(0);
        if !(last < meta_at && meta_at < catalog_at && catalog_at < xref_at) {
            return Err("the metadata and the catalog are not the last objects".into());
        }
        Ok(Tail {
            meta_at,
            catalog_at,
            catalog_id,
            xref_at,
            entries_at: header_end,
            startxref_at,
        })
    }
}

/// The offset of object `id` in the table whose entries start at `entries`.
fn offset_of(pdf: &[u8], entries: usize, id: usize) -> Result<usize, String> {
    let entry = pdf
        .get(entries + 20 * id..entries + 20 * id + 10)
        .ok_or_else(|| format!("no entry for object {id}"))?;
    std::str::from_utf8(entry)
        .ok()
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| format!("a bad entry for object {id}"))
}

/// The metadata object with the archive's properties added and its `/Length` updated.
fn rewrite_metadata(object: &[u8], facts: &Facts) -> Result<Vec<u8>, String> {
    let start = find(object, b"stream\n").ok_or("no metadata stream")? + 7;
    let end = rfind(object, b"\nendstream").ok_or("no end of the metadata stream")?;
    let xmp = std::str::from_utf8(&object[start..end]).map_err(|_| "XMP is not UTF-8")?;
    let xmp = with_archive_properties(xmp, facts)?;
    let head = std::str::from_utf8(&object[..start]).map_err(|_| "a bad metadata head")?;
    let length_at = head.find("/Length ").ok_or("no metadata /Length")? + 8;
    let digits = head[length_at..]
        .find(|c: char| !c.is_ascii_digit())
        .ok_or("a bad metadata /Length")?;
    let mut out = Vec::with_capacity(object.len() + xmp.len());
    out.extend_from_slice(&head.as_bytes()[..length_at]);
    out.extend_from_slice(xmp.len().to_string().as_bytes());
    out.extend_from_slice(&head.as_bytes()[length_at + digits..]);
    out.extend_from_slice(xmp.as_bytes());
    out.extend_from_slice(&object[end..]);
    Ok(out)
}

/// The catalog with `/PageMode /UseOutlines` when it has bookmarks.
fn with_page_mode(object: &[u8]) -> Result<Vec<u8>, String> {
    if find(object, b"/Outlines").is_none() || find(object, b"/PageMode").is_some() {
        return Ok(object.to_vec());
    }
    let end = rfind(object, b">>").ok_or("a bad catalog")?;
    let mut out = object[..end].to_vec();
    out.extend_from_slice(b"/PageMode/UseOutlines");
    out.extend_from_slice(&object[end..]);
    Ok(out)
}

/// The catalog with the runs of pages labelled as they print: its `/PageLabels` reference
/// replaced by the tree typst wrote with the runs' entries, as a direct dictionary (the
/// tree typst wrote stays, unused, where it is: nothing before the catalog moves).
fn with_page_labels(
    pdf: &[u8],
    tail: &Tail,
    catalog: &[u8],
    runs: &[Run],
) -> Result<Vec<u8>, String> {
    if runs.is_empty() {
        return Ok(catalog.to_vec());
    }
    let key = find(catalog, b"/PageLabels").ok_or("no /PageLabels")?;
    let rest = &catalog[key + 11..];
    let id = number_after(rest).ok_or("no page labels number")?;
    let reference_end = key + 11 + find(rest, b"R").ok_or("no page labels reference")? + 1;
    let at = offset_of(pdf, tail.entries_at, id)?;
    let object = pdf
        .get(at..tail.meta_at)
        .ok_or("page labels after the metadata")?;
    let object = &object[..find(object, b"endobj").ok_or("no end of the page labels")?];
    let tree = labels::tree(object, runs)?;
    let mut out = catalog[..key + 11].to_vec();
    out.extend_from_slice(&tree);
    out.extend_from_slice(&catalog[reference_end..]);
    Ok(out)
}

/// The XMP packet with the PDF-LT properties, the decision, and their schemas.
pub(super) fn with_archive_properties(xmp: &str, facts: &Facts) -> Result<String, String> {
    let schemas_end = xmp
        .find("</rdf:Bag></pdfaExtension:schemas>")
        .ok_or("no PDF/A extension schemas in the XMP")?;
    let rdf_end = xmp.find("</rdf:RDF>").ok_or("no rdf:RDF in the XMP")?;
    if rdf_end < schemas_end {
        return Err("a bad XMP packet".into());
    }
    let mut out = String::with_capacity(xmp.len() + 4096);
    out.push_str(&xmp[..schemas_end]);
    out.push_str(&schemas(facts));
    out.push_str(&xmp[schemas_end..rdf_end]);
    out.push_str(&description(facts));
    out.push_str(&xmp[rdf_end..]);
    Ok(out)
}

/// The new properties, in a description of their own: the specification and level, the
/// organisation as the author (a legal entity, with its code), and once approved the
/// decision as the document's registration (its number and date) and the approving body.
fn description(facts: &Facts) -> String {
    let mut d = format!(
        "<rdf:Description rdf:about=\"\" xmlns:LTUd=\"{LTUD}\" xmlns:LTUdEnt=\"{LTUD_ENT}\" \
         xmlns:LTUdReg=\"{LTUD_REG}\" xmlns:xmpidq=\"{XMPIDQ}\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" \
         xmlns:planApproval=\"{APPROVAL}\">"
    );
    d.push_str(&format!(
        "<LTUd:standardVersion>{STANDARD_VERSION}</LTUd:standardVersion>"
    ));
    d.push_str(&format!(
        "<xmp:Identifier><rdf:Bag><rdf:li rdf:parseType=\"Resource\"><rdf:value>{LEVEL}</rdf:value>\
         <xmpidq:Scheme>{LEVEL_SCHEME}</xmpidq:Scheme></rdf:li></rdf:Bag></xmp:Identifier>"
    ));
    d.push_str("<LTUd:authors><rdf:Seq><rdf:li rdf:parseType=\"Resource\">");
    d.push_str("<LTUdEnt:individual>False</LTUdEnt:individual>");
    d.push_str(&format!(
        "<LTUdEnt:name>{}</LTUdEnt:name>",
        escape(facts.organisation)
    ));
    if let Some(code) = facts.organisation_code {
        d.push_str(&format!("<LTUdEnt:code>{}</LTUdEnt:code>", escape(code)));
    }
    d.push_str("</rdf:li></rdf:Seq></LTUd:authors>");
    if facts.decision.is_some() || facts.decision_date.is_some() {
        d.push_str("<LTUd:registration rdf:parseType=\"Resource\">");
        if let Some(date) = &facts.decision_date {
            d.push_str(&format!("<LTUdReg:date>{}</LTUdReg:date>", escape(date)));
        }
        if let Some(number) = facts.decision {
            d.push_str(&format!(
                "<LTUdReg:number>{}</LTUdReg:number>",
                escape(number)
            ));
        }
        d.push_str("</LTUd:registration>");
    }
    if let Some(body) = facts.approved_by {
        d.push_str(&format!(
            "<planApproval:body>{}</planApproval:body>",
            escape(body)
        ));
    }
    d.push_str("</rdf:Description>");
    d
}

/// The PDF/A extension schemas of the PDF-LT properties and the approving body.
fn schemas(facts: &Facts) -> String {
    let property = |name: &str, value_type: &str, description: &str| {
        format!(
            "<rdf:li rdf:parseType=\"Resource\"><pdfaProperty:name>{name}</pdfaProperty:name>\
             <pdfaProperty:valueType>{value_type}</pdfaProperty:valueType>\
             <pdfaProperty:category>external</pdfaProperty:category>\
             <pdfaProperty:description>{description}</pdfaProperty:description></rdf:li>"
        )
    };
    let field = |name: &str, value_type: &str, description: &str| {
        format!(
            "<rdf:li rdf:parseType=\"Resource\"><pdfaField:name>{name}</pdfaField:name>\
             <pdfaField:valueType>{value_type}</pdfaField:valueType>\
             <pdfaField:description>{description}</pdfaField:description></rdf:li>"
        )
    };
    let value_type = |name: &str,
                      namespace: &str,
                      prefix: &str,
                      description: &str,
                      fields: String| {
        format!(
            "<rdf:li rdf:parseType=\"Resource\"><pdfaType:type>{name}</pdfaType:type>\
             <pdfaType:namespaceURI>{namespace}</pdfaType:namespaceURI><pdfaType:prefix>{prefix}</pdfaType:prefix>\
             <pdfaType:description>{description}</pdfaType:description>\
             <pdfaType:field><rdf:Seq>{fields}</rdf:Seq></pdfaType:field></rdf:li>"
        )
    };
    let mut s = String::new();
    // PDF-LT's document schema, with its Entity (a legal entity or a person) and
    // Registration types.
    s.push_str(&format!(
        "<rdf:li rdf:parseType=\"Resource\" xmlns:pdfaType=\"http://www.aiim.org/pdfa/ns/type#\" \
         xmlns:pdfaField=\"http://www.aiim.org/pdfa/ns/field#\"><pdfaSchema:schema>PDF-LT-V1.0 document metadata</pdfaSchema:schema>\
         <pdfaSchema:namespaceURI>{LTUD}</pdfaSchema:namespaceURI><pdfaSchema:prefix>LTUd</pdfaSchema:prefix>\
         <pdfaSchema:property><rdf:Seq>{}{}{}</rdf:Seq></pdfaSchema:property>\
         <pdfaSchema:valueType><rdf:Seq>{}{}</rdf:Seq></pdfaSchema:valueType></rdf:li>",
        property(
            "standardVersion",
            "Text",
            "The electronic document specification the document follows"
        ),
        property(
            "authors",
            "seq Entity",
            "The legal entities or persons who created the document"
        ),
        property(
            "registration",
            "Registration",
            "The registration of the document: the approving decision's date and number"
        ),
        value_type(
            "Entity",
            LTUD_ENT,
            "LTUdEnt",
            "A legal entity or a natural person",
            [
                field("individual", "Boolean", "Whether a natural person (True) or a legal entity (False)"),
                field("name", "Text", "The name of the legal entity or person"),
                field("code", "Text", "The code of the legal entity or person"),
            ]
            .concat()
        ),
        value_type(
            "Registration",
            LTUD_REG,
            "LTUdReg",
            "The registration of a document",
            [
                field("date", "Date", "The date of registration"),
                field("number", "Text", "The registration number"),
            ]
            .concat()
        ),
    ));
    if facts.approved_by.is_some() {
        s.push_str(&format!(
            "<rdf:li rdf:parseType=\"Resource\"><pdfaSchema:schema>Approving body</pdfaSchema:schema>\
             <pdfaSchema:namespaceURI>{APPROVAL}</pdfaSchema:namespaceURI>\
             <pdfaSchema:prefix>planApproval</pdfaSchema:prefix>\
             <pdfaSchema:property><rdf:Seq>{}</rdf:Seq></pdfaSchema:property></rdf:li>",
            property("body", "Text", "The body that approves the document"),
        ));
    }
    s
}

/// Text as XML character data.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// What follows `key`.
fn after<'b>(bytes: &'b [u8], key: &[u8]) -> Option<&'b [u8]> {
    find(bytes, key).map(|at| &bytes[at + key.len()..])
}

/// The first whole number in `bytes`, after any white space.
fn number_after(bytes: &[u8]) -> Option<usize> {
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace())?;
    let digits = bytes[start..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    std::str::from_utf8(&bytes[start..start + digits])
        .ok()?
        .parse()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts() -> Facts<'static> {
        Facts {
            organisation: "Alytaus miesto savivaldybė & <co>",
            organisation_code: Some("188719391"),
            decision: Some("T-12"),
            decision_date: Some("2021-01-28".into()),
            approved_by: Some("Alytaus miesto savivaldybės taryba"),
        }
    }

    #[test]
    fn the_properties_and_their_schemas_are_added() {
        let xmp = "<x:xmpmeta><rdf:RDF><rdf:Description rdf:about=\"\"><pdfaExtension:schemas>\
                   <rdf:Bag><rdf:li>x</rdf:li></rdf:Bag></pdfaExtension:schemas>\
                   </rdf:Description></rdf:RDF></x:xmpmeta>";
        let out = with_archive_properties(xmp, &facts()).expect("completed");
        assert!(out.contains("<LTUd:standardVersion>PDF-LT-V1.0</LTUd:standardVersion>"));
        assert!(out.contains("<LTUdEnt:code>188719391</LTUdEnt:code>"));
        assert!(out.contains("savivaldybė &amp; &lt;co&gt;"));
        assert!(out.contains(
            "<LTUd:registration rdf:parseType=\"Resource\"><LTUdReg:date>2021-01-28</LTUdReg:date>\
             <LTUdReg:number>T-12</LTUdReg:number></LTUd:registration>"
        ));
        assert!(
            out.contains("<xmpidq:Scheme>http://archyvai.lt/pdf-ltud/2013/level/</xmpidq:Scheme>")
        );
        // Every type the properties use is declared.
        for declared in ["<pdfaType:type>Entity<", "<pdfaType:type>Registration<"] {
            assert!(out.contains(declared), "{declared}");
        }
        // The schemas go inside the one existing bag, before its end.
        let bag_end = out.find("</rdf:Bag></pdfaExtension:schemas>").expect("bag");
        assert!(out.find("<pdfaSchema:prefix>LTUd<").expect("schema") < bag_end);
        assert_eq!(out.matches("<pdfaExtension:schemas>").count(), 1);
        assert!(out.ends_with("</rdf:RDF></x:xmpmeta>"));
    }

    #[test]
    fn an_unexpected_packet_is_refused() {
        assert!(with_archive_properties("<x/>", &facts()).is_err());
        assert!(complete(b"%PDF-1.7\n", &facts(), &[]).is_err());
    }
}
