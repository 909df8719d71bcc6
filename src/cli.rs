//! The command line: clap types only.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Compile a strategic development plan (TOML + Markdown) into council-ready PDFs.
#[derive(Debug, Parser)]
#[command(name = "plan", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check the plan and typeset every document it defines into PDF.
    ///
    /// Each [[document]] in plan.toml becomes <DIR>/build/<id>.pdf (or <OUT>/<id>.pdf).
    /// PDFs are written only when the whole plan is free of errors, and each is replaced
    /// atomically, so a failed build leaves the previous PDFs as they were.
    Build(BuildArgs),
    /// Typeset the plan and draw its pages as PNG images, for a quick look.
    ///
    /// Each selected page of each document becomes <DIR>/build/preview/<id>-<page>.png (or
    /// <OUT>/<id>-<page>.png). Each preview replaces the document's earlier page images. The
    /// plan is checked as for `plan build`; nothing is written when it has errors.
    Preview(PreviewArgs),
    /// Check the plan for mistakes without typesetting it.
    ///
    /// Reports every problem at once with its file, line and column. Exits with 1 when
    /// the plan has errors (or warnings, with --deny-warnings), 0 otherwise.
    Check(CheckArgs),
    /// Start a new plan: write a small example plan into a new or empty folder.
    ///
    /// The plan has one priority, two goals, a few measures and two chapters, with a comment
    /// on every key, and builds at once. The folder must not exist yet or be empty.
    Init(InitArgs),
}

/// How diagnostics are printed.
#[derive(Debug, Clone, Copy, Default, ValueEnum)]
pub enum Format {
    /// Like rustc: the source line underlined, with hints (on standard error).
    #[default]
    Human,
    /// One JSON object a line on standard output, for editors and CI.
    Json,
}

/// What `plan build` and `plan preview` share.
#[derive(Debug, Args)]
pub struct TypesetArgs {
    /// The plan folder, which holds plan.toml.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Leave the git commit id out of the page footers.
    #[arg(long)]
    pub no_stamp: bool,
    /// Typeset only this document (its id in plan.toml); repeat for several.
    #[arg(long = "document", value_name = "ID")]
    pub documents: Vec<String>,
    /// Treat warnings as errors.
    #[arg(long)]
    pub deny_warnings: bool,
    /// How to print problems.
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub typeset: TypesetArgs,
    /// Folder to write the PDFs to [default: <DIR>/build].
    #[arg(short, long, value_name = "OUT")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct PreviewArgs {
    #[command(flatten)]
    pub typeset: TypesetArgs,
    /// Folder to write the images to [default: <DIR>/build/preview].
    #[arg(short, long, value_name = "OUT")]
    pub out: Option<PathBuf>,
    /// The pages to draw, counted from 1: e.g. `1-5`, `3`, `2,7-9`, `10-` [default: all].
    #[arg(long, value_name = "PAGES")]
    pub pages: Option<plan::pages::Pages>,
    /// Resolution in dots per inch (96 is a screen's size, 300 print quality).
    #[arg(long, default_value_t = 96.0, value_parser = dpi)]
    pub dpi: f32,
}

/// A resolution a preview can use: from 10 dpi (thumbnails) to 1200 dpi.
fn dpi(text: &str) -> Result<f32, String> {
    match text.parse::<f32>() {
        Ok(dpi) if (10.0..=1200.0).contains(&dpi) => Ok(dpi),
        _ => Err("write a resolution from 10 to 1200 dots per inch, e.g. 96 or 150".into()),
    }
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The plan folder, which holds plan.toml.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Treat warnings as errors.
    #[arg(long)]
    pub deny_warnings: bool,
    /// How to print problems.
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to create the plan in.
    pub dir: PathBuf,
    /// The language of the plan: its labels, texts and number formats.
    #[arg(long, value_enum, default_value = "lt")]
    pub language: LanguageArg,
}

/// A plan language on the command line.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LanguageArg {
    Lt,
    En,
}

impl From<LanguageArg> for plan::model::Language {
    fn from(language: LanguageArg) -> Self {
        match language {
            LanguageArg::Lt => plan::model::Language::Lt,
            LanguageArg::En => plan::model::Language::En,
        }
    }
}
