//! The `tablica` command line: argument parsing and nothing else. Its
//! help and errors speak the user's language (see [`cli`]).

mod cli;

use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use tablica::authoring::{self, ImportOptions, NewOptions};
use tablica::base::date::PageDate;
use tablica::check::CheckCommand;
use tablica::config::Overrides;
use tablica::publish::deploy::DeployOptions;
use tablica::publish::package::PackageOptions;
use tablica::report::console::{ColorChoice, Console, Format, Verbosity};

// A build allocates many small strings from both cores at once; mimalloc
// cuts the time glibc's malloc took in the profile (see bench/RESULTS.md).
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use tablica::report::progress::{self, ProgressLine};

/// Turns transparent huge pages off for this process. mimalloc asks the
/// kernel for them, and the kernel then zeroes 2 MB at each first touch of
/// memory that a build takes and gives back in small pieces: about a tenth
/// of a 10,000-page build's time went to `clear_page_erms`, and without
/// them the build is ~5 % faster and 15 % smaller (bench/RESULTS.md).
fn refuse_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes plain integers and touches no memory
    // of ours; failing (an old kernel) only leaves the default in place.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}
use tablica::serve::ServeOptions;
use tablica::BuildOptions;

#[derive(Parser)]
#[command(name = "tablica", version = tablica::VERSION)]
struct Cli {
    /// Language of messages: pl (default) or en.
    #[arg(long, global = true, value_enum, default_value_t = MessageLang::Pl)]
    lang: MessageLang,
    /// Workspace folder holding config.yaml (default: current folder).
    #[arg(long, global = true, default_value = ".")]
    root: PathBuf,
    /// Output: text for people, or json (one object per line) for tools.
    #[arg(long, global = true, value_enum, default_value_t = FormatArg::Text)]
    format: FormatArg,
    /// Print errors only.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    quiet: bool,
    /// Also print how long each stage took and what was left out.
    #[arg(short, long, global = true)]
    verbose: bool,
    /// Colour: auto (on a terminal, unless NO_COLOR is set), always, never.
    #[arg(long, global = true, value_enum, default_value_t = ColorArg::Auto)]
    color: ColorArg,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Text,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum ColorArg {
    Auto,
    Always,
    Never,
}

impl Cli {
    /// Reads the command line; a wrong one is explained in the user's
    /// language and ends the program (exit code 2, or 0 for --help).
    fn parse_localized() -> Cli {
        let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
        let lang = cli::language(&args);
        let parsed = cli::localized(Cli::command(), lang)
            .try_get_matches_from(&args)
            .and_then(|matches| Cli::from_arg_matches(&matches));
        parsed.unwrap_or_else(|error| {
            let text = match error.kind() {
                clap::error::ErrorKind::DisplayHelp
                | clap::error::ErrorKind::DisplayVersion
                | clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
                    error.render().to_string()
                }
                _ => cli::explain(&error, lang),
            };
            if error.use_stderr() {
                eprint!("{text}");
            } else {
                print!("{text}");
            }
            std::process::exit(error.exit_code())
        })
    }

    fn console(&self) -> Console {
        // --lang when given, else the locale: see cli::language.
        let lang = cli::current();
        let format = match self.format {
            FormatArg::Text => Format::Text,
            FormatArg::Json => Format::Json,
        };
        let verbosity = if self.quiet {
            Verbosity::Quiet
        } else if self.verbose {
            Verbosity::Verbose
        } else {
            Verbosity::Normal
        };
        let color = match self.color {
            ColorArg::Auto => ColorChoice::Auto,
            ColorArg::Always => ColorChoice::Always,
            ColorArg::Never => ColorChoice::Never,
        };
        Console::new(&self.root, lang, format, verbosity, color)
    }
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
    Build(BuildArgs),
    /// Pack each site into a zip that works opened from disk (links
    /// relative to each page), with a manifest (path, size and SHA-256 of
    /// every file), to hand it over by e-mail or on a USB stick.
    Package(PackageArgs),
    /// Preview the sites in a browser: build, serve on this computer, and
    /// rebuild and reload the page after every saved change.
    Serve(ServeArgs),
    /// Write and publish announcements in the browser, on this computer
    /// only: a form instead of YAML, the page as it will look, the check's
    /// advice while typing, photos and documents, publishing and upload.
    #[command(visible_alias = "editor")]
    Edytor(EditorArgs),
    /// Upload a built site to the `deploy:` target of its entry in
    /// config.yaml (sftp://, ftp:// or a folder), sending only what changed.
    /// The password comes from TABLICA_DEPLOY_PASSWORD or a prompt.
    Deploy(DeployArgs),
    /// Check links and the accessibility of the content, writing nothing.
    Check(CheckArgs),
    /// Start a new announcement: a file named by its date and title, from a
    /// template with every common key explained in Polish.
    New(NewArgs),
    /// Turn a Word document (.docx) into an announcement, with its images.
    Import(ImportArgs),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    Completions { shell: clap_complete::Shell },
    /// Print the manual page (roff), e.g. `tablica man > tablica.1`.
    Man,
}

