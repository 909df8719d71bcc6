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

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The plan folder, which holds plan.toml.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Folder to write the PDFs to [default: <DIR>/build].
    #[arg(short, long, value_name = "OUT")]
    pub out: Option<PathBuf>,
    /// Leave the git commit id out of the page footers.
    #[arg(long)]
    pub no_stamp: bool,
    /// Build only this document (its id in plan.toml); repeat for several.
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
