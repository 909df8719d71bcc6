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
    /// atomically, so a failed build leaves the previous PDFs as they were. With --group,
    /// each document becomes a working group's review pack, <document>-<group>.pdf.
    Build(BuildArgs),
    /// Typeset the plan and draw its pages as PNG images, for a quick look.
    ///
    /// Each selected page of each document becomes <DIR>/build/preview/<id>-<page>.png (or
    /// <OUT>/<id>-<page>.png). Each preview replaces the document's earlier page images. The
    /// plan is checked as for `plan build`; nothing is written when it has errors.
    Preview(PreviewArgs),
    /// Build, then rebuild on every saved change in the plan folder.
    ///
    /// Rebuilds are quick: typst's work on everything that did not change is reused. Each
    /// build prints its time and its problems; a build with errors writes nothing, so the
    /// last good PDFs stay. Ctrl-C stops.
    Watch(WatchArgs),
    /// Show what changed in the plan between two git revisions or two plan folders.
    ///
    /// Reports by item, with numbers old → new: items added, removed, moved or renumbered;
    /// title and text changes word by word; funding per source rolled up to objective,
    /// goal, priority and plan; indicator baselines and targets; responsible, partners,
    /// working group and period; chapters. OLD defaults to HEAD and NEW to the working
    /// tree; a trailing folder is the plan folder inside the repository (default `.`).
    /// Two plan folders are compared as they are.
    Diff(DiffArgs),
    /// Check the plan for mistakes without typesetting it.
    ///
    /// Reports every problem at once with its file, line and column. Exits with 1 when
    /// the plan has errors (or warnings, with --deny-warnings), 0 otherwise.
    Check(CheckArgs),
    /// Start a new plan: write a small example plan into a new or empty folder.
    ///
    /// The plan has one priority, two goals, a few measures and two chapters, with a comment
    /// on every key, and builds at once. The folder must not exist yet or be empty. With it
    /// come a .gitignore and CI files that check, build and publish the plan on GitHub
    /// (.github/workflows/plan.yml) or GitLab (.gitlab-ci.yml).
    Init(InitArgs),
    /// Export the action plan and the indicators as CSV, an Excel workbook or JSON.
    ///
    /// For finance departments and monitoring: one row per measure (priority, goal,
    /// objective and measure numbers and titles, responsible institutions, partners, working
    /// group, period, funding per source and total, product indicators) and one row per
    /// indicator (level, code, name, unit, baseline, a target per milestone and per other
    /// year one is set in, data source, direction, the item it belongs to), numbered as in
    /// the PDFs.
    ///
    /// csv: <OUT>/action-plan.csv and <OUT>/indicators.csv, UTF-8 with a byte order mark;
    /// a Lithuanian plan uses `;` and a decimal comma, an English one `,` and a decimal point,
    /// as Excel in that language expects. xlsx: <OUT>/plan.xlsx with one sheet per table.
    /// json: <OUT>/plan.json. Amounts are in the plan's money unit. Nothing is written when
    /// the plan has errors; identical input gives identical files.
    Export(ExportArgs),
    /// Read a filled-in collection workbook into monitoring/<YEAR>.toml.
    ///
    /// Reads the workbook `plan export --collect YEAR` wrote, after the
    /// institutions filled it in: actual indicator values, notes and sources; measure
    /// statuses, comments and funds spent per source. They are merged into
    /// monitoring/<YEAR>.toml (created if needed), keeping its comments and every value it
    /// holds: a cell that disagrees with a value already there is an error (unless
    /// --replace), as are bad numbers, unknown statuses and unknown ids, each reported at
    /// its sheet and cell. Nothing is written when there is an error.
    Import(ImportArgs),
    /// Write the JSON Schemas of the plan files, for completion and checks in the editor.
    ///
    /// Writes <DIR>/.plan/schema/{plan,strategy,analysis,monitoring}.schema.json, which the
    /// `#:schema` line at the top of each plan file names; Taplo-based editors (VS Code's
    /// Even Better TOML) then complete keys, describe them and underline mistakes. Run it
    /// again after updating `plan`, so the editor knows the new keys. With --stdout KIND,
    /// prints one schema instead.
    Schema(SchemaArgs),
}

