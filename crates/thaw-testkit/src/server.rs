//! The real `thaw serve`, started as a child process on a free port.

use std::io::{self, BufRead, BufReader};
use std::net::SocketAddr;
use std::path::Path;
use std::process::{Child, Command, Stdio};

use crate::http::{self, Response};

/// A running server; stopped when dropped.
pub struct Served {
    child: Child,
    pub addr: SocketAddr,
    pub base: String,
    pub login_url: String,
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
        let mut lines = BufReader::new(stdout).lines();
        let login_url = loop {
            let Some(line) = lines.next().transpose()? else {
                let _ = child.kill();
                return Err(io::Error::other(
                    "thaw serve ended before printing its link",
                ));
            };
            if let Some(at) = line
                .find("http://")
                .filter(|_| line.contains("/login?token="))
            {
                break line[at..].trim().to_owned();
            }
        };
        // Keep draining stdout so the server never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        let base = login_url
            .split("/login")
            .next()
            .unwrap_or_default()
            .to_owned();
        let addr: SocketAddr = base
            .trim_start_matches("http://")
            .parse()
            .map_err(|_| io::Error::other(format!("no address in {login_url}")))?;
        Ok(Self {
            child,
            addr,
            base,
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

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
