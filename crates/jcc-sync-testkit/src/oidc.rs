//! The OpenID provider of `scripts/oidc/provider.mjs` (npm `oidc-provider` 9.x) run on
//! loopback: real discovery, JWKS, PKCE, ID tokens, refresh and revocation; only the login
//! form is skipped (the user named by `login_hint`, default `writer`, is signed in and
//! consents). Killed when the [`Provider`] is dropped.

use anyhow::{anyhow, bail, Context, Result};
use std::io::{BufRead, BufReader, Read};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How long node may take to print its ready line (it starts in ~0.5 s here).
const READY_TIMEOUT: Duration = Duration::from_secs(30);

/// The provider's script.
pub fn provider_script() -> PathBuf {
    crate::repo_root().join("scripts/oidc/provider.mjs")
}

/// Node.js and the provider's npm packages are installed. Otherwise the one rule of
/// `jcc-testkit`: a loud skip (false), or a panic under `JCC_REQUIRE_SYNC_STACK=1`.
#[must_use = "skip the check when this is false"]
pub fn oidc_available() -> bool {
    let mut missing = Vec::new();
    if jcc_testkit::on_path("node").is_none() {
        missing.push("node (Node.js) is not installed".to_string());
    }
    let package = crate::repo_root().join("scripts/oidc/node_modules/oidc-provider/package.json");
    if !package.is_file() {
        missing.push(format!(
            "the OpenID provider's npm packages are not installed ({} is missing)",
            package.display()
        ));
    }
    jcc_testkit::require(
        jcc_testkit::Switch::SyncStack,
        (!missing.is_empty()).then(|| missing.join("; ")),
        "apt-get install -y nodejs npm && (cd scripts/oidc && npm ci), or run scripts/test.sh",
    )
}

/// How to start the provider. `Default` is what most tests want.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProviderOptions {
    /// 0 = an ephemeral port.
    pub port: u16,
    pub client_id: String,
    /// Lifetimes in seconds; `None` keeps the script's defaults (300, 300, 14 days).
    pub id_token_ttl: Option<u32>,
    pub access_token_ttl: Option<u32>,
    pub refresh_token_ttl: Option<u32>,
    /// Every sign-in ends with `error=access_denied` (as when a user clicks "Deny").
    pub refuse: bool,
}

impl Default for ProviderOptions {
    fn default() -> Self {
        Self {
            port: 0,
            client_id: "jcc-desktop".to_string(),
            id_token_ttl: None,
            access_token_ttl: None,
            refresh_token_ttl: None,
            refuse: false,
        }
    }
}

/// A running provider. `issuer` is `http://127.0.0.1:PORT`; `client_id` the public client
/// that signs in with PKCE and redirect `http://127.0.0.1:<any port>/callback`.
#[derive(Debug)]
pub struct Provider {
    pub issuer: String,
    pub client_id: String,
    child: Option<Child>,
    stderr: Arc<Mutex<String>>,
}

