//! Talking to the sync server (protocol v1 in `jcc-sync-proto`). A session that expires
//! mid-sync is renewed once (a fresh ID token from the provider's refresh token, traded for
//! a new session) and the request retried; the server never sees anything but envelopes.

use crate::error::{Result, SyncError};
use jcc_sync_proto::{
    ApiError, Envelope, KeysDoc, Page, PushRequest, PushResponse, PutKeys, ServerConfig,
    SessionRequest, SessionResponse, Status,
};
use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::future::Future;
use std::pin::Pin;
use std::sync::Mutex;
use std::time::Duration;

/// What sync needs from a server: the real one over HTTP.
pub trait Remote {
    fn push(&self, items: Vec<Envelope>) -> impl Future<Output = Result<PushResponse>>;
    fn pull(&self, after: i64, limit: u32, wait: u32) -> impl Future<Output = Result<Page>>;
    fn keys(&self) -> impl Future<Output = Result<Option<KeysDoc>>>;
    fn put_keys(&self, put: PutKeys) -> impl Future<Output = Result<KeysDoc>>;
    fn status(&self) -> impl Future<Output = Result<Status>>;
}

pub type Renewal<'a> = Pin<Box<dyn Future<Output = Result<String>> + Send + 'a>>;

/// Gets a new session token when the server says the current one expired.
pub trait Renew: Send + Sync {
    fn renew(&self) -> Renewal<'_>;
}

/// The sync server at one URL, with this device's session.
pub struct HttpRemote {
    base: String,
    client: reqwest::Client,
    session: Mutex<String>,
    renew: Option<Box<dyn Renew>>,
}

impl std::fmt::Debug for HttpRemote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HttpRemote")
            .field("base", &self.base)
            .finish_non_exhaustive()
    }
}

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .connect_timeout(Duration::from_secs(10))
        .timeout(Duration::from_secs(120))
        .user_agent(concat!("jcc-sync/", env!("CARGO_PKG_VERSION")))
        .build()
        .expect("the HTTP client builds")
}

fn base_url(server: &str) -> String {
    server.trim_end_matches('/').to_string()
}

fn unreachable(server: &str, e: &reqwest::Error) -> SyncError {
    let reason = if e.is_timeout() {
        "it did not answer in time".to_string()
    } else if e.is_connect() {
        "the connection was refused or the address is wrong".to_string()
    } else {
        e.to_string()
    };
    SyncError::Unreachable {
        url: server.to_string(),
        reason,
    }
}

async fn read<T: DeserializeOwned>(server: &str, resp: reqwest::Response) -> Result<T> {
    let status = resp.status();
    if status.is_success() {
        return resp.json().await.map_err(|e| SyncError::Server {
            status: status.as_u16(),
            code: "bad_reply".into(),
            message: format!("the reply from {server} was not understood: {e}"),
        });
    }
    Err(error_of(status, resp).await)
}

async fn error_of(status: StatusCode, resp: reqwest::Response) -> SyncError {
    let body: Option<ApiError> = resp.json().await.ok();
    let (code, message) = body
        .map(|b| (b.code, b.message))
        .unwrap_or_else(|| ("http".into(), status.to_string()));
    if status == StatusCode::UNAUTHORIZED {
        return SyncError::SignedOut;
    }
    SyncError::Server {
        status: status.as_u16(),
        code,
        message,
    }
}

/// `GET /v1/config`: which provider this server signs in with.
pub async fn server_config(server: &str) -> Result<ServerConfig> {
    let base = base_url(server);
    let resp = client()
        .get(format!("{base}/v1/config"))
        .send()
        .await
        .map_err(|e| unreachable(&base, &e))?;
    read(&base, resp).await
}

/// `POST /v1/session`: trades a fresh ID token for a server session.
pub async fn open_session(server: &str, id_token: &str, device: &str) -> Result<SessionResponse> {
    let base = base_url(server);
    let resp = client()
        .post(format!("{base}/v1/session"))
        .json(&SessionRequest {
            id_token: id_token.to_string(),
            device_name: device.to_string(),
        })
        .send()
        .await
        .map_err(|e| unreachable(&base, &e))?;
    read(&base, resp).await
}

