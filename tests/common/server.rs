//! A running `tablica serve` or `tablica edytor` for the tests: the real
//! binary on a free port, raw HTTP requests, the live-reload stream.

use super::{tablica_command, Fixture};
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

pub const WAIT: Duration = Duration::from_secs(20);

/// A running `tablica serve` (or `edytor`) and the lines it prints.
pub struct Server {
    child: Child,
    pub port: u16,
    lines: Receiver<String>,
}

impl Server {
    /// `tablica serve --port 0` with `args`.
    pub fn start(fx: &Fixture, args: &[&str]) -> Server {
        let mut all = vec!["serve", "--port", "0"];
        all.extend(args);
        Server::spawn(fx, &all, "Podgląd: http://127.0.0.1:")
    }

    /// The binary with `args`, once it prints `ready` and its port.
    pub fn spawn(fx: &Fixture, args: &[&str], ready: &str) -> Server {
        let mut child = tablica_command()
            .arg("--root")
            .arg(fx.root())
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let (sender, lines) = channel();
        for stream in [
            Box::new(child.stdout.take().unwrap()) as Box<dyn Read + Send>,
            Box::new(child.stderr.take().unwrap()),
        ] {
            let sender = sender.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    let _ = sender.send(line);
                }
            });
        }
        let mut server = Server {
            child,
            port: 0,
            lines,
        };
        let line = server.wait_for_line(ready);
        let port = line
            .split("127.0.0.1:")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .unwrap();
        server.port = port.parse().unwrap();
        server
    }

    /// The process id (its temporary live folder is named by it).
    pub fn id(&self) -> u32 {
        self.child.id()
    }

    /// Waits for a printed line containing `needle`; returns it.
    pub fn wait_for_line(&self, needle: &str) -> String {
        let deadline = Instant::now() + WAIT;
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.lines.recv_timeout(left) {
                Ok(line) if line.contains(needle) => return line,
                Ok(_) => continue,
                Err(_) => break,
            }
        }
        panic!("serve never printed {needle:?}");
    }

    pub fn get(&self, target: &str) -> Reply {
        self.request("GET", target, &[])
    }

    pub fn request(&self, method: &str, target: &str, headers: &[(&str, &str)]) -> Reply {
        let host = format!("localhost:{}", self.port);
        let mut all = vec![("Host", host.as_str())];
        all.extend(headers);
        self.send(method, target, &all, b"")
    }

    /// A request with exactly these headers (no `Host` unless given) and body.
    pub fn send(&self, method: &str, target: &str, headers: &[(&str, &str)], body: &[u8]) -> Reply {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream.set_read_timeout(Some(WAIT)).unwrap();
        let mut request = format!("{method} {target} HTTP/1.1\r\nConnection: close\r\n");
        for (name, value) in headers {
            request.push_str(&format!("{name}: {value}\r\n"));
        }
        request.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
        let mut bytes = request.into_bytes();
        bytes.extend_from_slice(body);
        stream.write_all(&bytes).unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).unwrap();
        Reply::parse(&raw)
    }

    /// Opens the live-reload stream, past its greeting; events arrive as
    /// "name data" strings.
    pub fn events(&self) -> Receiver<String> {
        let events = self.stream();
        let hello = next_event(&events);
        assert!(hello.starts_with("hello"), "{hello}");
        events
    }

    /// Opens a live-reload stream from its first event.
    pub fn stream(&self) -> Receiver<String> {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream
            .write_all(b"GET /__tablica/events HTTP/1.1\r\nHost: localhost\r\n\r\n")
            .unwrap();
        let (sender, events) = channel();
        std::thread::spawn(move || {
            let mut name = String::new();
            for line in BufReader::new(stream).lines().map_while(Result::ok) {
                if let Some(n) = line.strip_prefix("event: ") {
                    name = n.to_string();
                } else if let Some(data) = line.strip_prefix("data: ") {
                    if sender.send(format!("{name} {data}")).is_err() {
                        return;
                    }
                }
            }
        });
        events
    }

    pub fn stop(mut self) -> std::process::ExitStatus {
        let pid = self.child.id().to_string();
        Command::new("kill").args(["-INT", &pid]).status().unwrap();
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(Instant::now() < deadline, "serve did not stop after Ctrl-C");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub struct Reply {
    pub status: u16,
    pub headers: BTreeMap<String, String>,
    pub body: String,
}

impl Reply {
    pub fn parse(raw: &[u8]) -> Reply {
        let text = String::from_utf8_lossy(raw);
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let mut lines = head.lines();
        let status = lines
            .next()
            .unwrap()
            .split(' ')
            .nth(1)
            .unwrap()
            .parse()
            .unwrap();
        let headers = lines
            .filter_map(|l| l.split_once(": "))
            .map(|(k, v)| (k.to_ascii_lowercase(), v.to_string()))
            .collect();
        Reply {
            status,
            headers,
            body: body.to_string(),
        }
    }

    pub fn header(&self, name: &str) -> &str {
        self.headers.get(name).map(String::as_str).unwrap_or("")
    }
}

pub fn next_event(events: &Receiver<String>) -> String {
    events.recv_timeout(WAIT).expect("no live-reload event")
}
