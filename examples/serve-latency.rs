//! Measures how long a dev server takes from saving a file to serving the
//! changed page: `tablica serve`, `zola serve` or `hugo server`, on the
//! same content (`examples/gen-corpus.rs` writes it for all three).
//!
//! ```sh
//! cargo run --release --example serve-latency -- --tool tablica \
//!     --bin target/release/tablica --dir /tmp/bench-corpus/1x10000/tablica \
//!     --file content/<site>/aktualnosci/<newest>.md --page /<site>/aktualnosci/<slug>/ \
//!     --list /<site>/aktualnosci/ --runs 5
//! cargo run --release --example serve-latency -- --tool zola \
//!     --bin ../shared/anchors/zola --dir /tmp/bench-corpus/1x10000/zola/<site> \
//!     --file content/aktualnosci/<newest>.md --page /aktualnosci/<slug>/ \
//!     --list /aktualnosci/ --runs 5
//! cargo run --release --example serve-latency -- --tool hugo \
//!     --bin .venv-bench/lib/python3.11/site-packages/hugo/binaries/hugo \
//!     --dir /tmp/bench-corpus/1x10000/hugo/<site> \
//!     --file content/aktualnosci/<newest>.md --page /aktualnosci/<slug>/ \
//!     --list /aktualnosci/ --runs 5
//! ```
//!
//! Each run makes four edits, each timed from the moment the file is
//! written to the first HTTP answer that shows the new text (polling every
//! 2 ms):
//!
//! - **body**: a sentence added at the end of the body; the page is polled.
//! - **title**: a word added to the title; `--list` is polled, so pick the
//!   newest announcement, which the first list page shows.
//! - **new**: a copy of the file with a new title, slug and file name; the
//!   first list page is polled until it shows it. The copy is deleted after.
//! - **burst**: five saves of the body 300 ms apart; timed from the last
//!   save until the page shows the fifth.
//!
//! After each of the body and new edits the server's CPU time (user +
//! system, from /proc) is read again once it has been idle: "CPU after" is
//! all it spent between the save and then. The file is restored at the end.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

struct Args {
    tool: String,
    bin: PathBuf,
    dir: PathBuf,
    file: String,
    page: String,
    list: String,
    runs: usize,
    port: u16,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        tool: String::new(),
        bin: PathBuf::new(),
        dir: PathBuf::new(),
        file: String::new(),
        page: String::new(),
        list: String::new(),
        runs: 15,
        port: 4321,
    };
    let mut raw = std::env::args().skip(1);
    while let Some(flag) = raw.next() {
        let value = raw.next().ok_or(format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--tool" => args.tool = value,
            "--bin" => args.bin = value.into(),
            "--dir" => args.dir = value.into(),
            "--file" => args.file = value,
            "--page" => args.page = value,
            "--list" => args.list = value,
            "--runs" => args.runs = value.parse().map_err(|e| format!("--runs: {e}"))?,
            "--port" => args.port = value.parse().map_err(|e| format!("--port: {e}"))?,
            other => return Err(format!("unknown option {other}")),
        }
    }
    if !["tablica", "zola", "hugo"].contains(&args.tool.as_str()) {
        return Err("--tool must be tablica, zola or hugo".into());
    }
    if args.file.is_empty() || args.page.is_empty() || args.list.is_empty() {
        return Err("--file, --page and --list are required".into());
    }
    Ok(args)
}

fn main() {
    if let Err(message) = run() {
        eprintln!("serve-latency: {message}");
        std::process::exit(2);
    }
}

fn run() -> Result<(), String> {
    let args = parse_args()?;
    let path = args.dir.join(&args.file);
    let original =
        std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut server = start(&args)?;
    let pid = server.id();
    let result = measure(&args, &path, &original, pid);
    std::fs::write(&path, &original).map_err(|e| e.to_string())?;
    let _ = server.kill();
    let _ = server.wait();
    let times = result?;
    println!("| tool | edit | median ms | min ms | max ms | runs |");
    println!("|---|---|---:|---:|---:|---:|");
    for (edit, times) in [
        ("body → page served", &times.body),
        ("body → reload event", &times.body_event),
        ("body → CPU after", &times.body_cpu),
        ("title → list served", &times.title),
        ("new → on first list page", &times.new),
        ("new → CPU after", &times.new_cpu),
        ("burst of 5 → last served after last save", &times.burst),
    ] {
        if let Some(row) = stats(times) {
            println!("| {} | {edit} | {row} | {} |", args.tool, times.len());
        }
    }
    Ok(())
}