impl HttpRemote {
    pub fn new(server: &str, session: String, renew: Option<Box<dyn Renew>>) -> Self {
        Self {
            base: base_url(server),
            client: client(),
            session: Mutex::new(session),
            renew,
        }
    }

    pub fn url(&self) -> &str {
        &self.base
    }

    /// The session in use now (it changes when renewed).
    pub fn session(&self) -> String {
        self.session.lock().expect("session lock").clone()
    }

    async fn call<B: Serialize, T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: Option<&B>,
        timeout: Option<Duration>,
    ) -> Result<Option<T>> {
        let mut renewed = false;
        loop {
            let mut req = self
                .client
                .request(method.clone(), format!("{}{path}", self.base))
                .bearer_auth(self.session());
            if let Some(b) = body {
                req = req.json(b);
            }
            if let Some(t) = timeout {
                req = req.timeout(t);
            }
            let resp = req.send().await.map_err(|e| unreachable(&self.base, &e))?;
            let status = resp.status();
            if status == StatusCode::UNAUTHORIZED && !renewed {
                if let Some(renew) = &self.renew {
                    let token = renew.renew().await?;
                    *self.session.lock().expect("session lock") = token;
                    renewed = true;
                    continue;
                }
            }
            if status == StatusCode::NOT_FOUND || status == StatusCode::NO_CONTENT {
                if status == StatusCode::NOT_FOUND {
                    let err = error_of(status, resp).await;
                    return match &err {
                        SyncError::Server { code, .. } if code == "no_keys" => Ok(None),
                        _ => Err(err),
                    };
                }
                return Ok(None);
            }
            return read(&self.base, resp).await.map(Some);
        }
    }

    /// `DELETE /v1/session`: the server forgets this device's session.
    pub async fn close_session(&self) -> Result<()> {
        let resp = self
            .client
            .delete(format!("{}/v1/session", self.base))
            .bearer_auth(self.session())
            .send()
            .await
            .map_err(|e| unreachable(&self.base, &e))?;
        match resp.status() {
            s if s.is_success() || s == StatusCode::UNAUTHORIZED => Ok(()),
            s => Err(error_of(s, resp).await),
        }
    }

    /// `DELETE /v1/account`: everything this account stored on the server.
    pub async fn delete_account(&self) -> Result<()> {
        self.call::<(), serde_json::Value>(Method::DELETE, "/v1/account", None, None)
            .await
            .map(|_| ())
    }
}

fn missing(what: &str) -> SyncError {
    SyncError::Server {
        status: 204,
        code: "empty".into(),
        message: format!("the server sent no {what}"),
    }
}

impl Remote for HttpRemote {
    async fn push(&self, items: Vec<Envelope>) -> Result<PushResponse> {
        self.call(
            Method::POST,
            "/v1/revisions",
            Some(&PushRequest { items }),
            None,
        )
        .await?
        .ok_or_else(|| missing("push reply"))
    }

    async fn pull(&self, after: i64, limit: u32, wait: u32) -> Result<Page> {
        let path = format!("/v1/revisions?after={after}&limit={limit}&wait={wait}");
        let timeout = Duration::from_secs(u64::from(wait) + 60);
        self.call::<(), Page>(Method::GET, &path, None, Some(timeout))
            .await?
            .ok_or_else(|| missing("page"))
    }

    async fn keys(&self) -> Result<Option<KeysDoc>> {
        self.call::<(), KeysDoc>(Method::GET, "/v1/keys", None, None)
            .await
    }

    async fn put_keys(&self, put: PutKeys) -> Result<KeysDoc> {
        self.call(Method::PUT, "/v1/keys", Some(&put), None)
            .await?
            .ok_or_else(|| missing("key document"))
    }

    async fn status(&self) -> Result<Status> {
        self.call::<(), Status>(Method::GET, "/v1/status", None, None)
            .await?
            .ok_or_else(|| missing("status"))
    }
}