/// How diagnostics are printed.
#[derive(Debug, Clone, Copy, Default, ValueEnum)]
pub enum Format {
    /// Like rustc: the source line underlined, with hints (on standard error).
    #[default]
    Human,
    /// One JSON object a line on standard output, for editors and CI.
    Json,
    /// GitHub Actions workflow commands on standard output: annotations on the lines of
    /// a pull request.
    Github,
    /// A GitLab Code Quality report (a JSON array) on standard output: problems shown in
    /// the merge request.
    Gitlab,
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
    /// Make a working group's review pack of each document instead of the document:
    /// the group's measures with the goals and objectives above them, their indicators
    /// and funding, and the group's totals, numbered as in the full plan, written as
    /// <document>-<group>.pdf. ID is the group's id in plan.toml, or `all` for one pack
    /// per working group; repeat for several groups.
    #[arg(long = "group", value_name = "ID")]
    pub groups: Vec<String>,
    /// Add an annex to the strategic plan summarising the changes since this git revision
    /// (e.g. the version the council saw: a tag, `HEAD~3`, a commit id).
    #[arg(long, value_name = "REV")]
    pub changes_since: Option<String>,
    /// What the annex of changes calls the earlier version (e.g. "projektas, svarstytas
    /// 2024 m. lapkričio 21 d."), instead of its version and date as its plan.toml says.
    #[arg(long, value_name = "TEXT", requires = "changes_since")]
    pub changes_label: Option<String>,
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
    /// Also write the generated typst sources, with the templates, fonts and plan files
    /// they read, to this folder: for debugging templates, or timing the typst CLI on
    /// the same work.
    #[arg(long, value_name = "DIR")]
    pub emit_typst: Option<PathBuf>,
    /// Print where the time went: checks, typst's layout, PDF export, writing.
    #[arg(long)]
    pub timings: bool,
    /// The files to write of every document: pdf, docx (its Word edition, <id>.docx), or
    /// both (`--as pdf,docx`) [default: what each [[document]]'s `formats` names, else pdf].
    #[arg(long = "as", value_name = "FORMATS", value_enum, value_delimiter = ',')]
    pub formats: Vec<FileFormat>,
    /// Typeset every document again, even one whose PDF and Word edition in the output
    /// folder were made of the same files and settings (it is otherwise left as it is,
    /// "unchanged").
    #[arg(long)]
    pub force: bool,
}

/// A file `plan build` writes of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FileFormat {
    /// The PDF (PDF/A-2a and PDF/UA-1).
    Pdf,
    /// The Word edition of its chapters.
    Docx,
}

#[derive(Debug, Args)]
pub struct WatchArgs {
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
    /// The pages to draw, by the numbers printed on them (the PDF's page labels; a title
    /// page has none): e.g. `1-5`, `3`, `2,7-9`, `10-`, `-3`, an annex's `3-1` [default: all].
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
pub struct DiffArgs {
    /// [OLD] [NEW] [DIR]: revisions (`HEAD~1`, a tag, a commit) or two plan folders.
    #[arg(value_name = "OLD NEW DIR", num_args = 0..=3)]
    pub versions: Vec<String>,
    /// How to print the changes.
    #[arg(long, value_enum, default_value = "text")]
    pub format: DiffFormat,
}

/// How `plan diff` prints.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum DiffFormat {
    /// For a terminal, coloured there (not with `NO_COLOR`).
    Text,
    /// For a pull request or an e-mail to a working group.
    Markdown,
    /// For tools.
    Json,
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

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// The plan folder, which holds plan.toml.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Print the schema of this kind of file on standard output and write nothing.
    #[arg(long, value_name = "KIND", value_enum)]
    pub stdout: Option<SchemaKind>,
}

/// A kind of plan file, for `plan schema --stdout`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SchemaKind {
    /// plan.toml
    Plan,
    /// strategy/*.toml
    Strategy,
    /// analysis.toml
    Analysis,
    /// monitoring/<year>.toml
    Monitoring,
}

impl From<SchemaKind> for plan::schema::Kind {
    fn from(kind: SchemaKind) -> Self {
        match kind {
            SchemaKind::Plan => plan::schema::Kind::Plan,
            SchemaKind::Strategy => plan::schema::Kind::Strategy,
            SchemaKind::Analysis => plan::schema::Kind::Analysis,
            SchemaKind::Monitoring => plan::schema::Kind::Monitoring,
        }
    }
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

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The plan folder, which holds plan.toml.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// The file format to write (with --collect: xlsx, its only format, needs no --format).
    #[arg(long, value_enum, required_unless_present = "collect")]
    pub format: Option<ExportFormat>,
    /// Folder to write the files to [default: <DIR>/build].
    #[arg(short, long, value_name = "OUT")]
    pub out: Option<PathBuf>,
    /// Treat warnings as errors.
    #[arg(long)]
    pub deny_warnings: bool,
    /// Write the workbook that collects YEAR's monitoring data instead, for the
    /// institutions to fill in: <OUT>/collect-<YEAR>.xlsx, read back
    /// by `plan import YEAR FILE`.
    #[arg(long, value_name = "YEAR")]
    pub collect: Option<i32>,
    /// With --collect: also one workbook per institution, <OUT>/collect-<YEAR>-<ID>.xlsx,
    /// holding only the measures it is responsible for and the indicators it reports.
    #[arg(long, requires = "collect")]
    pub per_institution: bool,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The year the values are for.
    pub year: i32,
    /// The filled-in workbook (made by `plan export --collect YEAR`).
    pub file: PathBuf,
    /// The plan folder, which holds plan.toml.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Take the workbook's value where monitoring/YEAR.toml already has a different one
    /// (without it, such a cell is an error and nothing is written).
    #[arg(long)]
    pub replace: bool,
}

/// What `plan export` writes.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    /// action-plan.csv and indicators.csv, for Excel and other spreadsheets.
    Csv,
    /// plan.xlsx: an Excel workbook with an action plan and an indicator sheet.
    Xlsx,
    /// plan.json: the same data for scripts and monitoring systems.
    Json,
}

impl From<ExportFormat> for plan::export::Format {
    fn from(format: ExportFormat) -> Self {
        match format {
            ExportFormat::Csv => plan::export::Format::Csv,
            ExportFormat::Xlsx => plan::export::Format::Xlsx,
            ExportFormat::Json => plan::export::Format::Json,
        }
    }
}
