//! Load on hosted mode: the real `thaw serve --multi-user` (this
//! profile's build) on a fresh PostgreSQL database, used by many
//! simulated people at once over loopback.
//!
//! Setup (timed, not the measured phase): every person signs up and signs
//! in; people pair up (one invites, the other accepts). Measured phase:
//! every person, for several rounds, checks in with a plan and reads
//! their partner's today (snapshot and plan), from many client threads on
//! keep-alive connections. Then every person reads their partner's today
//! once more to see the partner's last plan, and the `checkins` table is
//! counted: each 201 the server answered must be a row.
//!
//! Run with `cargo bench -p thaw --bench hosted`. Needs
//! `THAW_TEST_DATABASE_URL` (any database on the server; a `thaw_t_…`
//! database is created and dropped); without it, it says so and exits 0.
//! Exits non-zero on any error or lost check-in.
//!
//! Settings (environment): `THAW_LOAD_PEOPLE` (default 1000, rounded
//! down to an even number), `THAW_LOAD_ROUNDS` (3), `THAW_LOAD_CLIENTS`
//! (concurrent connections, 50), `THAW_LOAD_SERVERS` (app servers on the
//! one database, 1; clients are spread over them).

// A benchmark driver: a panic is a failed run.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;
use std::io;
use std::net::SocketAddr;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use serde_json::Value;
use thaw_testkit::hosted::{self, HostedServer, Session};
use thaw_testkit::http::{Connection, Response};
use thaw_testkit::pg;

const PASSWORD: &str = "load test passphrase, not a real one";
/// Error messages kept for the report (all are counted).
const KEEP_ERRORS: usize = 10;

fn setting(name: &str, default: usize) -> usize {
    match std::env::var(name) {
        Ok(v) => v
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("{name} should be a number, not {v:?}")),
        Err(_) => default,
    }
}

fn main() -> ExitCode {
    let Some(base) = hosted::test_database_url() else {
        println!(
            "hosted load benchmark skipped: set THAW_TEST_DATABASE_URL to a PostgreSQL database URL \
             (e.g. postgres://postgres@127.0.0.1:5432/thaw_dev) to run it"
        );
        return ExitCode::SUCCESS;
    };
    match run(&base) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => {
            eprintln!("hosted load benchmark FAILED: see errors above");
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("hosted load benchmark could not run: {e}");
            ExitCode::FAILURE
        }
    }
}

/// One timed request.
struct Sample {
    op: &'static str,
    took: Duration,
    ok: bool,
}

/// What the client threads of one phase did.
#[derive(Default)]
struct Phase {
    samples: Vec<Sample>,
    errors: usize,
    messages: Vec<String>,
    wall: Duration,
    /// Check-ins the server acknowledged with 201.
    acked: usize,
}

/// What one client thread hands back for one work item.
#[derive(Default)]
struct Outcome {
    samples: Vec<Sample>,
    errors: Vec<String>,
    acked: usize,
}

impl Outcome {
    /// Times `f`; a response other than `expect` (or no response) is an
    /// error. Answers the response when it was the expected one.
    fn timed(
        &mut self,
        client: &mut Client,
        op: &'static str,
        expect: u16,
        f: impl FnOnce(&mut Client) -> io::Result<Response>,
    ) -> Option<Response> {
        let started = Instant::now();
        let result = f(client);
        let took = started.elapsed();
        let ok = matches!(&result, Ok(r) if r.status == expect);
        self.samples.push(Sample { op, took, ok });
        match result {
            Ok(r) if r.status == expect => Some(r),
            Ok(r) => {
                self.errors.push(format!(
                    "{op}: status {} (wanted {expect}): {}",
                    r.status,
                    r.body.chars().take(200).collect::<String>()
                ));
                None
            }
            Err(e) => {
                self.errors.push(format!("{op}: {e}"));
                None
            }
        }
    }

    fn error(&mut self, message: String) {
        self.errors.push(message);
    }
}

/// A keep-alive connection that opens a new one after a failure.
struct Client {
    addr: SocketAddr,
    conn: Option<Connection>,
}

impl Client {
    fn new(addr: SocketAddr) -> Self {
        Self { addr, conn: None }
    }

    /// Runs `f` on the connection (opened when there is none); after an
    /// error or a `Connection: close` the next call opens a new one.
    fn with_conn(
        &mut self,
        f: impl FnOnce(&mut Connection) -> io::Result<Response>,
    ) -> io::Result<Response> {
        let conn = match self.conn.take() {
            Some(conn) => conn,
            None => Connection::open(self.addr)?,
        };
        let result = f(self.conn.insert(conn));
        let closing = result.as_ref().map_or(true, |r| {
            r.header("connection")
                .is_some_and(|v| v.eq_ignore_ascii_case("close"))
        });
        if closing {
            self.conn = None;
        }
        result
    }

