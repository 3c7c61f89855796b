//! TLS to the database (rustls): managed YugabyteDB and CockroachDB clusters require it.

use std::path::Path;
use std::sync::Arc;

use anyhow::Context;
use rustls::{ClientConfig, RootCertStore};
use tokio_postgres_rustls::MakeRustlsConnect;

/// A connector that verifies the server against `ca_file` (PEM) if given, else the web roots.
pub fn connector(ca_file: Option<&Path>) -> anyhow::Result<MakeRustlsConnect> {
    let mut roots = RootCertStore::empty();
    match ca_file {
        Some(path) => {
            let pem = std::fs::read(path)
                .with_context(|| format!("reading JCC_SYNC_DATABASE_CA {}", path.display()))?;
            for cert in rustls_pemfile::certs(&mut pem.as_slice()) {
                roots
                    .add(cert.with_context(|| format!("a certificate in {}", path.display()))?)
                    .with_context(|| format!("a CA certificate in {}", path.display()))?;
            }
            anyhow::ensure!(
                !roots.is_empty(),
                "no certificate in JCC_SYNC_DATABASE_CA {}",
                path.display()
            );
        }
        None => roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned()),
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(MakeRustlsConnect::new(config))
}
