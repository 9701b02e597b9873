//! Load on the real `thaw serve` over loopback, with ten years of
//! check-ins (30,000) in its SQLite database: requests per second and
//! latency percentiles of the today page and of a check-in POST, at 50
//! concurrent keep-alive connections.
//!
//! Run with `cargo bench -p thaw --bench web`. Target: p99 of the today
//! page under 10 ms.

use std::error::Error;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use thaw_testkit::server::Served;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

const CONNECTIONS: usize = 50;
const PAGE_REQUESTS_EACH: usize = 200;
const POST_REQUESTS_EACH: usize = 20;

type Res<T> = Result<T, Box<dyn Error + Send + Sync>>;

fn main() -> Res<()> {
    let dir = tempfile::tempdir()?;
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data)?;
    let seeded = thaw_testkit::seed::ten_years_of_checkins(&data.join("thaw.db"), 30_000)?;
    let served = Served::start(Path::new(env!("CARGO_BIN_EXE_thaw")), &data)?;
    let cookie = served.login()?;
    println!(
        "thaw serve, SQLite store of {seeded} check-ins, {CONNECTIONS} connections on loopback:"
    );

    let host = served.addr;
    let page = format!("GET / HTTP/1.1\r\nHost: {host}\r\nCookie: {cookie}\r\n\r\n");
    report(
        "GET / (today page)",
        &load(served.addr, page.into_bytes(), 200, PAGE_REQUESTS_EACH)?,
    );

    let body = r#"{"mood": 4, "numbness": 7, "energy": 3, "sensations": ["I feel detached"], "plan": "short walk"}"#;
    let post = format!(
        "POST /api/v1/checkins HTTP/1.1\r\nHost: {host}\r\nCookie: {cookie}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    report(
        "POST /api/v1/checkins",
        &load(served.addr, post.into_bytes(), 201, POST_REQUESTS_EACH)?,
    );
    served.stop()?;
    Ok(())
}

struct Outcome {
    latencies: Vec<Duration>,
    wall: Duration,
    failures: usize,
}

/// One request on an open keep-alive connection; answers the status.
async fn send(stream: &mut BufReader<TcpStream>, request: &[u8]) -> Res<u16> {
    stream.get_mut().write_all(request).await?;
    let mut line = String::new();
    stream.read_line(&mut line).await?;
    let status: u16 = line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or("no status line")?;
    let mut length = 0usize;
    loop {
        line.clear();
        stream.read_line(&mut line).await?;
        let header = line.trim_end();
        if header.is_empty() {
            break;
        }
        if let Some((k, v)) = header.split_once(':') {
            if k.eq_ignore_ascii_case("content-length") {
                length = v.trim().parse()?;
            }
        }
    }
    let mut body = vec![0u8; length];
    stream.read_exact(&mut body).await?;
    Ok(status)
}

/// `CONNECTIONS` keep-alive connections, each sending `each` requests,
/// from one client thread (so the server keeps the other core).
fn load(addr: SocketAddr, request: Vec<u8>, expect: u16, each: usize) -> Res<Outcome> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let request = Arc::new(request);
        let started = Instant::now();
        let mut tasks = Vec::new();
        for _ in 0..CONNECTIONS {
            let request = Arc::clone(&request);
            tasks.push(tokio::spawn(async move {
                let stream = TcpStream::connect(addr).await?;
                stream.set_nodelay(true)?;
                let mut stream = BufReader::new(stream);
                send(&mut stream, &request).await?; // warm-up, not measured
                let mut times = Vec::with_capacity(each);
                let mut failures = 0;
                for _ in 0..each {
                    let t = Instant::now();
                    if send(&mut stream, &request).await? != expect {
                        failures += 1;
                    }
                    times.push(t.elapsed());
                }
                Res::Ok((times, failures))
            }));
        }
        let mut latencies = Vec::new();
        let mut failures = 0;
        for t in tasks {
            let (times, failed) = t.await??;
            latencies.extend(times);
            failures += failed;
        }
        let wall = started.elapsed();
        latencies.sort();
        Ok(Outcome {
            latencies,
            wall,
            failures,
        })
    })
}

fn report(what: &str, o: &Outcome) {
    let n = o.latencies.len();
    let pct = |p: usize| {
        o.latencies
            .get((n * p).div_ceil(100).saturating_sub(1))
            .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    };
    println!(
        "  {what}: {:.0} requests/s, p50 {:.2} ms, p99 {:.2} ms ({n} requests, {} failed)",
        n as f64 / o.wall.as_secs_f64(),
        pct(50),
        pct(99),
        o.failures
    );
}