// Each command's flags live in a struct of their own that turns into the
// library's options, so `main` only dispatches. The commands' help text is
// on the variants above: a doc comment here would be clap's text too.

#[derive(Args)]
struct BuildArgs {
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
}

impl BuildArgs {
    fn options(self, root: &Path) -> BuildOptions {
        BuildOptions {
            root: root.to_path_buf(),
            include_drafts: self.drafts,
            now: self.now,
            relative: self.relative,
            server_config: self.server_config,
            allow_a11y_errors: self.allow_a11y_errors,
            progress: None,
            overrides: Overrides {
                output_dir: self.output,
                base_url: self.base_url,
                site: self.site,
                site_folders: false,
            },
        }
    }
}

#[derive(Args)]
struct PackageArgs {
    /// Pack only the site with this id.
    #[arg(long)]
    site: Option<String>,
    /// Write the zips into this folder (packages/ by default).
    #[arg(long)]
    to: Option<PathBuf>,
    /// With --as-built: read the built sites from this folder instead of
    /// output_dir.
    #[arg(long, requires = "as_built")]
    output: Option<PathBuf>,
    /// Pack the output folder as it was built (for a server, by hand)
    /// instead of building each site with relative links that work opened
    /// from disk.
    #[arg(long)]
    as_built: bool,
    /// The build's date for the packages (today by default).
    #[arg(long, value_parser = parse_date)]
    now: Option<PageDate>,
}

impl PackageArgs {
    fn options(self, root: &Path) -> PackageOptions {
        PackageOptions {
            root: root.to_path_buf(),
            site: self.site,
            to: self.to,
            output: self.output,
            as_built: self.as_built,
            now: self.now,
            progress: None,
        }
    }
}

#[derive(Args)]
struct ServeArgs {
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
    /// Also serve the editor (as `tablica edytor`) at /edytor/.
    #[arg(long, visible_alias = "editor")]
    edytor: bool,
}

#[derive(Args)]
struct EditorArgs {
    /// Offer only the site with this id.
    #[arg(long)]
    site: Option<String>,
    /// Port to listen on (the next free one if it is taken; 0: any).
    #[arg(long, default_value_t = 1112)]
    port: u16,
    /// Start without opening the editor in the browser.
    #[arg(long)]
    no_open: bool,
}

impl EditorArgs {
    /// The editor is `serve` on this computer only, with the editor on.
    fn options(self, root: &Path, console: &Console) -> ServeOptions {
        let serve = ServeArgs {
            site: self.site,
            port: self.port,
            bind: std::net::IpAddr::V4(std::net::Ipv4Addr::LOCALHOST),
            drafts: false,
            open: !self.no_open,
            output: None,
            edytor: true,
        };
        serve.options(root, console)
    }
}

impl ServeArgs {
    /// The preview builds like `build` with defaults, but for drafts and
    /// the site; serve itself sets where it writes and its address.
    fn options(self, root: &Path, console: &Console) -> ServeOptions {
        ServeOptions {
            build: BuildOptions {
                root: root.to_path_buf(),
                include_drafts: self.drafts,
                now: None,
                relative: false,
                server_config: false,
                allow_a11y_errors: false,
                progress: None,
                overrides: Overrides {
                    site: self.site,
                    ..Overrides::default()
                },
            },
            bind: self.bind,
            port: self.port,
            output: self.output,
            open_browser: self.open,
            lang: console.lang,
            color: console.color(),
            editor: self.edytor,
        }
    }
}

#[derive(Args)]
struct DeployArgs {
    /// The site to upload.
    #[arg(long)]
    site: String,
    /// Only list what would be sent and deleted; change nothing.
    #[arg(long)]
    dry_run: bool,
    /// Read the built site from this folder instead of output_dir.
    #[arg(long)]
    output: Option<PathBuf>,
}