    /// `POST path` in `session` (JSON, CSRF token included).
    fn post(&mut self, path: &str, session: &Session, body: Option<&str>) -> io::Result<Response> {
        self.with_conn(|c| c.send("POST", path, &session.headers(), body.map(str::as_bytes)))
    }

    /// `GET path` in `session`.
    fn get(&mut self, path: &str, session: &Session) -> io::Result<Response> {
        self.with_conn(|c| c.send("GET", path, &[("Cookie", session.cookie.as_str())], None))
    }
}

/// Runs `work` for every item on `clients` threads (thread `t` takes
/// items `t`, `t + clients`, …), and gathers what they did.
fn parallel<T: Sync>(
    servers: &[SocketAddr],
    clients: usize,
    items: &[T],
    work: impl Fn(&mut Client, usize, &T, &mut Outcome) + Sync,
) -> Phase {
    on_threads(servers, clients.min(items.len()), |client, t, out| {
        for (i, item) in items.iter().enumerate().skip(t).step_by(clients) {
            work(client, i, item, out);
        }
    })
}

/// Runs `work(client, t, out)` on `threads` threads, thread `t` on its
/// own keep-alive connection to server `t % servers.len()`, and gathers
/// what they did.
fn on_threads(
    servers: &[SocketAddr],
    threads: usize,
    work: impl Fn(&mut Client, usize, &mut Outcome) + Sync,
) -> Phase {
    let phase = Mutex::new(Phase::default());
    let started = Instant::now();
    std::thread::scope(|s| {
        for t in 0..threads {
            let (phase, work) = (&phase, &work);
            let addr = servers[t % servers.len()];
            s.spawn(move || {
                let mut client = Client::new(addr);
                let mut out = Outcome::default();
                work(&mut client, t, &mut out);
                let mut phase = phase.lock().unwrap_or_else(|p| p.into_inner());
                phase.samples.append(&mut out.samples);
                phase.errors += out.errors.len();
                phase.acked += out.acked;
                let room = KEEP_ERRORS.saturating_sub(phase.messages.len());
                phase.messages.extend(out.errors.into_iter().take(room));
            });
        }
    });
    let mut phase = phase.into_inner().unwrap_or_else(|p| p.into_inner());
    phase.wall = started.elapsed();
    phase
}

fn email(i: usize) -> String {
    format!("person{i:05}@load.example")
}

fn plan(round: usize, i: usize) -> String {
    format!("round {round}: a ten-minute walk, then text a friend (person {i})")
}

fn json(body: &str) -> Option<Value> {
    serde_json::from_str(body).ok()
}

/// The string field `name` of a JSON body.
fn text(body: &str, name: &str) -> Option<String> {
    json(body).and_then(|v| v[name].as_str().map(str::to_owned))
}

/// A person after setup: their session and their partnership's id.
struct Person {
    session: Session,
    partner: usize,
    partnership: String,
}

impl Person {
    /// Where they read their partner's today.
    fn today_path(&self) -> String {
        format!("/api/v1/partners/{}/today", self.partnership)
    }
}

