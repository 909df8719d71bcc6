//! Writers: each lays the understood tree (`crate::understand`) out in one form. The typst
//! writer makes the markup the PDFs are set from; the text writer makes plain text as a
//! reader reads it, which `plan diff` compares sentence by sentence.

pub(crate) mod docx;
pub(crate) mod text;
pub(crate) mod typst;