impl DeployArgs {
    fn options(self, root: &Path) -> DeployOptions {
        DeployOptions {
            root: root.to_path_buf(),
            site: self.site,
            dry_run: self.dry_run,
            output: self.output,
            progress: None,
            password: None,
        }
    }
}

#[derive(Args)]
struct CheckArgs {
    /// Check only the site with this id.
    #[arg(long)]
    site: Option<String>,
    /// Also ask http(s) addresses whether they answer (cached for a day
    /// in .tablica-cache/).
    #[arg(long)]
    external: bool,
    /// Judge dates as on this day (20.01.2021 or 2021-01-20). Today by default.
    #[arg(long, value_parser = parse_date)]
    now: Option<PageDate>,
}

impl CheckArgs {
    fn command(self, root: &Path) -> CheckCommand {
        CheckCommand {
            root: root.to_path_buf(),
            site: self.site,
            now: self.now,
            external: self.external,
            progress: None,
        }
    }
}

#[derive(Args)]
struct NewArgs {
    /// The title of the announcement, in quotes.
    title: String,
    #[command(flatten)]
    place: PagePlace,
    /// Publication date (20.01.2021 or 2021-01-20); today by default.
    #[arg(long, value_parser = parse_date)]
    date: Option<PageDate>,
    /// An easy-to-read page (ETR) at the site's root instead of an announcement.
    #[arg(long, conflicts_with = "pjm")]
    etr: bool,
    /// A Polish Sign Language page (PJM) at the site's root, with its video.
    #[arg(long)]
    pjm: bool,
}

impl NewArgs {
    fn options(self, root: &Path) -> NewOptions {
        NewOptions {
            root: root.to_path_buf(),
            site: self.place.site,
            section: self.place.section,
            title: self.title,
            date: self.date,
            kind: match (self.etr, self.pjm) {
                (true, _) => tablica::content::front_matter::PageKind::Etr,
                (_, true) => tablica::content::front_matter::PageKind::Pjm,
                _ => tablica::content::front_matter::PageKind::Page,
            },
        }
    }
}

#[derive(Args)]
struct ImportArgs {
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
}

impl ImportArgs {
    fn options(self, root: &Path) -> ImportOptions {
        ImportOptions {
            root: root.to_path_buf(),
            site: self.place.site,
            section: self.place.section,
            file: self.file,
            date: self.date,
            title: self.title,
        }
    }
}

fn main() -> ExitCode {
    refuse_huge_pages();
    let cli = Cli::parse_localized();
    let console = cli.console();
    let root = &cli.root;
    match cli.command {
        Command::Build(args) => run_build(&args.options(root), &console),
        Command::Package(args) => run_package(&args.options(root), &console),
        Command::Serve(args) => run_serve(args.options(root, &console), &console),
        Command::Edytor(args) => run_serve(args.options(root, &console), &console),
        Command::Deploy(args) => run_deploy(&args.options(root), &console),
        Command::Check(args) => run_check(&args.command(root), &console),
        Command::New(args) => {
            run_authoring(authoring::new_page(&args.options(root)), root, &console)
        }
        Command::Import(args) => {
            run_authoring(authoring::import(&args.options(root)), root, &console)
        }
        Command::Completions { shell } => print_completions(shell),
        Command::Man => print_man_page(),
    }
}

fn print_completions(shell: clap_complete::Shell) -> ExitCode {
    // Into memory first: clap_complete panics when a pipe closes early.
    let mut script = Vec::new();
    let mut command = cli::localized(Cli::command(), cli::current());
    clap_complete::generate(shell, &mut command, "tablica", &mut script);
    write_stdout(&script)
}

fn print_man_page() -> ExitCode {
    let mut page = Vec::new();
    match clap_mangen::Man::new(cli::localized(Cli::command(), cli::current())).render(&mut page) {
        Ok(()) => write_stdout(&page),
        Err(_) => ExitCode::from(3),
    }
}

fn run_serve(options: ServeOptions, console: &Console) -> ExitCode {
    match tablica::serve::serve(options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(errors) => print_errors(&errors, console),
    }
}