fn run(base: &str) -> io::Result<bool> {
    let people = setting("THAW_LOAD_PEOPLE", 1000) / 2 * 2;
    let rounds = setting("THAW_LOAD_ROUNDS", 3);
    let clients = setting("THAW_LOAD_CLIENTS", 50).max(1);
    let server_count = setting("THAW_LOAD_SERVERS", 1).max(1);
    if people < 2 {
        return Err(io::Error::other("THAW_LOAD_PEOPLE should be at least 2"));
    }
    let all_started = Instant::now();
    let (url, database) = pg::fresh_database(base)?;
    let bin = Path::new(env!("CARGO_BIN_EXE_thaw"));
    let starting: Vec<_> = (0..server_count)
        .map(|_| hosted::spawn(bin, &url))
        .collect::<io::Result<_>>()?;
    let mut servers: Vec<HostedServer> = starting
        .into_iter()
        .map(hosted::Starting::ready)
        .collect::<io::Result<_>>()?;
    for s in &servers {
        s.healthy(Duration::from_secs(10))?;
    }
    let addrs: Vec<SocketAddr> = servers.iter().map(|s| s.addr).collect();
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    println!(
        "thaw serve --multi-user ({} server{}: {}) on PostgreSQL database {}; {people} people, \
         {rounds} rounds, {clients} client threads with keep-alive connections, {cores} cores shared \
         by clients, servers and PostgreSQL",
        server_count,
        if server_count == 1 { "" } else { "s" },
        servers
            .iter()
            .map(|s| s.base.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        database.name(),
    );

    let mut report: Vec<(&'static str, Phase)> = Vec::new();
    let indices: Vec<usize> = (0..people).collect();

    // -- setup: accounts, sessions, partnerships
    let signed_up = parallel(&addrs, clients, &indices, |client, _, &i, out| {
        out.timed(client, "sign-up", 201, |c| {
            c.with_conn(|conn| hosted::sign_up(conn, &email(i), PASSWORD))
        });
    });
    record(&mut report, "setup", "sign-up", signed_up);

    let sessions = slots::<Session>(people);
    let signed_in = parallel(&addrs, clients, &indices, |client, _, &i, out| {
        let response = out.timed(client, "sign-in", 200, |c| {
            c.with_conn(|conn| hosted::sign_in_response(conn, &email(i), PASSWORD))
        });
        match response.map(|r| hosted::session_of(&r)) {
            Some(Ok(session)) => *sessions[i].lock().unwrap() = Some(session),
            Some(Err(e)) => out.error(format!("sign-in: {e}")),
            None => {}
        }
    });
    record(&mut report, "setup", "sign-in", signed_in);
    let sessions = filled(sessions);

    let pairs: Vec<usize> = (0..people / 2).collect();
    let partnerships = slots::<String>(people / 2);
    let paired = parallel(&addrs, clients, &pairs, |client, _, &k, out| {
        let (Some(inviter), Some(invitee)) = (&sessions[2 * k], &sessions[2 * k + 1]) else {
            out.error(format!("pair {k}: a session is missing"));
            return;
        };
        let Some(invite) = out.timed(client, "invite", 201, |c| {
            c.post("/api/v1/partners/invites", inviter, None)
        }) else {
            return;
        };
        let Some(code) = text(&invite.body, "code") else {
            out.error(format!("invite: no code in {}", invite.body));
            return;
        };
        let body = serde_json::json!({ "code": code }).to_string();
        let Some(accepted) = out.timed(client, "accept", 200, |c| {
            c.post("/api/v1/partners/accept", invitee, Some(&body))
        }) else {
            return;
        };
        match text(&accepted.body, "partner_id") {
            Some(id) => *partnerships[k].lock().unwrap() = Some(id),
            None => out.error(format!("accept: no partner_id in {}", accepted.body)),
        }
    });
    record(&mut report, "setup", "invite + accept", paired);
    let partnerships = filled(partnerships);

    let setup_errors: usize = report.iter().map(|(_, p)| p.errors).sum();
    if setup_errors > 0 {
        print_errors(&report);
        return Ok(false);
    }
    let persons: Vec<Person> = (0..people)
        .map(|i| Person {
            session: sessions[i].clone().unwrap(),
            partner: i ^ 1,
            partnership: partnerships[i / 2].clone().unwrap(),
        })
        .collect();

    // -- measured: check in, read the partner's today; several rounds,
    // round by round, each thread through its share of the people
    let measured = on_threads(&addrs, clients.min(people), |client, t, out| {
        for round in 0..rounds {
            for (i, p) in persons.iter().enumerate().skip(t).step_by(clients) {
                checkin_and_read(client, out, round, i, p);
            }
        }
    });
    let acked = measured.acked;
    record(
        &mut report,
        "measured",
        "check in + partner's today",
        measured,
    );

    // -- verification: everyone sees their partner's last plan; nothing lost
    let last = rounds.saturating_sub(1);
    let verified = parallel(&addrs, clients, &persons, |client, i, p, out| {
        let path = p.today_path();
        let Some(today) = out.timed(client, "verify today", 200, |c| c.get(&path, &p.session))
        else {
            return;
        };
        if rounds == 0 {
            return;
        }
        let want = plan(last, p.partner);
        let got = json(&today.body);
        let plan_seen = got.as_ref().and_then(|v| v["plan"].as_str());
        let snapshot = got.as_ref().map(|v| &v["snapshot"]);
        if plan_seen != Some(want.as_str()) || snapshot.is_none_or(Value::is_null) {
            out.error(format!(
                "person {i} sees partner {}'s today as {} (wanted plan {want:?} and a snapshot)",
                p.partner, today.body
            ));
        }
    });
    record(&mut report, "verify", "verify", verified);

    let stored = pg::query_i64(&url, "SELECT COUNT(*) FROM checkins")?;
    let connections = pg::query_i64(
        base,
        &format!(
            "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = '{}'",
            database.name()
        ),
    )?;
    let audit_rows = pg::query_i64(&url, "SELECT COUNT(*) FROM audit_log")?;
    let mut still_running = true;
    let mut server_said = Vec::new();
    for s in &mut servers {
        still_running &= s.is_running();
        // Sign-ins write one "auth event" line each; anything else is news.
        server_said.extend(
            s.stderr_tail()
                .lines()
                .filter(|l| !l.contains(" auth event="))
                .map(str::to_owned),
        );
    }
    for s in servers {
        s.stop()?;
    }
    drop(database);

    let errors: usize = report.iter().map(|(_, p)| p.errors).sum();
    let expected = people * rounds;
    print_table(&report);
    println!();
    println!(
        "- check-ins: {expected} sent, {acked} acknowledged (201), {stored} rows in `checkins`{}",
        if stored == acked as i64 {
            " — none lost"
        } else {
            " — MISMATCH"
        }
    );
    println!("- errors: {errors}");
    println!(
        "- PostgreSQL connections held by the server(s) at the end: {connections}; audit_log rows: {audit_rows}"
    );
    println!(
        "- wall time: {:.1} s in all (database, servers, setup, measured phase, verification)",
        all_started.elapsed().as_secs_f64()
    );
    print_errors(&report);
    for line in server_said.iter().take(KEEP_ERRORS) {
        eprintln!("  server stderr: {line}");
    }
    if !still_running {
        eprintln!("a server exited during the run");
    }
    Ok(errors == 0 && stored == acked as i64 && acked == expected && still_running)
}

fn checkin_and_read(client: &mut Client, out: &mut Outcome, round: usize, i: usize, p: &Person) {
    let body = serde_json::json!({
        "mood": (i + round) % 11,
        "numbness": (i * 7 + round) % 11,
        "plan": plan(round, i),
    })
    .to_string();
    let saved = out.timed(client, "POST /api/v1/checkins", 201, |c| {
        c.post("/api/v1/checkins", &p.session, Some(&body))
    });
    if saved.is_some() {
        out.acked += 1;
    }
    let path = p.today_path();
    out.timed(client, "GET /api/v1/partners/{id}/today", 200, |c| {
        c.get(&path, &p.session)
    });
}

/// One empty slot per item, for the client threads to fill.
fn slots<T>(n: usize) -> Vec<Mutex<Option<T>>> {
    (0..n).map(|_| Mutex::new(None)).collect()
}

/// What the client threads put in the slots.
fn filled<T>(slots: Vec<Mutex<Option<T>>>) -> Vec<Option<T>> {
    slots.into_iter().map(|m| m.into_inner().unwrap()).collect()
}

/// Prints how `what` went and keeps it in the report under `name`.
fn record(report: &mut Vec<(&'static str, Phase)>, name: &'static str, what: &str, phase: Phase) {
    progress(what, &phase);
    report.push((name, phase));
}

fn progress(what: &str, phase: &Phase) {
    println!(
        "  {what}: {} requests in {:.1} s ({:.0}/s), {} errors",
        phase.samples.len(),
        phase.wall.as_secs_f64(),
        phase.samples.len() as f64 / phase.wall.as_secs_f64().max(1e-9),
        phase.errors
    );
}

fn print_errors(report: &[(&'static str, Phase)]) {
    for (name, phase) in report {
        for m in &phase.messages {
            eprintln!("  error ({name}): {m}");
        }
    }
}

/// Nearest-rank percentile of sorted latencies, in milliseconds.
fn percentile(sorted: &[Duration], p: usize) -> f64 {
    let n = sorted.len();
    sorted
        .get((n * p).div_ceil(100).saturating_sub(1))
        .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
}

fn print_table(report: &[(&'static str, Phase)]) {
    println!();
    println!(
        "| Phase | Operation | Requests | Errors | Throughput (req/s) | p50 (ms) | p95 (ms) | p99 (ms) | max (ms) |"
    );
    println!("|---|---|---:|---:|---:|---:|---:|---:|---:|");
    for (name, phase) in report {
        let mut by_op: BTreeMap<&str, (Vec<Duration>, usize)> = BTreeMap::new();
        for s in &phase.samples {
            let entry = by_op.entry(s.op).or_default();
            entry.0.push(s.took);
            entry.1 += usize::from(!s.ok);
        }
        let wall = phase.wall.as_secs_f64().max(1e-9);
        let mut rows: Vec<(String, Vec<Duration>, usize)> = by_op
            .into_iter()
            .map(|(op, (t, e))| (op.to_owned(), t, e))
            .collect();
        if rows.len() > 1 {
            let all: Vec<Duration> = phase.samples.iter().map(|s| s.took).collect();
            rows.push(("all of the above".to_owned(), all, phase.errors));
        }
        for (op, mut times, errors) in rows {
            times.sort();
            println!(
                "| {name} | {op} | {} | {errors} | {:.0} | {:.2} | {:.2} | {:.2} | {:.2} |",
                times.len(),
                times.len() as f64 / wall,
                percentile(&times, 50),
                percentile(&times, 95),
                percentile(&times, 99),
                times.last().map_or(0.0, |d| d.as_secs_f64() * 1000.0),
            );
        }
    }
}
