//! The `tablica` command line: argument parsing and nothing else.

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;
use tablica::check::CheckCommand;
use tablica::config::Overrides;
use tablica::content::date::PageDate;
use tablica::publish::package::PackageOptions;
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
        /// Make every internal link relative, so a site works opened from
        /// disk (a USB stick, file://) and from any folder of a server.
        /// Feeds, the sitemap and canonical links stay absolute.
        #[arg(long)]
        relative: bool,
        /// Also write .htaccess into each site folder and an nginx snippet
        /// (<site>.nginx.conf) next to it: 404 page, caching, security headers.
        #[arg(long)]
        server_config: bool,
        /// Build even when `tablica check` finds accessibility errors in
        /// the content (they are still printed).
        #[arg(long)]
        allow_a11y_errors: bool,
    },
    /// Pack each built site into a zip with a manifest (path, size and
    /// SHA-256 of every file), to hand it over by e-mail or on a USB stick.
    Package {
        /// Pack only the site with this id.
        #[arg(long)]
        site: Option<String>,
        /// Write the zips into this folder (packages/ by default).
        #[arg(long)]
        to: Option<PathBuf>,
        /// Read the built sites from this folder instead of output_dir.
        #[arg(long)]
        output: Option<PathBuf>,
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
    /// Upload a built site to the `deploy:` target of its entry in
    /// config.yaml (sftp://, ftp:// or a folder), sending only what changed.
    /// The password comes from TABLICA_DEPLOY_PASSWORD or a prompt.
    Deploy {
        /// The site to upload.
        #[arg(long)]
        site: String,
        /// Only list what would be sent and deleted; change nothing.
        #[arg(long)]
        dry_run: bool,
        /// Read the built site from this folder instead of output_dir.
        #[arg(long)]
        output: Option<PathBuf>,
    },
    /// Check links and the accessibility of the content, writing nothing.
    Check {
        /// Check only the site with this id.
        #[arg(long)]
        site: Option<String>,
        /// Report format: text for people, json (one object a line) for CI.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Also ask http(s) addresses whether they answer (cached for a day
        /// in .tablica-cache/).
        #[arg(long)]
        external: bool,
        /// Judge dates as on this day (20.01.2021 or 2021-01-20). Today by default.
        #[arg(long, value_parser = parse_date)]
        now: Option<PageDate>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
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
            relative,
            server_config,
            allow_a11y_errors,
        } => {
            let options = BuildOptions {
                root: cli.root.clone(),
                include_drafts: drafts,
                now,
                relative,
                server_config,
                allow_a11y_errors,
                overrides: Overrides {
                    output_dir: output,
                    base_url,
                    site,
                    site_folders: false,
                },
            };
            run_build(&options, lang)
        }
        Command::Package { site, to, output } => {
            let options = PackageOptions {
                root: cli.root.clone(),
                site,
                to,
                output,
            };
            run_package(&options, lang)
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
                    relative: false,
                    server_config: false,
                    allow_a11y_errors: false,
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
                Err(errors) => print_errors(&errors, lang),
            }
        }
        Command::Deploy {
            site,
            dry_run,
            output,
        } => {
            let options = tablica::publish::deploy::DeployOptions {
                root: cli.root.clone(),
                site,
                dry_run,
                output,
            };
            run_deploy(&options, lang)
        }
        Command::Check {
            site,
            format,
            external,
            now,
        } => {
            let command = CheckCommand {
                root: cli.root.clone(),
                site,
                now,
                external,
            };
            run_check(&command, format, lang)
        }
    }
}

fn run_package(options: &PackageOptions, lang: Lang) -> ExitCode {
    match tablica::publish::package::package(options) {
        Ok(packages) => {
            for p in &packages {
                let path = p.path.strip_prefix(&options.root).unwrap_or(&p.path);
                println!(
                    "{}",
                    tablica::report::package_line(&p.site, p.files, p.bytes, path, lang)
                );
            }
            ExitCode::SUCCESS
        }
        Err(errors) => print_errors(&errors, lang),
    }
}

fn run_deploy(options: &tablica::publish::deploy::DeployOptions, lang: Lang) -> ExitCode {
    match tablica::publish::deploy::deploy(options) {
        Ok(deployed) => {
            for warning in &deployed.warnings {
                eprintln!("{}\n", warning.render(lang));
            }
            print!("{}", tablica::publish::deploy::line(&deployed, lang));
            ExitCode::SUCCESS
        }
        Err(errors) => print_errors(&errors, lang),
    }
}

/// Prints diagnostics that stopped a command; the exit code says it failed.
fn print_errors(errors: &[tablica::Diagnostic], lang: Lang) -> ExitCode {
    for diagnostic in errors {
        eprintln!("{}\n", diagnostic.render(lang));
    }
    ExitCode::FAILURE
}

fn run_check(command: &CheckCommand, format: Format, lang: Lang) -> ExitCode {
    match tablica::check::check(command) {
        Ok(report) => {
            for warning in &report.warnings {
                eprintln!("{}", warning.render(lang));
            }
            let output = match format {
                Format::Text => tablica::check::report::text(&report.findings, lang),
                Format::Json => tablica::check::report::json(&report.findings, lang),
            };
            print!("{output}");
            if report.findings.iter().any(|f| f.is_error()) {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(diagnostics) => print_errors(&diagnostics, lang),
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
