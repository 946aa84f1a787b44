//! Measures how long a dev server takes from saving a file to serving the
//! changed page: `tablica serve` or `zola serve`, on the same content.
//!
//! ```sh
//! cargo run --release --example serve-latency -- --tool tablica \
//!     --bin target/release/tablica --dir /tmp/bench-corpus/38x300/tablica \
//!     --file content/<site>/aktualnosci/<newest>.md --page /<site>/aktualnosci/<slug>/ \
//!     --list /<site>/aktualnosci/ --runs 15
//! cargo run --release --example serve-latency -- --tool zola \
//!     --bin ../shared/anchors/zola --dir /tmp/bench-corpus/38x300/zola/<site> \
//!     --file content/aktualnosci/<newest>.md --page /aktualnosci/<slug>/ \
//!     --list /aktualnosci/ --runs 15
//! ```
//!
//! Two edits, each `--runs` times: a sentence added to the last paragraph of
//! the body (only the page changes), and a word added to the title (every
//! list showing the page changes: `--list` must show it, so pick the newest
//! announcement). Each time is measured from the moment the file is written
//! to the first HTTP answer that contains the new text, polling every
//! 2 ms; for Tablica also to the live-reload event. The file is restored at
//! the end.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
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
    if !["tablica", "zola"].contains(&args.tool.as_str()) {
        return Err("--tool must be tablica or zola".into());
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
    let result = measure(&args, &path, &original);
    std::fs::write(&path, &original).map_err(|e| e.to_string())?;
    let _ = server.kill();
    let _ = server.wait();
    let (body, body_event, title, title_event) = result?;
    println!("| tool | edit | median ms | min ms | max ms | runs |");
    println!("|---|---|---:|---:|---:|---:|");
    for (edit, times) in [
        ("body → page served", &body),
        ("body → reload event", &body_event),
        ("title → list served", &title),
        ("title → reload event", &title_event),
    ] {
        if let Some(row) = stats(times) {
            println!("| {} | {edit} | {row} | {} |", args.tool, times.len());
        }
    }
    Ok(())
}

type Times = Vec<f64>;

fn measure(
    args: &Args,
    path: &PathBuf,
    original: &str,
) -> Result<(Times, Times, Times, Times), String> {
    wait_until(
        args.port,
        &args.page,
        |status, _| status == 200,
        Duration::from_secs(600),
    )?;
    let events = (args.tool == "tablica")
        .then(|| events(args.port))
        .transpose()?;
    let (mut body, mut body_event, mut title, mut title_event) = (vec![], vec![], vec![], vec![]);
    for run in 0..args.runs {
        let marker = format!("Poprawka{run}x{}", std::process::id());
        let edited = edit_body(original, &marker);
        let (served, event) =
            timed_edit(args, path, &edited, &args.page, &marker, events.as_ref())?;
        body.push(served);
        body_event.extend(event);
        settle();
        let edited = edit_title(original, &marker).ok_or("no title: line in the file")?;
        let (served, event) =
            timed_edit(args, path, &edited, &args.list, &marker, events.as_ref())?;
        title.push(served);
        title_event.extend(event);
        std::fs::write(path, original).map_err(|e| e.to_string())?;
        settle();
        drain(events.as_ref());
    }
    Ok((body, body_event, title, title_event))
}

/// Lets the watcher and the server finish with the last change.
fn settle() {
    std::thread::sleep(Duration::from_millis(400));
}

fn drain(events: Option<&Receiver<Instant>>) {
    if let Some(events) = events {
        while events.try_recv().is_ok() {}
    }
}

/// Writes `edited`, then polls `url` until it shows `marker`.
fn timed_edit(
    args: &Args,
    path: &PathBuf,
    edited: &str,
    url: &str,
    marker: &str,
    events: Option<&Receiver<Instant>>,
) -> Result<(f64, Option<f64>), String> {
    drain(events);
    let started = Instant::now();
    std::fs::write(path, edited).map_err(|e| e.to_string())?;
    wait_until(
        args.port,
        url,
        |_, body| body.contains(marker),
        Duration::from_secs(60),
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
    } else {
        command
            .current_dir(&args.dir)
            .args(["serve", "--port", &port, "--interface", "127.0.0.1"]);
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