type Times = Vec<f64>;

#[derive(Default)]
struct Measured {
    body: Times,
    body_event: Times,
    body_cpu: Times,
    title: Times,
    new: Times,
    new_cpu: Times,
    burst: Times,
}

fn measure(args: &Args, path: &Path, original: &str, pid: u32) -> Result<Measured, String> {
    wait_until(
        args.port,
        &args.page,
        |status, _| status == 200,
        Duration::from_secs(900),
    )?;
    // The start's own work (a search index, a check) is not an edit's.
    settle(pid);
    let events = (args.tool == "tablica")
        .then(|| events(args.port))
        .transpose()?;
    let mut m = Measured::default();
    for run in 0..args.runs {
        let marker = format!("Poprawka{run}x{}", std::process::id());
        let cpu = cpu_ms(pid);
        let edited = edit_body(original, &marker);
        let (served, event) =
            timed_edit(args, path, &edited, &args.page, &marker, events.as_ref())?;
        m.body.push(served);
        m.body_event.extend(event);
        settle(pid);
        m.body_cpu.extend(cpu.zip(cpu_ms(pid)).map(|(a, b)| b - a));

        let edited = edit_title(original, &marker).ok_or("no title: line in the file")?;
        let (served, _) = timed_edit(args, path, &edited, &args.list, &marker, events.as_ref())?;
        m.title.push(served);
        write(path, original)?;
        settle(pid);

        let (new_path, text) = new_announcement(path, original, &marker)?;
        let cpu = cpu_ms(pid);
        let (served, _) = timed_edit(args, &new_path, &text, &args.list, &marker, events.as_ref())?;
        m.new.push(served);
        settle(pid);
        m.new_cpu.extend(cpu.zip(cpu_ms(pid)).map(|(a, b)| b - a));
        std::fs::remove_file(&new_path).map_err(|e| e.to_string())?;
        settle(pid);

        m.burst.push(burst(args, path, original, &marker)?);
        write(path, original)?;
        settle(pid);
        drain(events.as_ref());
    }
    Ok(m)
}

/// Five saves 300 ms apart; the time from the last save until the page
/// shows it.
fn burst(args: &Args, path: &Path, original: &str, marker: &str) -> Result<f64, String> {
    for n in 1..5 {
        write(path, &edit_body(original, &format!("{marker}b{n}")))?;
        std::thread::sleep(Duration::from_millis(300));
    }
    let last = format!("{marker}b5");
    let started = Instant::now();
    write(path, &edit_body(original, &last))?;
    wait_until(
        args.port,
        &args.page,
        |_, body| body.contains(&last),
        Duration::from_secs(120),
    )?;
    Ok(started.elapsed().as_secs_f64() * 1000.0)
}

