//! typst's compilation loop (evaluate, then lay out until introspection settles), counting
//! the layout passes; evaluation and layout apart, so that they can run side by side.
//!
//! `typst::compile` does not tell how many passes a document took (`plan build --timings`
//! and the benchmark do), so this is its loop (typst 0.15's `compile_impl`, paged target
//! only).

use std::sync::Arc;

use typst::World;
use typst::comemo::{self, Track};
use typst::diag::{SourceDiagnostic, SourceResult, Warned};
use typst::ecow::EcoVec;
use typst::engine::{Engine, Route, Sink, Traced};
use typst::foundations::{Content, Output, StyleChain, Target, TargetElem};
use typst::introspection::{EmptyIntrospector, Introspector, MAX_ITERS};
use typst::utils::Protected;
use typst_layout::{PagedDocument, PagedIntrospector};

/// A document's main file evaluated (its content, or its errors) with what evaluation
/// warned of: what layout starts from. Evaluation may run on another thread than the
/// layout (large plans evaluate the next document while one is laid out).
pub(super) struct Evaluated {
    content: SourceResult<Content>,
    sink: Sink,
}

/// Evaluates the world's main file, as `typst::compile` does first.
pub(super) fn evaluate(world: &dyn World) -> Evaluated {
    let mut sink = Sink::new();
    let content = eval(world, &mut sink);
    Evaluated { content, sink }
}

fn eval(world: &dyn World, sink: &mut Sink) -> SourceResult<Content> {
    let world = world.track();
    let traced = Traced::default();
    let main = world.source(world.main()).map_err(|error| {
        EcoVec::from([SourceDiagnostic::error(
            typst::syntax::Span::detached(),
            error.to_string(),
        )])
    })?;
    Ok(typst_eval::eval(
        world,
        world.library(),
        traced.track(),
        sink.track_mut(),
        Route::default().track(),
        &main,
    )?
    .content())
}

/// Lays the evaluated document out in pages as `typst::compile` does, and tells how many
/// layout passes that took.
pub(super) fn lay_out(
    world: &dyn World,
    Evaluated { content, mut sink }: Evaluated,
) -> (Warned<SourceResult<PagedDocument>>, usize) {
    let mut count = 0;
    let output = content.and_then(|content| passes(world, &content, &mut sink, &mut || count += 1));
    let warned = Warned {
        output: output.map_err(deduplicate),
        warnings: sink.warnings(),
    };
    (warned, count)
}

/// Layout passes until the introspection the last pass used is what it produced, at most
/// typst's `MAX_ITERS`.
fn passes(
    world: &dyn World,
    content: &Content,
    sink: &mut Sink,
    pass_done: &mut dyn FnMut(),
) -> SourceResult<PagedDocument> {
    let world = world.track();
    let traced = Traced::default();
    let traced = traced.track();
    let library = world.library();
    let target = TargetElem::target.set(Target::Paged).wrap();
    let base = StyleChain::new(&library.styles);
    let styles = base.chain(&target);

    let empty = EmptyIntrospector;
    // The introspection of each earlier pass; the pages of a pass that did not settle are
    // dropped at once (the memo holds what the next pass reuses).
    let mut history: Vec<Arc<PagedIntrospector>> = Vec::new();
    loop {
        let introspector: &dyn Introspector = match history.last() {
            Some(last) => last.as_ref(),
            None => &empty,
        };
        let constraint = comemo::Constraint::new();
        let mut subsink = Sink::new();
        let mut engine = Engine {
            library,
            world,
            introspector: Protected::new(introspector.track_with(&constraint)),
            traced,
            sink: subsink.track_mut(),
            route: Route::default(),
        };
        let document = PagedDocument::create(&mut engine, content, styles)?;
        pass_done();
        if constraint.validate(Output::introspector(&document)) {
            sink.extend_from_sink(subsink);
            return finish(sink, document);
        }
        if history.len() + 1 == MAX_ITERS {
            // Give up as typst does, with its warnings on what did not settle.
            let mut introspectors = [&empty as &dyn Introspector; MAX_ITERS + 1];
            for (slot, earlier) in introspectors[1..].iter_mut().zip(&history) {
                *slot = earlier.as_ref();
            }
            introspectors[MAX_ITERS] = Output::introspector(&document);
            let warnings =
                typst::introspection::analyze(world, introspectors, subsink.introspections());
            sink.extend_from_sink(subsink);
            for warning in warnings {
                sink.warn(warning);
            }
            return finish(sink, document);
        }
        history.push(document.introspector().clone());
    }
}

/// The document, or the errors typst held back until layout was done.
fn finish(sink: &mut Sink, document: PagedDocument) -> SourceResult<PagedDocument> {
    let delayed = sink.delayed();
    if delayed.is_empty() {
        Ok(document)
    } else {
        Err(delayed)
    }
}

/// The same message at the same place once (layout passes repeat them), as typst does.
fn deduplicate(mut diags: EcoVec<SourceDiagnostic>) -> EcoVec<SourceDiagnostic> {
    let mut seen = std::collections::HashSet::new();
    diags.retain(|diag| seen.insert((diag.span, diag.message.clone())));
    diags
}
