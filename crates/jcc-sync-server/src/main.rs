//! `jcc-sync-server`: configured by environment (see the README's "Sync server" section).
//! Prints `JCC_SYNC_SERVER=http://ADDR` on stdout once it accepts connections (useful with
//! `JCC_SYNC_LISTEN=127.0.0.1:0`); logs go to stderr.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use jcc_sync_server::Config;
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> ExitCode {
    // tokio-postgres logs every query's parameters at debug, which would put ciphertext and
    // token hashes in the logs: it stays at info whatever JCC_SYNC_LOG says.
    let filter = EnvFilter::try_from_env("JCC_SYNC_LOG")
        .unwrap_or_else(|_| EnvFilter::new("info"))
        .add_directive("tokio_postgres=info".parse().expect("a valid directive"));
    let logs = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal());
    if std::env::var("JCC_SYNC_LOG_FORMAT").is_ok_and(|f| f == "json") {
        logs.json().init();
    } else {
        logs.init();
    }
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("jcc-sync-server: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> anyhow::Result<()> {
    let config = Config::from_env()?;
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .map_err(|e| {
            anyhow::anyhow!("cannot listen on {} (JCC_SYNC_LISTEN): {e}", config.listen)
        })?;
    let addr = listener.local_addr()?;
    let server = jcc_sync_server::Server::prepare(config).await?;
    // Only now, migrated and listening: whoever waits for this line can send requests.
    println!("JCC_SYNC_SERVER=http://{addr}");
    std::io::stdout().flush()?;
    tracing::info!(%addr, "listening");
    server.run(listener, shutdown_signal()).await
}

async fn shutdown_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
            .expect("a SIGTERM handler");
        tokio::select! {
            _ = ctrl_c => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    let _ = ctrl_c.await;
    tracing::info!("shutting down");
}
