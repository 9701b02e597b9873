//! The real `thaw serve`, started as a child process on a free port.

use std::io::{self, BufRead, BufReader, Read};
use std::net::SocketAddr;
use std::ops::Deref;
use std::path::Path;
use std::process::{Child, Command, Stdio};

use crate::http::{self, Response};

/// Reads a starting server's `stdout` up to the first line that `wanted`
/// accepts and answers it, trimmed; the rest is drained on a thread so
/// the server never blocks on a full pipe. `None` when stdout ends first
/// (the server exited).
pub(crate) fn start_line(
    stdout: impl Read + Send + 'static,
    wanted: impl Fn(&str) -> bool,
) -> io::Result<Option<String>> {
    let mut reader = BufReader::new(stdout);
    let mut line = String::new();
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 {
            return Ok(None);
        }
        if wanted(&line) {
            break;
        }
    }
    std::thread::spawn(move || io::copy(&mut reader, &mut io::sink()));
    Ok(Some(line.trim().to_owned()))
}

/// The first `http://HOST:PORT` in `line` (no path, no trailing slash)
/// and its address.
pub(crate) fn base_in(line: &str) -> io::Result<(String, SocketAddr)> {
    let missing = || io::Error::other(format!("no address in {line:?}"));
    let at = line.find("http://").ok_or_else(missing)?;
    let host = line[at + "http://".len()..]
        .split(|c: char| c == '/' || c.is_whitespace())
        .next()
        .unwrap_or_default();
    let addr = host.parse().map_err(|_| missing())?;
    Ok((format!("http://{host}"), addr))
}

/// A server process listening on `addr`; killed (and waited for) when
/// dropped. [`Served`] and [`crate::hosted::HostedServer`] are one of
/// these and more (their fields and methods reach it through `Deref`).
pub struct Process {
    child: Child,
    pub addr: SocketAddr,
    /// `http://127.0.0.1:PORT`, no trailing slash.
    pub base: String,
}

impl Process {
    /// `child`, which printed `line` (holding its address) on start; a
    /// line without an address stops it.
    pub(crate) fn new(mut child: Child, line: &str) -> io::Result<Self> {
        match base_in(line) {
            Ok((base, addr)) => Ok(Self { child, addr, base }),
            Err(e) => {
                let _ = child.kill();
                let _ = child.wait();
                Err(e)
            }
        }
    }

    /// True while the process has not exited.
    pub fn is_running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    pub fn get(&self, path: &str, headers: &[(&str, &str)]) -> io::Result<Response> {
        http::request(self.addr, "GET", path, headers, None)
    }

    pub fn post(&self, path: &str, headers: &[(&str, &str)], body: &str) -> io::Result<Response> {
        http::request(self.addr, "POST", path, headers, Some(body.as_bytes()))
    }

    /// Stops the server and waits for it.
    pub fn stop(mut self) -> io::Result<()> {
        self.child.kill()?;
        self.child.wait().map(|_| ())
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A running `thaw serve`; stopped when dropped.
pub struct Served {
    process: Process,
    pub login_url: String,
}

impl Deref for Served {
    type Target = Process;

    fn deref(&self) -> &Process {
        &self.process
    }
}

impl Served {
    /// Starts `bin serve --no-open --addr 127.0.0.1:0` on `data_dir`.
    pub fn start(bin: &Path, data_dir: &Path) -> io::Result<Self> {
        Self::start_with(bin, data_dir, &[])
    }

    /// Like [`Served::start`], with extra environment variables.
    pub fn start_with(bin: &Path, data_dir: &Path, env: &[(&str, &str)]) -> io::Result<Self> {
        let mut child = Command::new(bin)
            .arg("--data-dir")
            .arg(data_dir)
            .args(["serve", "--no-open", "--addr", "127.0.0.1:0"])
            .envs(env.iter().copied())
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()?;
        let stdout = child
            .stdout
            .take()
            .ok_or_else(|| io::Error::other("no stdout"))?;
        let Some(login_url) = start_line(stdout, |line| {
            line.contains("http://") && line.contains("/login?token=")
        })?
        else {
            let _ = child.kill();
            return Err(io::Error::other(
                "thaw serve ended before printing its link",
            ));
        };
        let login_url = login_url[login_url.find("http://").unwrap_or_default()..].to_owned();
        Ok(Self {
            process: Process::new(child, &login_url)?,
            login_url,
        })
    }

    /// Opens the one-time link and answers the session cookie (`name=value`).
    pub fn login(&self) -> io::Result<String> {
        let path = self.login_url.trim_start_matches(&self.base);
        let response = http::request(self.addr, "GET", path, &[], None)?;
        response
            .header("set-cookie")
            .and_then(|c| c.split(';').next())
            .map(str::to_owned)
            .ok_or_else(|| {
                io::Error::other(format!(
                    "no cookie from the login link (status {})",
                    response.status
                ))
            })
    }

    /// Stops the server and waits for it.
    pub fn stop(self) -> io::Result<()> {
        self.process.stop()
    }
}
