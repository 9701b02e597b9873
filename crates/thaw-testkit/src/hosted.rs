//! The real `thaw serve --multi-user` (hosted mode), started as a child
//! process on a free port, and the few API calls every hosted test needs
//! (sign-up, sign-in).
//!
//! Starting is split in two ([`spawn`], then [`Starting::ready`]) so that
//! several servers can be launched at the same moment against one
//! database before any of them is waited for.

use std::io;
use std::ops::{Deref, DerefMut};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

use crate::http::{self, Connection, Response};
use crate::server::{Process, start_line};

/// The start-up line's words (`words::SERVE_MULTI_RUNNING` in `thaw`).
pub const RUNNING: &str = "Thaw is serving many people at";

/// How many of the server's last stderr lines [`HostedServer::stderr_tail`]
/// answers.
const STDERR_LINES: usize = 200;

/// The sign-up limit per address and minute unless the caller sets one:
/// many simulated people sign up from one address.
const SIGNUPS_PER_MINUTE: &str = "1000000";

/// A server launched but not yet known to listen.
pub struct Starting {
    /// `None` once handed to a [`HostedServer`].
    child: Option<Child>,
    stdout: Option<ChildStdout>,
    data_dir: Option<tempfile::TempDir>,
}

/// A running hosted server; stopped when dropped. Its address, `get`,
/// `post` and `is_running` are its [`Process`]'s.
pub struct HostedServer {
    /// First, so that it stops before its data directory goes.
    process: Process,
    /// The line it printed on start.
    pub banner: String,
    /// Its `--data-dir`, which also holds its stderr.
    data_dir: tempfile::TempDir,
}

impl Deref for HostedServer {
    type Target = Process;

    fn deref(&self) -> &Process {
        &self.process
    }
}

impl DerefMut for HostedServer {
    fn deref_mut(&mut self) -> &mut Process {
        &mut self.process
    }
}

/// `THAW_TEST_DATABASE_URL` (the tests' PostgreSQL database), when set
/// and not empty.
pub fn test_database_url() -> Option<String> {
    std::env::var("THAW_TEST_DATABASE_URL")
        .ok()
        .filter(|url| !url.is_empty())
}

/// The URL of a SQLite database in the file `name` under `dir`.
pub fn sqlite_url(dir: &Path, name: &str) -> String {
    format!("sqlite://{}", dir.join(name).display())
}

/// Where a server started in `data_dir` writes its stderr.
fn stderr_path(data_dir: &Path) -> PathBuf {
    data_dir.join("stderr.log")
}

/// The last [`STDERR_LINES`] lines of what the server wrote to stderr.
fn stderr_tail_in(data_dir: &Path) -> String {
    let all = std::fs::read_to_string(stderr_path(data_dir)).unwrap_or_default();
    let lines: Vec<&str> = all.lines().collect();
    lines[lines.len().saturating_sub(STDERR_LINES)..].join("\n")
}

/// Launches `bin serve --multi-user --database-url URL --addr
/// 127.0.0.1:0 --no-open` and returns at once.
pub fn spawn(bin: &Path, database_url: &str) -> io::Result<Starting> {
    spawn_with(bin, database_url, &[])
}

/// Like [`spawn`], with `args` after the others (`--public-url …`,
/// `--max-signups-per-minute 2`, …). Unless `args` sets
/// `--max-signups-per-minute`, it is a million. Settings from the
/// caller's environment are cleared; stderr goes to a file (see
/// [`HostedServer::stderr_log`]).
pub fn spawn_with(bin: &Path, database_url: &str, args: &[&str]) -> io::Result<Starting> {
    let data_dir = tempfile::tempdir()?;
    let stderr = std::fs::File::create(stderr_path(data_dir.path()))?;
    let limit: &[&str] = if args.contains(&"--max-signups-per-minute") {
        &[]
    } else {
        &["--max-signups-per-minute", SIGNUPS_PER_MINUTE]
    };
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
        .args(limit)
        .args(args)
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
        .stderr(stderr)
        .spawn()?;
    let stdout = child.stdout.take();
    Ok(Starting {
        child: Some(child),
        stdout,
        data_dir: Some(data_dir),
    })
}

impl Starting {
    /// Waits until the server prints its start-up line and answers its
    /// address. An exit before that is an error carrying its stderr.
    pub fn ready(mut self) -> io::Result<HostedServer> {
        let gone = || io::Error::other("already started");
        let stdout = self
            .stdout
            .take()
            .ok_or_else(|| io::Error::other("no stdout"))?;
        let Some(banner) = start_line(stdout, |line| line.contains(RUNNING))? else {
            let status = self.child.as_mut().ok_or_else(gone)?.wait()?;
            let data_dir = self.data_dir.as_ref().ok_or_else(gone)?;
            return Err(io::Error::other(format!(
                "thaw serve --multi-user ended ({status}) before printing \"{RUNNING}\"; stderr:\n{}",
                stderr_tail_in(data_dir.path())
            )));
        };
        let data_dir = self.data_dir.take().ok_or_else(gone)?;
        Ok(HostedServer {
            process: Process::new(self.child.take().ok_or_else(gone)?, &banner)?,
            banner,
            data_dir,
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

/// `POST /api/v1/sessions`; the raw response (200 when signed in).
pub fn sign_in_response(
    conn: &mut Connection,
    email: &str,
    password: &str,
) -> io::Result<Response> {
    conn.send(
        "POST",
        "/api/v1/sessions",
        &[("Content-Type", "application/json")],
        Some(credentials(email, password).as_bytes()),
    )
}

/// `POST /api/v1/sessions`; the session, or an error naming the status
/// and body.
pub fn sign_in(conn: &mut Connection, email: &str, password: &str) -> io::Result<Session> {
    session_of(&sign_in_response(conn, email, password)?)
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

    /// Launches with extra arguments and waits (see [`spawn_with`]).
    pub fn start_with(bin: &Path, database_url: &str, args: &[&str]) -> io::Result<Self> {
        spawn_with(bin, database_url, args)?.ready()
    }

    /// The server's last lines on stderr.
    pub fn stderr_tail(&self) -> String {
        stderr_tail_in(self.data_dir.path())
    }

    /// All the server wrote to stderr so far.
    pub fn stderr_log(&self) -> String {
        std::fs::read_to_string(stderr_path(self.data_dir.path())).unwrap_or_default()
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

    /// `method path` on a fresh connection, with `json` as the body (and
    /// its `Content-Type`) when there is one.
    pub fn request_json(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        json: Option<&serde_json::Value>,
    ) -> io::Result<Response> {
        let body = json.map(serde_json::Value::to_string);
        let mut all = headers.to_vec();
        if body.is_some() {
            all.push(("Content-Type", "application/json"));
        }
        http::request(
            self.addr,
            method,
            path,
            &all,
            body.as_deref().map(str::as_bytes),
        )
    }

    /// Stops the server and waits for it.
    pub fn stop(self) -> io::Result<()> {
        self.process.stop()
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
