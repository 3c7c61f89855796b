//! The whole local stack a sync test runs against: a throwaway PostgreSQL, the OpenID
//! provider, `n` server instances over that database, and a Secret Service.

use crate::{
    oidc_available, postgres_available, secret_service_available, server_binary, Provider,
    ProviderOptions, SecretService, ServerOptions, SyncServers, TestDatabase,
};
use std::path::PathBuf;

#[derive(Debug)]
pub struct Stack {
    pub db: TestDatabase,
    pub provider: Provider,
    pub servers: SyncServers,
    pub keyring: SecretService,
    /// A folder for the test's libraries and the keyring's files.
    pub dir: tempfile::TempDir,
}

impl Stack {
    /// Starts everything with `n` server instances (their extra environment in
    /// `server_env`), or `None` (a loud skip, or a failure under the `JCC_REQUIRE_*`
    /// switches) when a component is not installed. `server` overrides the server binary
    /// (default: [`server_binary`]).
    pub fn start(
        n: usize,
        provider: ProviderOptions,
        server_env: &[(&str, &str)],
        server: Option<PathBuf>,
    ) -> Option<Stack> {
        if !postgres_available() || !oidc_available() || !secret_service_available() {
            return None;
        }
        let dir = tempfile::tempdir().unwrap();
        let db = TestDatabase::create().unwrap();
        let provider = Provider::start(provider).unwrap();
        let servers = SyncServers::start(
            ServerOptions {
                bin: server.unwrap_or_else(|| server_binary().unwrap()),
                database_url: db.url.clone(),
                issuer: provider.issuer.clone(),
                client_id: provider.client_id.clone(),
                env: server_env
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect(),
            },
            n,
        )
        .unwrap();
        let keyring = SecretService::start(dir.path()).unwrap();
        Some(Stack {
            db,
            provider,
            servers,
            keyring,
            dir,
        })
    }

    /// A device named `name` (its folder in [`Stack::dir`]) running the `jcc` at `jcc`.
    pub fn device(&self, jcc: PathBuf, name: &str) -> crate::Device {
        crate::Device::new(jcc, self.dir.path().join(name), self.keyring_env())
    }

    /// The environment that puts a process on this stack's keyring (and its session bus).
    pub fn keyring_env(&self) -> Vec<(String, String)> {
        self.keyring.env()
    }
}
