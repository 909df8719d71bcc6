//! The pictures a plan shows (its title-page emblem and those its chapters and texts
//! show), found in the tree: `plan check` verifies them, a build prepares them for typst
//! (converted where typst cannot embed the format). Either reports a picture that cannot
//! be shown where it is named, every place it is named.

use std::collections::HashMap;

use super::Understood;
use super::tree::{BlockKind, Doc, InlineKind, Picture, Visit};
use crate::diag::{Diagnostic, Diagnostics, codes};
use crate::images::{ImageError, Images};
use crate::model::{Logo, Plan};

/// The pictures of a plan prepared for typst: the virtual path of each.
#[derive(Debug, Default)]
pub(crate) struct Prepared {
    /// The title-page emblem's, when the plan has one that can be shown.
    pub logo: Option<String>,
    /// By the picture's [key](crate::understand::tree::Picture::key) (its path in the
    /// plan folder, and a PDF's page), for each that can be shown.
    pub paths: HashMap<String, String>,
}

/// Prepares every picture of the plan for typst, reporting those that cannot be shown.
pub(crate) fn prepare(
    plan: &Plan,
    understood: &Understood,
    images: &Images,
    diags: &mut Diagnostics,
) -> Prepared {
    let docs = understood.docs(plan);
    each(plan.meta.logo.as_ref(), docs, diags, |path, page| {
        images.prepare(path, page)
    })
}

/// Reports every picture of the plan that cannot be shown, converting none.
pub(crate) fn verify(
    plan: &Plan,
    understood: &Understood,
    images: &Images,
    diags: &mut Diagnostics,
) {
    let docs = understood.docs(plan);
    each(plan.meta.logo.as_ref(), docs, diags, |path, page| {
        images.verify(path, page).map(|()| path.to_string())
    });
}

/// Runs `prepare` once per picture (the logo, then those of `docs` in order), reporting
/// its problems at every place the picture is named.
pub(crate) fn each<'t>(
    logo: Option<&Logo>,
    docs: impl IntoIterator<Item = &'t Doc>,
    diags: &mut Diagnostics,
    prepare: impl Fn(&str, u32) -> Result<String, ImageError>,
) -> Prepared {
    let mut prepared = Prepared::default();
    if let Some(logo) = logo {
        match prepare(&logo.path, 1) {
            Ok(path) => prepared.logo = Some(path),
            Err(problem) => diags.push(
                Diagnostic::error(format!("the logo `{}` {problem}", logo.path))
                    .code(codes::BAD_IMAGE)
                    .at(logo.span.clone())
                    .hint("point `logo` at a PNG, JPEG or SVG file inside the plan folder"),
            ),
        }
    }
    let mut failed: HashMap<String, ImageError> = HashMap::new();
    let mut picture = |picture: &Picture| {
        let (path, key) = (&picture.path, picture.key());
        if !prepared.paths.contains_key(&key) && !failed.contains_key(&key) {
            match prepare(path, picture.page) {
                Ok(virtual_path) => {
                    prepared.paths.insert(key.clone(), virtual_path);
                }
                Err(problem) => {
                    failed.insert(key.clone(), problem);
                }
            }
        }
        if let Some(problem) = failed.get(&key) {
            diags.push(
                Diagnostic::error(format!("image `{path}` {problem}"))
                    .code(codes::BAD_IMAGE)
                    .at(picture.span.clone())
                    .hint(problem.hint()),
            );
        }
    };
    for doc in docs {
        doc.visit(&mut |visit| match visit {
            Visit::Block(block) => {
                if let BlockKind::Figure(figure) = &block.kind {
                    picture(&figure.picture);
                }
            }
            Visit::Inline(inline) => {
                if let InlineKind::Picture(p) = &inline.kind {
                    picture(p);
                }
            }
        });
    }
    prepared
}

/// The files of the pictures `doc` shows, relative to the plan folder, in order.
pub(crate) fn files(doc: &Doc) -> Vec<&str> {
    let mut files = Vec::new();
    doc.visit(&mut |visit| match visit {
        Visit::Block(block) => {
            if let BlockKind::Figure(figure) = &block.kind {
                files.push(figure.picture.path.as_str());
            }
        }
        Visit::Inline(inline) => {
            if let InlineKind::Picture(p) = &inline.kind {
                files.push(p.path.as_str());
            }
        }
    });
    files
}
