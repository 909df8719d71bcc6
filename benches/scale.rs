//! The scale benchmark: `cargo bench --bench scale`. See BENCHMARKS.md.
//!
//! `cargo bench --bench scale -- generate SCALE OUT` only writes a synthetic plan.

#[path = "support/synthetic.rs"]
mod synthetic;

use std::path::{Path, PathBuf};

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("plan");
    if let [command, scale, out] = args.as_slice()
        && command == "generate"
    {
        let scale: usize = scale.parse().unwrap_or(1);
        match synthetic::generate(&example, scale, &PathBuf::from(out)) {
            Ok(g) => println!(
                "{out}: {} measures, {} words of chapters",
                g.measures, g.words
            ),
            Err(e) => eprintln!("cannot generate: {e}"),
        }
    }
}
