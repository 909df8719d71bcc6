//! The `plan` binary: parses the command line and hands over to one subcommand.

mod cli;
mod cmd;

use std::process::ExitCode;

use cli::Command;

/// jemalloc rather than the system's allocator on Linux and macOS: typst allocates and
/// frees millions of small objects from several threads (and a large build frees typst's
/// memo while it writes the PDFs); at ten times the example plan's size a build is 0.3 s
/// faster with it, at about the same peak memory (BENCHMARKS.md). jemalloc does not build
/// for Windows (MSVC), so there the system allocator serves (Cargo.toml takes jemalloc only
/// on Linux and macOS). Capped either way: a runaway template's one huge allocation ends
/// the build with a message at once (see `plan::fault`).
#[cfg(any(target_os = "linux", target_os = "macos"))]
#[global_allocator]
static ALLOCATOR: plan::fault::Capped<tikv_jemallocator::Jemalloc> =
    plan::fault::Capped(tikv_jemallocator::Jemalloc);

/// jemalloc's options, read before `main`: on Linux one arena per core (`percpu_arena`), a
/// thread allocating from the arena of the core it runs on, instead of four arenas per core
/// a thread each. Memory one thread frees (typst's memo after a document's layout) is then
/// reused by the others (the next layout, the export) rather than held beside theirs: at ten
/// times the example the peak is 50 MiB lower, the time the same (BENCHMARKS.md,
/// twenty-fifth session). macOS has no per-core arenas; `_RJEM_MALLOC_CONF` still overrides.
#[cfg(target_os = "linux")]
#[unsafe(export_name = "_rjem_malloc_conf")]
static JEMALLOC_OPTIONS: Option<&std::ffi::c_char> =
    // SAFETY: a pointer to the first byte of a static, NUL-terminated string, as jemalloc
    // reads `malloc_conf`.
    Some(unsafe { &*c"percpu_arena:percpu".as_ptr() });

/// The system's allocator, with the same cap, where jemalloc does not build.
#[cfg(not(any(target_os = "linux", target_os = "macos")))]
#[global_allocator]
static ALLOCATOR: plan::fault::Capped<std::alloc::System> = plan::fault::Capped(std::alloc::System);

fn main() -> ExitCode {
    plan::fault::install_panic_hook();
    let cli = match cmd::command_line() {
        Ok(cli) => cli,
        Err(code) => return ExitCode::from(code),
    };
    let code = match cli.command {
        Command::Build(args) => cmd::build::run(args),
        Command::Preview(args) => cmd::build::preview(args),
        Command::Diff(args) => cmd::diff::run(args),
        Command::Watch(args) => cmd::watch::run(args),
        Command::Check(args) => cmd::check::run(args),
        Command::Init(args) => cmd::init::run(args),
        Command::Export(args) => cmd::export::run(args),
        Command::Import(args) => cmd::import::run(args),
        Command::Schema(args) => cmd::schema::run(args),
    };
    ExitCode::from(code)
}
