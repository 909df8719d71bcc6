//! `PLAN_TYPST_TRACE=FILE`: typst's own timing trace of a build's layout and export, in
//! Chrome's trace format (open it in Perfetto or `chrome://tracing`), each event with the
//! template file and line it belongs to. For template authors and for finding where a
//! document's time goes (BENCHMARKS.md); a build without the variable records nothing.

use std::io::Write;
use std::num::NonZeroU64;
use std::path::PathBuf;

use typst::World;
use typst::syntax::{Span, SpanKind};

use super::PlanWorld;

/// The variable naming the trace file.
const VARIABLE: &str = "PLAN_TYPST_TRACE";

/// Where the trace goes, if one was asked for; typst starts recording.
pub(super) fn start() -> Option<PathBuf> {
    let path = PathBuf::from(std::env::var_os(VARIABLE)?);
    typst_timing::clear();
    typst_timing::enable();
    Some(path)
}

/// Writes what typst recorded since `start`, its places looked up in the worlds that laid
/// the documents out.
pub(super) fn write(path: &std::path::Path, worlds: &[&PlanWorld]) -> Result<(), String> {
    typst_timing::disable();
    let mut out = std::io::BufWriter::new(
        std::fs::File::create(path).map_err(|e| format!("{}: {e}", path.display()))?,
    );
    typst_timing::export_json(&mut out, |raw| place(worlds, raw))?;
    out.flush().map_err(|e| format!("{}: {e}", path.display()))
}

/// The file and line (from 1) of a span, from whichever world holds its file.
fn place(worlds: &[&PlanWorld], raw: NonZeroU64) -> (String, u32) {
    let span = Span::from_raw(raw);
    let found = worlds.iter().find_map(|world| {
        let (id, start) = match span.get() {
            SpanKind::Detached => return None,
            SpanKind::Number { id, num } => (id, world.source(id).ok()?.range(num, None)?.start),
            SpanKind::Range { id, range } => (id, range.start),
        };
        let line = world.source(id).ok()?.lines().byte_to_line(start)?;
        Some((id.vpath().get_with_slash().to_string(), line as u32 + 1))
    });
    found.unwrap_or_else(|| ("unknown".to_string(), 0))
}