impl Provider {
    /// Runs `node scripts/oidc/provider.mjs` and waits for its ready line. Call
    /// [`oidc_available`] first so a missing Node.js is a clear skip or failure.
    pub fn start(opts: ProviderOptions) -> Result<Provider> {
        let script = provider_script();
        let mut cmd = Command::new("node");
        cmd.arg(&script)
            .arg(opts.port.to_string())
            .env("JCC_OIDC_CLIENT_ID", &opts.client_id)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let ttls = [
            ("JCC_OIDC_ID_TOKEN_TTL", opts.id_token_ttl),
            ("JCC_OIDC_ACCESS_TOKEN_TTL", opts.access_token_ttl),
            ("JCC_OIDC_REFRESH_TOKEN_TTL", opts.refresh_token_ttl),
        ];
        for (var, ttl) in ttls {
            match ttl {
                Some(s) => cmd.env(var, s.to_string()),
                None => cmd.env_remove(var),
            };
        }
        if opts.refuse {
            cmd.env("JCC_OIDC_REFUSE", "1");
        } else {
            cmd.env_remove("JCC_OIDC_REFUSE");
        }
        let mut child = cmd
            .spawn()
            .with_context(|| format!("starting node {}", script.display()))?;

        // stderr is kept (not shown) so a failed start can say why.
        let stderr = Arc::new(Mutex::new(String::new()));
        let mut err_pipe = child.stderr.take().expect("piped");
        let sink = Arc::clone(&stderr);
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = err_pipe.read(&mut buf) {
                if n == 0 {
                    break;
                }
                let text = String::from_utf8_lossy(&buf[..n]).into_owned();
                sink.lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push_str(&text);
            }
        });

        let out = child.stdout.take().expect("piped");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut lines = BufReader::new(out).lines();
            let issuer = lines.by_ref().map_while(|l| l.ok()).find_map(|l| {
                l.strip_prefix("JCC_OIDC_ISSUER=")
                    .map(|s| s.trim().to_string())
            });
            let _ = tx.send(issuer);
            // Keep draining so the provider never blocks on a full pipe.
            for _ in lines {}
        });

        let mut provider = Provider {
            issuer: String::new(),
            client_id: opts.client_id,
            child: Some(child),
            stderr,
        };
        match rx.recv_timeout(READY_TIMEOUT) {
            Ok(Some(issuer)) => {
                provider.issuer = issuer;
                Ok(provider)
            }
            Ok(None) => bail!(
                "the OpenID provider exited before it was ready: {}",
                provider.stderr()
            ),
            Err(_) => Err(anyhow!(
                "the OpenID provider printed no JCC_OIDC_ISSUER line within {READY_TIMEOUT:?}: {}",
                provider.stderr()
            )),
        }
    }

    /// What the provider wrote on stderr so far (warnings, errors).
    pub fn stderr(&self) -> String {
        self.stderr
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Kills the provider now ("provider down"); `issuer` stays as it was.
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

impl Drop for Provider {
    fn drop(&mut self) {
        self.stop();
    }
}

/// The tokens of one headless sign-in, as the provider's token endpoint returned them.
#[derive(Clone)]
pub struct SignedIn {
    pub id_token: String,
    pub access_token: String,
    pub refresh_token: Option<String>,
}

impl std::fmt::Debug for SignedIn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SignedIn { <tokens redacted> }")
    }
}

impl Provider {
    /// Signs `user` in the way a device does (Authorization Code + PKCE S256, scopes
    /// `openid offline_access`) without an app: for tests of the sync server that need a
    /// real ID token for `POST /v1/session`. The app's own sign-in is `jcc-signin`.
    pub async fn sign_in_as(&self, user: &str) -> Result<SignedIn> {
        use base64::Engine as _;
        use sha2::Digest as _;
        let verifier = format!(
            "{}{}",
            uuid::Uuid::new_v4().simple(),
            uuid::Uuid::new_v4().simple()
        );
        let challenge = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .encode(sha2::Sha256::digest(verifier.as_bytes()));
        // Any loopback port will do: the code is read off the redirect, nobody listens there.
        let redirect = "http://127.0.0.1:9/callback";
        let mut auth = url::Url::parse(&format!("{}/auth", self.issuer))?;
        auth.query_pairs_mut()
            .append_pair("client_id", &self.client_id)
            .append_pair("response_type", "code")
            .append_pair("scope", "openid offline_access")
            .append_pair("prompt", "consent")
            .append_pair("redirect_uri", redirect)
            .append_pair("code_challenge", &challenge)
            .append_pair("code_challenge_method", "S256")
            .append_pair("state", "testkit")
            .append_pair("nonce", "testkit")
            .append_pair("login_hint", user);
        let callback = crate::browser::follow_to_loopback(&auth).await?;
        let code = callback
            .query_pairs()
            .find(|(k, _)| k == "code")
            .map(|(_, v)| v.into_owned())
            .with_context(|| format!("the provider sent no code: {callback}"))?;
        let resp: serde_json::Value = reqwest::Client::new()
            .post(format!("{}/token", self.issuer))
            .form(&[
                ("grant_type", "authorization_code"),
                ("code", code.as_str()),
                ("client_id", self.client_id.as_str()),
                ("redirect_uri", redirect),
                ("code_verifier", verifier.as_str()),
            ])
            .send()
            .await?
            .json()
            .await?;
        let text = |k: &str| resp[k].as_str().map(str::to_string);
        Ok(SignedIn {
            id_token: text("id_token")
                .with_context(|| format!("no ID token: {}", resp["error"]))?,
            access_token: text("access_token").context("no access token")?,
            refresh_token: text("refresh_token"),
        })
    }
}
