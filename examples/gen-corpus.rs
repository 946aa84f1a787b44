//! Writes a deterministic corpus of Polish partnership announcements for
//! benchmarks: a Tablica workspace and the same content as Zola and Hugo
//! sites with equivalent templates (bench/peers).
//!
//! ```sh
//! cargo run --release --example gen-corpus -- --sites 1 --pages 1000 --out /tmp/bench-corpus/1x1000
//! ```
//!
//! With `--photos N --photo-dir DIR`, N announcements spread evenly over the
//! corpus show one photo each (the first N `.jpg` files of DIR, in name
//! order), in their bundle folder as `zdjecie.jpg`: a Markdown figure for
//! Tablica and Hugo (whose render hook resizes it), a shortcode calling
//! `resize_image` for Zola. Without `--photos` the corpus is the same as
//! before the option existed.
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
    /// Announcements that show a photo, spread evenly over the corpus.
    #[arg(long, default_value_t = 0, requires = "photo_dir")]
    photos: usize,
    /// Folder of JPEG photos (e.g. from tests/fixtures/photos/make_photos.py
    /// --bench); its first `--photos` .jpg files in name order are hard-linked
    /// (or copied) into the announcements' bundle folders.
    #[arg(long)]
    photo_dir: Option<PathBuf>,
}

/// The first `count` `.jpg` files of `dir`, in name order.
fn photo_files(dir: &Path, count: usize) -> Result<Vec<PathBuf>, String> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.is_file()
                && p.extension().is_some_and(|x| {
                    x.eq_ignore_ascii_case("jpg") || x.eq_ignore_ascii_case("jpeg")
                })
        })
        .collect();
    files.sort();
    if files.len() < count {
        return Err(format!(
            "{} holds {} JPEG photos, {count} wanted",
            dir.display(),
            files.len()
        ));
    }
    files.truncate(count);
    // Absolute, so that hard links and copies work from any folder.
    files
        .into_iter()
        .map(|p| std::path::absolute(&p).map_err(|e| format!("{}: {e}", p.display())))
        .collect()
}

fn run(args: &Args) -> Result<String, String> {
    if args.sites == 0 || args.pages == 0 {
        return Err("--sites and --pages must be at least 1".to_string());
    }
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut sites = model::sites(args.sites, args.pages, args.seed);
    if args.photos > 0 {
        let dir = args
            .photo_dir
            .as_deref()
            .expect("clap requires --photo-dir");
        model::add_photos(&mut sites, photo_files(dir, args.photos)?)?;
    }
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
    let photos = if args.photos > 0 {
        format!(" ({} with a photo)", args.photos)
    } else {
        String::new()
    };
    Ok(format!(
        "{} sites × {} announcements{photos} written to {}",
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
