//! Writes a deterministic corpus of Polish partnership announcements for
//! benchmarks: a Tablica workspace and the same content as Zola and Hugo
//! sites with equivalent templates (bench/peers).
//!
//! ```sh
//! cargo run --release --example gen-corpus -- --sites 1 --pages 1000 --out /tmp/bench-corpus/1x1000
//! ```
//!
//! Layout of `--out DIR`: `DIR/tablica/` (config.yaml, content/, themes/,
//! static/), `DIR/zola/<site>/` and `DIR/hugo/<site>/`. The same arguments
//! give a byte-identical corpus.

#[path = "gen-corpus/model.rs"]
mod model;
#[path = "gen-corpus/rng.rs"]
mod rng;
#[path = "gen-corpus/words.rs"]
mod words;
#[path = "gen-corpus/write.rs"]
mod write;

use clap::{Parser, ValueEnum};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Tablica,
    Zola,
    Hugo,
    All,
}

#[derive(Parser)]
#[command(about = "Generate a benchmark corpus for Tablica, Zola and Hugo")]
struct Args {
    /// Number of partnership sites (the first four are the real pilot partnerships).
    #[arg(long, default_value_t = 1)]
    sites: usize,
    /// Announcements per site.
    #[arg(long, default_value_t = 1000)]
    pages: usize,
    /// Folder to write into; its tablica/, zola/ and hugo/ subfolders are replaced.
    #[arg(long)]
    out: PathBuf,
    /// Which layouts to write.
    #[arg(long, value_enum, default_value_t = Format::All)]
    format: Format,
    /// Seed of the text generator.
    #[arg(long, default_value_t = 2021)]
    seed: u64,
}

fn run(args: &Args) -> Result<String, String> {
    if args.sites == 0 || args.pages == 0 {
        return Err("--sites and --pages must be at least 1".to_string());
    }
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let sites = model::sites(args.sites, args.pages, args.seed);
    let wanted = |f: Format| args.format == f || args.format == Format::All;
    let jobs: [(Format, &str); 3] = [
        (Format::Tablica, "tablica"),
        (Format::Zola, "zola"),
        (Format::Hugo, "hugo"),
    ];
    let mut written = Vec::new();
    for (format, name) in jobs {
        if !wanted(format) {
            continue;
        }
        let dir = args.out.join(name);
        if dir.exists() {
            std::fs::remove_dir_all(&dir)
                .map_err(|e| format!("cannot remove old {}: {e}", dir.display()))?;
        }
        let result = match format {
            Format::Tablica => write::tablica(&dir, &sites, repo),
            Format::Zola => write::zola(&dir, &sites),
            _ => write::hugo(&dir, &sites),
        };
        result.map_err(|e| format!("cannot write {}: {e}", dir.display()))?;
        written.push(dir.display().to_string());
    }
    Ok(format!(
        "{} sites × {} announcements written to {}",
        args.sites,
        args.pages,
        written.join(", ")
    ))
}

fn main() -> ExitCode {
    let args = Args::parse();
    match run(&args) {
        Ok(summary) => {
            println!("{summary}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("gen-corpus: {message}");
            ExitCode::FAILURE
        }
    }
}
