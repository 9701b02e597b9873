//! `thaw serve`: the web app on this computer.

use std::io;
use std::net::SocketAddr;
use std::process::{Command, Stdio};
use std::sync::Arc;

use thaw_core::InputError;

use crate::cli::ServeArgs;
use crate::{Ctx, Failure, out, words};

pub fn run(ctx: &Ctx, args: ServeArgs) -> Result<(), Failure> {
    let addr: SocketAddr = args.addr.parse().map_err(|_| {
        InputError::new(
            "addr",
            &args.addr,
            "use an address and port like 127.0.0.1:7878",
        )
    })?;
    if args.multi_user {
        return run_multi(ctx, args, addr);
    }
    if !thaw_web::is_loopback(&addr) {
        return Err(InputError::new("addr", &args.addr, words::SERVE_LOOPBACK_ONLY).into());
    }
    let thaw = ctx.open()?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|e| io::Error::new(e.kind(), words::cannot_listen(addr, &e)))?;
        let bound = listener.local_addr()?;
        let config = thaw_web::Config {
            addr: bound,
            data_dir: ctx.data.root().display().to_string(),
        };
        let (app, state) = thaw_web::router(thaw, Arc::clone(&ctx.clock), &config);
        let login = state.login_url();
        if ctx.out.json {
            ctx.out.json(
                &serde_json::json!({ "url": format!("http://{bound}/"), "login_url": login }),
            )?;
        } else {
            ctx.out
                .line(format!("{} http://{bound}/", words::SERVE_RUNNING))?;
            ctx.out.line(format!("{} {login}", words::SERVE_OPEN))?;
            ctx.out.line(format!(
                "{} {}",
                words::SERVE_STOP,
                ctx.data.root().display()
            ))?;
        }
        if !args.no_open {
            open_browser(&login);
        }
        axum::serve(listener, app)
            .with_graceful_shutdown(stop_signal())
            .await
    })?;
    Ok(())
}

/// `thaw serve --multi-user`: accounts on a shared store.
fn run_multi(ctx: &Ctx, args: ServeArgs, addr: SocketAddr) -> Result<(), Failure> {
    let Some(url) = args.database_url.as_deref() else {
        return Err(InputError::new("database-url", "", words::SERVE_NEEDS_DATABASE).into());
    };
    let signup: thaw_app::accounts::Signup = args.signup.parse()?;
    if args.session_idle == 0 || args.session_max == 0 {
        return Err(InputError::new(
            "session-idle",
            "0",
            "at least 1 minute (and --session-max at least 1 hour)",
        )
        .into());
    }
    if let Some(public) = &args.public_url {
        if !(public.starts_with("https://") || public.starts_with("http://")) {
            return Err(InputError::new(
                "public-url",
                public,
                "an address like https://thaw.example.org",
            )
            .into());
        }
    }
    let mailer = match (&args.smtp_url, &args.smtp_from) {
        (Some(url), Some(from)) => Some(thaw_app::mail::Mailer::new(url, from)?),
        _ => None,
    };
    let store = thaw_store::Store::open_url(url).map_err(thaw_app::AppError::from)?;
    let policy = thaw_app::accounts::Policy {
        signup,
        session_idle: std::time::Duration::from_secs(args.session_idle * 60),
        session_max: std::time::Duration::from_secs(args.session_max * 3600),
        max_signups_per_address: i64::from(args.max_signups_per_minute),
        ..thaw_app::accounts::Policy::default()
    };
    let accounts = thaw_app::accounts::Accounts::new(Arc::new(store), policy);
    let reminders = accounts.clone();
    let hosted = thaw_web::Hosted {
        public_url: args.public_url.clone(),
        trust_proxy: args.trust_proxy,
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| {
            io::Error::new(e.kind(), format!("could not listen on {addr} ({e})"))
        })?;
        let bound = listener.local_addr()?;
        let config = thaw_web::Config { addr: bound, data_dir: String::new() };
        let (app, state) = thaw_web::router_multi(accounts, hosted, Arc::clone(&ctx.clock), &config);
        if let Some(mailer) = mailer {
            tokio::spawn(send_reminders(reminders, mailer, Arc::clone(&ctx.clock)));
        }
        if ctx.out.json {
            ctx.out.json(&serde_json::json!({ "url": format!("http://{bound}/"), "login_url": state.login_url() }))?;
        } else {
            ctx.out.line(format!("{} http://{bound}/ ({})", words::SERVE_MULTI_RUNNING, store_kind(url)))?;
            ctx.out.line(format!("{} {}", words::SERVE_MULTI_SIGNIN, state.login_url()))?;
        }
        axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>())
            .with_graceful_shutdown(stop_signal())
            .await
    })?;
    Ok(())
}

/// Every five minutes, the day's gentle reminder emails (each once a day,
/// whichever server sends it first).
async fn send_reminders(
    accounts: thaw_app::accounts::Accounts,
    mailer: thaw_app::mail::Mailer,
    clock: Arc<dyn thaw_core::Clock>,
) {
    let mut every = tokio::time::interval(std::time::Duration::from_secs(300));
    loop {
        every.tick().await;
        let (a, m, c) = (accounts.clone(), mailer.clone(), Arc::clone(&clock));
        match tokio::task::spawn_blocking(move || a.send_due_reminders(c.as_ref(), &m)).await {
            Ok(Err(e)) => eprintln!("thaw serve: reminders: {e}"),
            Err(e) => eprintln!("thaw serve: reminders stopped: {e}"),
            Ok(Ok(_)) => {}
        }
    }
}

/// `thaw migrate`: opening the store brings its schema up to date.
pub fn migrate(ctx: &Ctx, url: &str) -> Result<(), Failure> {
    let store = thaw_store::Store::open_url(url).map_err(thaw_app::AppError::from)?;
    let version = store.schema_version();
    if ctx.out.json {
        return Ok(ctx
            .out
            .json(&serde_json::json!({ "schema_version": version }))?);
    }
    ctx.out.line(words::migrated(store_kind(url), version))?;
    Ok(())
}

fn store_kind(url: &str) -> &'static str {
    if url.starts_with("sqlite://") {
        "SQLite"
    } else {
        "PostgreSQL"
    }
}

/// Opens the link in the person's browser, if this machine has a way.
fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    let spawned = Command::new(opener)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    if spawned.is_err() {
        out::note(words::SERVE_NO_BROWSER);
    }
}

async fn stop_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    out::note(words::SERVE_STOPPED);
}
