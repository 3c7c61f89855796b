//! `sslmode=require`: the server talks TLS to the database and verifies its certificate
//! against `JCC_SYNC_DATABASE_CA` (managed YugabyteDB and CockroachDB require TLS).

mod support;

use std::process::Command;

use jcc_sync_testkit::{
    oidc_available, postgres_available, Provider, ProviderOptions, SyncServers, TestDatabase,
};
use support::server_options;

fn openssl(dir: &std::path::Path, args: &[&str]) {
    let out = Command::new("openssl")
        .current_dir(dir)
        .args(args)
        .output()
        .expect("openssl");
    assert!(
        out.status.success(),
        "openssl {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_server_reaches_a_tls_only_database_and_refuses_an_unverified_one() {
    if std::env::var("JCC_SYNC_TEST_DB_URL").is_ok_and(|v| !v.is_empty()) {
        eprintln!(
            "not run against JCC_SYNC_TEST_DB_URL: it reconfigures a throwaway cluster's TLS"
        );
        return;
    }
    if !postgres_available()
        || !oidc_available()
        || !jcc_testkit::tools(jcc_testkit::Switch::Postgres, &["openssl"], "openssl")
    {
        return;
    }
    let db = TestDatabase::create().unwrap();
    let certs = tempfile::tempdir().unwrap();
    let dir = certs.path();
    // A private CA and a certificate for localhost signed by it.
    openssl(
        dir,
        &[
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=jcc test CA",
            "-keyout",
            "ca.key",
            "-out",
            "ca.pem",
        ],
    );
    openssl(
        dir,
        &[
            "req",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-subj",
            "/CN=localhost",
            "-keyout",
            "server.key",
            "-out",
            "server.csr",
        ],
    );
    std::fs::write(dir.join("san.ext"), "subjectAltName=DNS:localhost\n").unwrap();
    openssl(
        dir,
        &[
            "x509",
            "-req",
            "-in",
            "server.csr",
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-days",
            "2",
            "-extfile",
            "san.ext",
            "-out",
            "server.pem",
        ],
    );
    let pg_user_owns = |f: &str| {
        let _ = Command::new("chown")
            .arg("postgres")
            .arg(dir.join(f))
            .status();
        let _ = Command::new("chmod").arg("600").arg(dir.join(f)).status();
    };
    pg_user_owns("server.key");
    pg_user_owns("server.pem");
    let _ = Command::new("chmod").arg("755").arg(dir).status();
    for sql in [
        format!(
            "ALTER SYSTEM SET ssl_cert_file = '{}'",
            dir.join("server.pem").display()
        ),
        format!(
            "ALTER SYSTEM SET ssl_key_file = '{}'",
            dir.join("server.key").display()
        ),
        "ALTER SYSTEM SET ssl = on".to_string(),
        "SELECT pg_reload_conf()".to_string(),
    ] {
        db.execute(&sql).unwrap();
    }
    // The reload reaches new connections once the postmaster has handled it: wait for that.
    let rt = tokio::runtime::Runtime::new().unwrap();
    let ssl_on = rt.block_on(async {
        for _ in 0..100 {
            let (client, conn) = tokio_postgres::connect(&db.url, tokio_postgres::NoTls)
                .await
                .unwrap();
            tokio::spawn(conn);
            let on: String = client.query_one("SHOW ssl", &[]).await.unwrap().get(0);
            if on == "on" {
                return true;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        false
    });
    assert!(ssl_on, "PostgreSQL turned TLS on");
    let port = db
        .url
        .split_whitespace()
        .find_map(|kv| kv.strip_prefix("port="))
        .unwrap();
    let tls_url = format!("host=localhost port={port} user=jcc dbname=postgres sslmode=require");

    let provider = Provider::start(ProviderOptions::default()).unwrap();
    let mut opts = server_options(&db, &provider, &[]);
    opts.database_url = tls_url;
    // Without the CA the certificate does not verify: the server says so and stops.
    let err = SyncServers::start(opts.clone(), 1).unwrap_err().to_string();
    assert!(
        err.to_lowercase().contains("certificate") || err.contains("UnknownIssuer"),
        "{err}"
    );
    // With it, the server starts, and its connections are encrypted.
    opts.env.push((
        "JCC_SYNC_DATABASE_CA".into(),
        dir.join("ca.pem").display().to_string(),
    ));
    let servers = SyncServers::start(opts, 1).unwrap();
    let health = reqwest::blocking_get(&format!("{}/healthz", servers.url(0)));
    assert_eq!(health, "ok\n");
    let tls_connections = {
        rt.block_on(async {
            let (client, conn) = tokio_postgres::connect(&db.url, tokio_postgres::NoTls)
                .await
                .unwrap();
            tokio::spawn(conn);
            let row = client
                .query_one("SELECT count(*) FROM pg_stat_ssl WHERE ssl", &[])
                .await
                .unwrap();
            row.get::<_, i64>(0)
        })
    };
    assert!(tls_connections > 0, "the server's connections use TLS");
}

mod reqwest {
    /// A GET's body, from outside any async runtime.
    pub fn blocking_get(url: &str) -> String {
        let rt = tokio::runtime::Runtime::new().unwrap();
        rt.block_on(async { ::reqwest::get(url).await.unwrap().text().await.unwrap() })
    }
}
