//! SEAM: replaced by the helper who builds it.

use super::attrs::Attrs;
use super::tree::{BlockKind, Inline};
use crate::diag::{Diagnostic, Diagnostics, Span, codes};
use crate::model::Language;
use crate::model::data::Dataset;

pub(super) fn chart(
    dataset: &Dataset,
    _caption: Vec<Inline>,
    _attrs: &Attrs,
    span: &Span,
    _language: Language,
    diags: &mut Diagnostics,
) -> Option<BlockKind> {
    let _ = super::from_data::source_line(dataset, _language);
    diags.push(
        Diagnostic::error("not yet")
            .code(codes::BAD_ATTRIBUTE)
            .at(span.clone()),
    );
    None
}
