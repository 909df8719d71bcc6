//! `plan init`.

use crate::cli::InitArgs;

pub fn run(args: InitArgs) -> u8 {
    match plan::init::init(&args.dir, args.language.into()) {
        Ok(files) => {
            for file in files {
                eprintln!("wrote {}", args.dir.join(file).display());
            }
            eprintln!("next: plan build {}", args.dir.display());
            0
        }
        Err(problem) => super::report_one(*problem, crate::cli::Format::Human),
    }
}