/// A copy of the announcement with a new title, slug and file name.
fn new_announcement(
    path: &Path,
    original: &str,
    marker: &str,
) -> Result<(PathBuf, String), String> {
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .ok_or("the file has no name")?;
    let slug = format!("nowe-{}", marker.to_lowercase());
    let new_path = path.with_file_name(format!("{stem}-{slug}.md"));
    let text = edit_title(original, marker).ok_or("no title: line in the file")?;
    let text = text
        .lines()
        .map(|line| match line.split_once([':', '=']) {
            Some((key, _)) if key.trim() == "slug" => {
                let sep = &line[key.len()..=key.len()];
                format!("{key}{sep} \"{slug}\"")
            }
            _ => line.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    Ok((new_path, text + "\n"))
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Waits until the server has spent no CPU for 300 ms (60 s at most).
fn settle(pid: u32) {
    let started = Instant::now();
    let mut last = cpu_ms(pid);
    loop {
        std::thread::sleep(Duration::from_millis(300));
        let now = cpu_ms(pid);
        if now == last || started.elapsed() > Duration::from_secs(60) {
            return;
        }
        last = now;
    }
}

/// User and system time the process has used, in ms (Linux only).
fn cpu_ms(pid: u32) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the command name, which is in parentheses.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks * 10.0)
}

fn drain(events: Option<&Receiver<Instant>>) {
    if let Some(events) = events {
        while events.try_recv().is_ok() {}
    }
}

/// Writes `edited`, then polls `url` until it shows `marker`.
fn timed_edit(
    args: &Args,
    path: &Path,
    edited: &str,
    url: &str,
    marker: &str,
    events: Option<&Receiver<Instant>>,
) -> Result<(f64, Option<f64>), String> {
    drain(events);
    let started = Instant::now();
    write(path, edited)?;
    wait_until(
        args.port,
        url,
        |_, body| body.contains(marker),
        Duration::from_secs(120),
    )?;
    let served = started.elapsed().as_secs_f64() * 1000.0;
    let event = events
        .and_then(|e| e.recv_timeout(Duration::from_secs(5)).ok())
        .map(|at| at.duration_since(started).as_secs_f64() * 1000.0);
    Ok((served, event))
}

fn edit_body(original: &str, marker: &str) -> String {
    format!("{}\n\nDopisane zdanie {marker}.\n", original.trim_end())
}

/// Adds the marker to the title, in YAML (`title: "…"`) or TOML (`title = "…"`).
fn edit_title(original: &str, marker: &str) -> Option<String> {
    let line = original
        .lines()
        .find(|l| l.starts_with("title:") || l.starts_with("title ="))?;
    let (key, value) = line.split_at(line.find([':', '='])? + 1);
    let value = value.trim().trim_matches('"');
    Some(original.replacen(line, &format!("{key} \"{value} {marker}\""), 1))
}

fn start(args: &Args) -> Result<Child, String> {
    let port = args.port.to_string();
    let mut command = Command::new(&args.bin);
    if args.tool == "tablica" {
        command
            .arg("--root")
            .arg(&args.dir)
            .args(["serve", "--port", &port]);
    } else if args.tool == "zola" {
        command
            .current_dir(&args.dir)
            .args(["serve", "--port", &port, "--interface", "127.0.0.1"]);
    } else {
        command
            .current_dir(&args.dir)
            .args(["server", "--port", &port, "--bind", "127.0.0.1"]);
    }
    command
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("{}: {e}", args.bin.display()))
}

fn get(port: u16, url: &str) -> Option<(u16, String)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    let request =
        format!("GET {url} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).ok()?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).ok()?;
    let text = String::from_utf8_lossy(&raw).into_owned();
    let status = text.split(' ').nth(1)?.parse().ok()?;
    Some((status, text))
}

fn wait_until(
    port: u16,
    url: &str,
    done: impl Fn(u16, &str) -> bool,
    limit: Duration,
) -> Result<(), String> {
    let started = Instant::now();
    while started.elapsed() < limit {
        if let Some((status, body)) = get(port, url) {
            if done(status, &body) {
                return Ok(());
            }
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    Err(format!("{url} did not change within {limit:?}"))
}

/// Tablica's live-reload stream: the time each reload event arrives.
fn events(port: u16) -> Result<Receiver<Instant>, String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).map_err(|e| e.to_string())?;
    stream
        .write_all(b"GET /__tablica/events HTTP/1.1\r\nHost: localhost\r\n\r\n")
        .map_err(|e| e.to_string())?;
    let (sender, receiver) = channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines().map_while(Result::ok) {
            if line == "event: reload" && sender.send(Instant::now()).is_err() {
                return;
            }
        }
    });
    Ok(receiver)
}

fn stats(times: &[f64]) -> Option<String> {
    if times.is_empty() {
        return None;
    }
    let mut sorted = times.to_vec();
    sorted.sort_by(f64::total_cmp);
    let median = sorted[sorted.len() / 2];
    Some(format!(
        "{median:.0} | {:.0} | {:.0}",
        sorted[0],
        sorted[sorted.len() - 1]
    ))
}
