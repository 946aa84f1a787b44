//! The `tablica` command line: argument parsing and nothing else.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;
use tablica::authoring::{self, ImportOptions, NewOptions};
use tablica::config::Overrides;
use tablica::content::date::PageDate;
use tablica::serve::ServeOptions;
use tablica::{BuildOptions, Lang};

#[derive(Parser)]
#[command(
    name = "tablica",
    version,
    about = "Statyczne portale partnerstw samorządów / Static portals for partnerships of local governments"
)]
struct Cli {
    /// Language of messages: pl (default) or en.
    #[arg(long, global = true, value_enum, default_value_t = MessageLang::Pl)]
    lang: MessageLang,
    /// Workspace folder holding config.yaml (default: current folder).
    #[arg(long, global = true, default_value = ".")]
    root: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum MessageLang {
    Pl,
    En,
}

/// Where `new` and `import` put the page.
#[derive(Args)]
struct PagePlace {
    /// The site (its id in config.yaml).
    #[arg(long)]
    site: String,
    /// The section folder under content/<site>/.
    #[arg(long, default_value = "aktualnosci")]
    section: String,
}

#[derive(Subcommand)]
enum Command {
    /// Build every site into the output folder (public/ by default).
    Build {
        /// Build only the site with this id.
        #[arg(long)]
        site: Option<String>,
        /// Include announcements marked draft: true.
        #[arg(long)]
        drafts: bool,
        /// Publish under this address instead of base_url from config.yaml
        /// (with several sites, each goes to URL/<id>/).
        #[arg(long)]
        base_url: Option<String>,
        /// Write into this folder instead of output_dir from config.yaml.
        #[arg(long)]
        output: Option<PathBuf>,
        /// Build as on this date (20.01.2021 or 2021-01-20): announcements
        /// dated later wait for it. Today by default.
        #[arg(long, value_parser = parse_date)]
        now: Option<PageDate>,
    },
    /// Preview the sites in a browser: build, serve on this computer, and
    /// rebuild and reload the page after every saved change.
    Serve {
        /// Serve only the site with this id.
        #[arg(long)]
        site: Option<String>,
        /// Port to listen on (the next free one if it is taken; 0: any).
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Address to listen on. Only this computer by default; another
        /// address shows the preview, drafts included, to the network.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Include announcements marked draft: true.
        #[arg(long)]
        drafts: bool,
        /// Open the preview in the default browser.
        #[arg(long)]
        open: bool,
        /// Write the preview into this folder (kept at exit) instead of a
        /// temporary one. It must not be the folder published with build.
        #[arg(long)]
        output: Option<PathBuf>,
    },
    /// Start a new announcement: a file named by its date and title, from a
    /// template with every common key explained in Polish.
    New {
        /// The title of the announcement, in quotes.
        title: String,
        #[command(flatten)]
        place: PagePlace,
        /// Publication date (20.01.2021 or 2021-01-20); today by default.
        #[arg(long, value_parser = parse_date)]
        date: Option<PageDate>,
    },
    /// Turn a Word document (.docx) into an announcement, with its images.
    Import {
        /// The Word document (.docx).
        file: PathBuf,
        #[command(flatten)]
        place: PagePlace,
        /// Publication date, instead of the one found in the document.
        #[arg(long, value_parser = parse_date)]
        date: Option<PageDate>,
        /// Title, instead of the document's first heading.
        #[arg(long)]
        title: Option<String>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = match cli.lang {
        MessageLang::Pl => Lang::Pl,
        MessageLang::En => Lang::En,
    };
    match cli.command {
        Command::Build {
            site,
            drafts,
            base_url,
            output,
            now,
        } => {
            let options = BuildOptions {
                root: cli.root.clone(),
                include_drafts: drafts,
                now,
                overrides: Overrides {
                    output_dir: output,
                    base_url,
                    site,
                    site_folders: false,
                },
            };
            run_build(&options, lang)
        }
        Command::Serve {
            site,
            port,
            bind,
            drafts,
            open,
            output,
        } => {
            let options = ServeOptions {
                build: BuildOptions {
                    root: cli.root.clone(),
                    include_drafts: drafts,
                    now: None,
                    overrides: Overrides {
                        site,
                        ..Overrides::default()
                    },
                },
                bind,
                port,
                output,
                open_browser: open,
                lang,
            };
            match tablica::serve::serve(options) {
                Ok(()) => ExitCode::SUCCESS,
                Err(errors) => {
                    for diagnostic in &errors {
                        eprintln!("{}\n", diagnostic.render(lang));
                    }
                    ExitCode::FAILURE
                }
            }
        }
        Command::New { title, place, date } => {
            let options = NewOptions {
                root: cli.root.clone(),
                site: place.site,
                section: place.section,
                title,
                date,
            };
            run_authoring(authoring::new_page(&options), &cli.root, lang)
        }
        Command::Import {
            file,
            place,
            date,
            title,
        } => {
            let options = ImportOptions {
                root: cli.root.clone(),
                site: place.site,
                section: place.section,
                file,
                date,
                title,
            };
            run_authoring(authoring::import(&options), &cli.root, lang)
        }
    }
}

fn run_authoring(
    result: Result<authoring::Created, Vec<tablica::Diagnostic>>,
    root: &std::path::Path,
    lang: Lang,
) -> ExitCode {
    match result {
        Ok(created) => {
            print!("{}", created.summary(root, lang));
            ExitCode::SUCCESS
        }
        Err(errors) => {
            for diagnostic in &errors {
                eprintln!("{}\n", diagnostic.clone().relative_to(root).render(lang));
            }
            ExitCode::FAILURE
        }
    }
}

fn parse_date(value: &str) -> Result<PageDate, String> {
    PageDate::parse(value).map_err(|e| e.en)
}

fn run_build(options: &BuildOptions, lang: Lang) -> ExitCode {
    match tablica::build(options) {
        Ok(report) => {
            for warning in &report.warnings {
                eprintln!("{}", warning.render(lang));
            }
            print!("{}", tablica::report::summary(&report, &options.root, lang));
            ExitCode::SUCCESS
        }
        Err(failure) => {
            for diagnostic in &failure.diagnostics {
                eprintln!("{}\n", diagnostic.render(lang));
            }
            let errors = failure.errors().count();
            eprintln!("{}", tablica::report::failure_line(errors, lang));
            ExitCode::FAILURE
        }
    }
}
