//! The real `thaw serve --multi-user` (hosted mode), started as a child
//! process on a free port, and the few API calls every hosted test needs
//! (sign-up, sign-in).
//!
//! Starting is split in two ([`spawn`], then [`Starting::ready`]) so that
//! several servers can be launched at the same moment against one
//! database before any of them is waited for.

use std::collections::VecDeque;
use std::io::{self, BufRead, BufReader, Read};
use std::net::SocketAddr;
use std::path::Path;
use std::process::{Child, ChildStdout, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::http::{self, Connection, Response};

/// The start-up line's words (`words::SERVE_MULTI_RUNNING` in `thaw`).
pub const RUNNING: &str = "Thaw is serving many people at";

/// How many of the server's last stderr lines are kept for messages.
const STDERR_LINES: usize = 200;

/// A server launched but not yet known to listen.
pub struct Starting {
    /// `None` once handed to a [`HostedServer`].
    child: Option<Child>,
    stdout: Option<BufReader<ChildStdout>>,
    stderr: Arc<Mutex<VecDeque<String>>>,
    data_dir: Option<tempfile::TempDir>,
}

/// A running hosted server; stopped when dropped.
pub struct HostedServer {
    child: Child,
    pub addr: SocketAddr,
    /// `http://127.0.0.1:PORT`, no trailing slash.
    pub base: String,
    /// The line it printed on start.
    pub banner: String,
    stderr: Arc<Mutex<VecDeque<String>>>,
    _data_dir: tempfile::TempDir,
}

/// Launches `bin serve --multi-user --database-url URL --addr
/// 127.0.0.1:0 --no-open` and returns at once.
pub fn spawn(bin: &Path, database_url: &str) -> io::Result<Starting> {
    let data_dir = tempfile::tempdir()?;
    let mut child = Command::new(bin)
        .arg("--data-dir")
        .arg(data_dir.path())
        .args([
            "serve",
            "--multi-user",
            "--no-open",
            "--addr",
            "127.0.0.1:0",
        ])
        .arg("--database-url")
        .arg(database_url)
        // Many simulated people sign up from one address.
        .args(["--max-signups-per-minute", "1000000"])
        .env("NO_COLOR", "1")
        .env_remove("THAW_MAX_SIGNUPS_PER_MINUTE")
        // Settings from the caller's environment would change the server.
        .env_remove("THAW_DATABASE_URL")
        .env_remove("THAW_PUBLIC_URL")
        .env_remove("THAW_SIGNUP")
        .env_remove("THAW_SESSION_IDLE")
        .env_remove("THAW_SESSION_MAX")
        .env_remove("THAW_TRUST_PROXY")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    let stdout = child
        .stdout
        .take()
        .ok_or_else(|| io::Error::other("no stdout"))?;
    let stderr_pipe = child
        .stderr
        .take()
        .ok_or_else(|| io::Error::other("no stderr"))?;
    let stderr = Arc::new(Mutex::new(VecDeque::new()));
    // Always drain stderr (one line per sign-in) so the server never
    // blocks on a full pipe; keep the tail for error messages.
    let tail = Arc::clone(&stderr);
    std::thread::spawn(move || {
        for line in BufReader::new(stderr_pipe).lines() {
            let Ok(line) = line else { break };
            let mut tail = tail.lock().unwrap_or_else(|p| p.into_inner());
            if tail.len() == STDERR_LINES {
                tail.pop_front();
            }
            tail.push_back(line);
        }
    });
    Ok(Starting {
        child: Some(child),
        stdout: Some(BufReader::new(stdout)),
        stderr,
        data_dir: Some(data_dir),
    })
}

fn tail_of(stderr: &Mutex<VecDeque<String>>) -> String {
    let tail = stderr.lock().unwrap_or_else(|p| p.into_inner());
    tail.iter().cloned().collect::<Vec<_>>().join("\n")
}

impl Starting {
    /// Waits until the server prints its start-up line and answers its
    /// address. An exit before that is an error carrying its stderr.
    pub fn ready(mut self) -> io::Result<HostedServer> {
        let gone = || io::Error::other("already started");
        let mut stdout = self.stdout.take().ok_or_else(gone)?;
        let mut banner = String::new();
        loop {
            let mut line = String::new();
            if stdout.read_line(&mut line)? == 0 {
                let status = self.child.as_mut().ok_or_else(gone)?.wait()?;
                // Give the stderr thread a moment to read the last words.
                std::thread::sleep(Duration::from_millis(100));
                return Err(io::Error::other(format!(
                    "thaw serve --multi-user ended ({status}) before printing \"{RUNNING}\"; stderr:\n{}",
                    tail_of(&self.stderr)
                )));
            }
            if line.contains(RUNNING) {
                banner.push_str(line.trim());
                break;
            }
        }
        // Keep draining stdout so the server never blocks on a full pipe.
        std::thread::spawn(move || {
            let mut sink = [0u8; 4096];
            while matches!(stdout.read(&mut sink), Ok(n) if n > 0) {}
        });
        let at = banner
            .find("http://")
            .ok_or_else(|| io::Error::other(format!("no address in {banner:?}")))?;
        let base = banner[at..]
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .trim_end_matches('/')
            .to_owned();
        let addr: SocketAddr = base
            .trim_start_matches("http://")
            .parse()
            .map_err(|_| io::Error::other(format!("no address in {banner:?}")))?;
        Ok(HostedServer {
            child: self.child.take().ok_or_else(gone)?,
            addr,
            base,
            banner,
            stderr: Arc::clone(&self.stderr),
            _data_dir: self.data_dir.take().ok_or_else(gone)?,
        })
    }
}

/// A signed-in session: the cookie (`thaw_session=…`) and its CSRF token.
#[derive(Debug, Clone)]
pub struct Session {
    pub cookie: String,
    pub csrf: String,
    /// The person's id as the server answered it.
    pub person_id: String,
}

impl Session {
    /// Headers for a JSON request in this session (CSRF included).
    pub fn headers(&self) -> [(&str, &str); 3] {
        [
            ("Cookie", self.cookie.as_str()),
            ("X-CSRF-Token", self.csrf.as_str()),
            ("Content-Type", "application/json"),
        ]
    }
}

/// A JSON object with these string fields.
fn credentials(email: &str, password: &str) -> String {
    serde_json::json!({ "email": email, "password": password }).to_string()
}

/// `POST /api/v1/accounts`; the raw response (201 when created).
pub fn sign_up(conn: &mut Connection, email: &str, password: &str) -> io::Result<Response> {
    conn.send(
        "POST",
        "/api/v1/accounts",
        &[("Content-Type", "application/json")],
        Some(credentials(email, password).as_bytes()),
    )
}

/// `POST /api/v1/sessions`; the session, or an error naming the status
/// and body.
pub fn sign_in(conn: &mut Connection, email: &str, password: &str) -> io::Result<Session> {
    let response = conn.send(
        "POST",
        "/api/v1/sessions",
        &[("Content-Type", "application/json")],
        Some(credentials(email, password).as_bytes()),
    )?;
    session_of(&response)
}

/// The session a sign-in response started.
pub fn session_of(response: &Response) -> io::Result<Session> {
    let refused = || {
        io::Error::other(format!(
            "sign-in answered {}: {}",
            response.status, response.body
        ))
    };
    if response.status != 200 {
        return Err(refused());
    }
    let cookie = response
        .header("set-cookie")
        .and_then(|c| c.split(';').next())
        .filter(|c| c.contains("thaw_session="))
        .map(str::to_owned)
        .ok_or_else(refused)?;
    let body: serde_json::Value = serde_json::from_str(&response.body).map_err(|_| refused())?;
    let field = |name: &str| {
        body.get(name)
            .and_then(serde_json::Value::as_str)
            .map(str::to_owned)
    };
    Ok(Session {
        cookie,
        csrf: field("csrf_token").ok_or_else(refused)?,
        person_id: field("person_id").unwrap_or_default(),
    })
}

impl HostedServer {
    /// Launches and waits (see [`spawn`]).
    pub fn start(bin: &Path, database_url: &str) -> io::Result<Self> {
        spawn(bin, database_url)?.ready()
    }

    /// True while the process has not exited.
    pub fn is_running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// The server's last lines on stderr.
    pub fn stderr_tail(&self) -> String {
        tail_of(&self.stderr)
    }

    /// A keep-alive connection to this server.
    pub fn connect(&self) -> io::Result<Connection> {
        Connection::open(self.addr)
    }

    /// Waits until `/healthz` answers 200 (the database answers), at most
    /// `limit`.
    pub fn healthy(&self, limit: Duration) -> io::Result<()> {
        let started = Instant::now();
        loop {
            match self.get("/healthz", &[]) {
                Ok(r) if r.status == 200 => return Ok(()),
                Ok(_) | Err(_) if started.elapsed() < limit => {
                    std::thread::sleep(Duration::from_millis(50));
                }
                Ok(r) => {
                    return Err(io::Error::other(format!(
                        "/healthz answered {}: {}",
                        r.status, r.body
                    )));
                }
                Err(e) => return Err(e),
            }
        }
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

impl Drop for HostedServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Starting {
    fn drop(&mut self) {
        // Only a server that never became a HostedServer is still here.
        if let Some(child) = self.child.as_mut() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}
