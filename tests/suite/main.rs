//! The integration tests. They are modules of one test binary, not one binary per file:
//! each binary links typst statically, and eleven copies cost gigabytes of disk and minutes
//! of linking in CI.

mod common;

mod act;
mod action_plan;
mod annexes;
mod as_written;
mod bad;
mod build;
mod charts;
mod collect_workbook;
mod data;
mod data_tables;
mod diagnostics;
mod diff;
mod document_form;
mod docx;
mod docx_act;
mod docx_changes;
mod docx_money;
mod docx_pages;
mod emit;
mod english;
mod export;
mod export_years;
mod footnotes;
mod hostile_values;
mod import_safety;
mod init;
mod judging;
mod layout;
mod limits;
mod md_tables;
mod messages;
mod monitoring;
mod nouns;
mod oracle;
mod outline;
mod packs;
mod parts;
mod pdf;
mod preview;
mod real_plans;
mod references;
mod robustness;
mod scenarios;
mod schema;
mod spec;
mod stamp;
mod text;
mod values;
mod watch;
