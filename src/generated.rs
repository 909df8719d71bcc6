//! Where the files `plan` generates for typst are: a folder of typst's virtual file system
//! that no plan file can be in. The stages that write markup naming such a file (pictures
//! converted for typesetting) and the typesetter, which serves them, agree on it here.

/// Folder of the virtual files `plan` generates: `/.plan` (a plan folder's own `.plan`
/// is never read).
pub const GENERATED_DIR: &str = "/.plan";

/// The virtual path of a picture converted for typesetting, by its file name.
pub(crate) fn image_path(name: &str) -> String {
    format!("{GENERATED_DIR}/images/{name}")
}