/// Starts a progress line when one is wanted; returns its counters.
fn progress_line(
    console: &Console,
) -> (
    Option<std::sync::Arc<tablica::base::progress::Progress>>,
    ProgressLine,
) {
    let quiet = console.verbosity == Verbosity::Quiet;
    if !progress::wanted(quiet, console.format == Format::Json) {
        return (None, ProgressLine::none());
    }
    let counters = std::sync::Arc::new(tablica::base::progress::Progress::default());
    let line = ProgressLine::start(counters.clone(), console.lang);
    (Some(counters), line)
}

fn run_package(options: &PackageOptions, console: &Console) -> ExitCode {
    let mut options = options.clone();
    let (counters, line) = progress_line(console);
    options.progress = counters;
    let result = tablica::publish::package::package(&options);
    line.finish();
    match result {
        Ok(packages) => {
            for p in &packages {
                let path = p.path.strip_prefix(&options.root).unwrap_or(&p.path);
                let line =
                    tablica::report::package_line(&p.site, p.files, p.bytes, path, console.lang);
                console.say(&line);
            }
            ExitCode::SUCCESS
        }
        Err(errors) => print_errors(&errors, console),
    }
}

fn run_deploy(options: &DeployOptions, console: &Console) -> ExitCode {
    let mut options = options.clone();
    let (counters, line) = progress_line(console);
    options.progress = counters;
    let result = tablica::publish::deploy::deploy(&options);
    line.finish();
    match result {
        Ok(deployed) => {
            console.diagnostics(&deployed.warnings);
            console.say(&tablica::publish::deploy::line(&deployed, console.lang));
            ExitCode::SUCCESS
        }
        Err(errors) => print_errors(&errors, console),
    }
}

/// Prints diagnostics that stopped a command; the exit code says why.
fn print_errors(errors: &[tablica::Diagnostic], console: &Console) -> ExitCode {
    console.diagnostics(errors);
    ExitCode::from(tablica::base::diagnostic::exit_code(errors).max(1))
}

fn run_check(command: &CheckCommand, console: &Console) -> ExitCode {
    let mut command = command.clone();
    let (counters, line) = progress_line(console);
    command.progress = counters;
    let result = tablica::check::check(&command);
    line.finish();
    let report = match result {
        Ok(report) => report,
        Err(diagnostics) => return print_errors(&diagnostics, console),
    };
    let output = match console.format {
        Format::Text => tablica::report::check::text(
            &report.findings,
            &report.problems,
            &command.root,
            console.lang,
            console.color(),
        ),
        Format::Json => {
            console.diagnostics(&report.problems);
            tablica::report::check::json(&report.findings, &report.problems, console.lang)
        }
    };
    let errors = report.has_errors();
    if console.verbosity > Verbosity::Quiet || errors || console.format == Format::Json {
        print!("{output}");
    }
    if errors {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn run_authoring(
    result: Result<authoring::Created, Vec<tablica::Diagnostic>>,
    root: &std::path::Path,
    console: &Console,
) -> ExitCode {
    match result {
        Ok(created) => {
            console.say(&created.summary(root, console.lang));
            ExitCode::SUCCESS
        }
        Err(errors) => {
            let errors: Vec<_> = errors.into_iter().map(|d| d.relative_to(root)).collect();
            print_errors(&errors, console)
        }
    }
}

/// Writes generated text; a reader that went away (`| head`) is no error.
fn write_stdout(bytes: &[u8]) -> ExitCode {
    use std::io::Write;
    let _ = std::io::stdout().write_all(bytes);
    ExitCode::SUCCESS
}

fn parse_date(value: &str) -> Result<PageDate, String> {
    PageDate::parse(value).map_err(|e| e.get(cli::current()).to_string())
}

fn run_build(options: &BuildOptions, console: &Console) -> ExitCode {
    let lang = console.lang;
    let mut options = options.clone();
    let (counters, line) = progress_line(console);
    options.progress = counters;
    let result = tablica::build(&options);
    line.finish();
    match result {
        Ok(report) => {
            console.diagnostics(&report.warnings);
            console.say(&tablica::report::summary(&report, &options.root, lang));
            for line in tablica::report::details(&report, lang) {
                console.detail(&line);
            }
            console.json(&tablica::report::json_summary(&report, 0));
            ExitCode::SUCCESS
        }
        Err(failure) => {
            console.diagnostics(&failure.diagnostics);
            let errors = failure.errors().count();
            console.failure(&tablica::report::failure_line(errors, lang));
            console.json(&tablica::report::failure_json(&failure));
            ExitCode::from(tablica::base::diagnostic::exit_code(&failure.diagnostics).max(1))
        }
    }
}
