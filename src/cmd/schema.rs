//! `plan schema`.

use crate::cli::SchemaArgs;
use plan::diag::Diagnostic;

pub fn run(args: SchemaArgs) -> u8 {
    if let Some(kind) = args.stdout {
        print!("{}", plan::schema::text(kind.into()));
        return 0;
    }
    if !args.dir.join("plan.toml").is_file() {
        let problem = Diagnostic::usage(format!("`{}` holds no plan.toml", args.dir.display()))
            .hint("name the plan folder: `plan schema <folder>`");
        return super::report_one(problem, crate::cli::Format::Human);
    }
    match plan::schema::write(&args.dir) {
        Ok(files) => {
            for file in files {
                eprintln!("wrote {}", args.dir.join(file).display());
            }
            0
        }
        Err(problem) => super::report_one(*problem, crate::cli::Format::Human),
    }
}
