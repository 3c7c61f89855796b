//! The sync protocol, version 1: what travels between a device and the sync server.
//!
//! The server only ever sees [`Envelope`]s: a revision id (for idempotency), an opaque entity
//! handle (`HMAC(handle key, entity id)`, hex), the key epoch, a nonce and ciphertext.
//! Everything a writer wrote, and which entity or kind it is, lives inside the ciphertext,
//! which the client encrypts with associated data binding user, revision id, handle and epoch
//! (see [`associated_data`]), so the server cannot move a record between entities or accounts.
//!
//! Endpoints (all JSON; all but `/v1/config`, `/healthz` and `/metrics` need
//! `Authorization: Bearer <session token>`):
//! - `GET  /v1/config` -> [`ServerConfig`] (which OpenID provider to sign in with)
//! - `POST /v1/session` [`SessionRequest`] -> [`SessionResponse`]; `DELETE /v1/session` -> 204
//! - `GET  /v1/keys` -> [`KeysDoc`] (404 `no_keys` before the first device set up);
//!   `PUT /v1/keys` [`PutKeys`] -> [`KeysDoc`] (409 `keys_changed` on a stale version)
//! - `POST /v1/revisions` [`PushRequest`] -> [`PushResponse`], idempotent by `rev_id`
//! - `GET  /v1/revisions?after=N&limit=L&wait=S` -> [`Page`] (long poll up to `wait` seconds)
//! - `GET  /v1/status` -> [`Status`]; `DELETE /v1/account` -> 204
//! - errors: a status code and an [`ApiError`] body.

mod b64;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Bumped on any incompatible change; the server answers other versions with 400.
pub const PROTOCOL_VERSION: u32 = 1;
/// The most revisions one push may carry.
pub const MAX_BATCH_ITEMS: usize = 500;
/// The largest push body, in bytes.
pub const MAX_BATCH_BYTES: usize = 8 * 1024 * 1024;
/// The largest page a pull returns (and the default).
pub const MAX_PAGE: u32 = 500;
/// The longest a pull may wait for new revisions, in seconds.
pub const MAX_WAIT_SECS: u32 = 25;
/// The largest key document, in bytes of its `data`.
pub const MAX_KEYS_BYTES: usize = 16 * 1024;
/// Length of an entity handle: hex of a 32-byte HMAC.
pub const HANDLE_LEN: usize = 64;
/// XChaCha20-Poly1305 nonce length.
pub const NONCE_LEN: usize = 24;

/// `GET /v1/config`: how to sign in to this server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServerConfig {
    pub protocol: u32,
    /// The OpenID Connect issuer URL (discovery at `{issuer}/.well-known/openid-configuration`).
    pub issuer: String,
    /// The public client id devices sign in as (PKCE, no secret).
    pub client_id: String,
    /// Scopes to ask for; always includes `openid`, and `offline_access` for a refresh token.
    pub scopes: Vec<String>,
    pub max_batch_items: u32,
    pub max_batch_bytes: u64,
}

/// `POST /v1/session`: trade a fresh ID token from the provider for a server session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionRequest {
    pub id_token: String,
    /// A name for the device, shown in status (never the writer's words).
    #[serde(default)]
    pub device_name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionResponse {
    /// Opaque bearer token; the server stores only its hash.
    pub session_token: String,
    /// Unix seconds after which the token is refused (401 `session_expired`).
    pub expires_at: i64,
    /// The server's id for the account (stable across devices; part of the associated data).
    pub user_id: Uuid,
}

/// The account's wrapped keys. The server stores `data` as an opaque blob: the client puts the
/// account master key wrapped by the recovery key (and optionally a passphrase key) and a key
/// check value in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeysDoc {
    /// Starts at 1; every accepted `PUT` adds one.
    pub version: i64,
    #[serde(with = "b64")]
    pub data: Vec<u8>,
}

/// `PUT /v1/keys`: `expected_version` 0 creates (409 if keys exist); otherwise it must match.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PutKeys {
    pub expected_version: i64,
    #[serde(with = "b64")]
    pub data: Vec<u8>,
}

/// One encrypted revision as the server stores and serves it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Envelope {
    pub rev_id: Uuid,
    /// Hex `HMAC-SHA256(handle key, entity id)`, [`HANDLE_LEN`] characters.
    pub handle: String,
    /// Which account key epoch encrypted it.
    pub epoch: u32,
    #[serde(with = "b64")]
    pub nonce: Vec<u8>,
    #[serde(with = "b64")]
    pub ciphertext: Vec<u8>,
}

impl Envelope {
    /// What the server checks before storing: a well-formed handle and nonce, some ciphertext.
    pub fn validate(&self) -> Result<(), &'static str> {
        if self.handle.len() != HANDLE_LEN
            || !self
                .handle
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        {
            return Err("handle must be 64 lowercase hex characters");
        }
        if self.nonce.len() != NONCE_LEN {
            return Err("nonce must be 24 bytes");
        }
        if self.ciphertext.len() < 16 {
            return Err("ciphertext is shorter than its tag");
        }
        Ok(())
    }
}

/// The associated data a revision's ciphertext is bound to: user, revision, handle, epoch.
pub fn associated_data(user_id: Uuid, rev_id: Uuid, handle: &str, epoch: u32) -> Vec<u8> {
    let mut ad = Vec::with_capacity(16 + 16 + handle.len() + 4 + 8);
    ad.extend_from_slice(b"jcc1");
    ad.extend_from_slice(user_id.as_bytes());
    ad.extend_from_slice(rev_id.as_bytes());
    ad.extend_from_slice(handle.as_bytes());
    ad.extend_from_slice(&epoch.to_be_bytes());
    ad
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushRequest {
    pub items: Vec<Envelope>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushResponse {
    /// Revisions stored by this request.
    pub stored: u32,
    /// Revisions the server already had (a resend): not stored again.
    pub duplicates: u32,
    /// The account's sequence after this push.
    pub head_seq: i64,
}

/// A stored revision with the per-account sequence number the server gave it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stored {
    pub seq: i64,
    #[serde(flatten)]
    pub envelope: Envelope,
}

/// `GET /v1/revisions?after=N`: revisions with `seq > after`, in sequence order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Page {
    pub items: Vec<Stored>,
    /// Pass as `after` for the next page.
    pub next_after: i64,
    pub has_more: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Status {
    pub user_id: Uuid,
    pub head_seq: i64,
    pub revisions: i64,
    pub bytes: i64,
    /// `None` until the first device set up the account's keys.
    pub keys_version: Option<i64>,
}

/// Every error the server returns: a stable machine code and a sentence for people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiError {
    /// e.g. `unauthorized`, `session_expired`, `bad_request`, `too_large`, `rate_limited`,
    /// `no_keys`, `keys_changed`, `not_yours`, `unavailable`.
    pub code: String,
    pub message: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn envelope_round_trips_as_json_with_base64_bytes() {
        let e = Envelope {
            rev_id: Uuid::now_v7(),
            handle: "ab".repeat(32),
            epoch: 1,
            nonce: vec![7; NONCE_LEN],
            ciphertext: vec![1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17],
        };
        let json = serde_json::to_string(&Stored {
            seq: 3,
            envelope: e.clone(),
        })
        .unwrap();
        assert!(json.contains("\"seq\":3"), "{json}");
        assert!(json.contains("\"nonce\":\"BwcHBwcH"), "{json}");
        let back: Stored = serde_json::from_str(&json).unwrap();
        assert_eq!(back.envelope, e);
        assert_eq!(e.validate(), Ok(()));
    }

    #[test]
    fn malformed_envelopes_are_named() {
        let good = Envelope {
            rev_id: Uuid::now_v7(),
            handle: "0".repeat(64),
            epoch: 1,
            nonce: vec![0; NONCE_LEN],
            ciphertext: vec![0; 16],
        };
        let bad_handle = Envelope {
            handle: "A".repeat(64),
            ..good.clone()
        };
        assert!(bad_handle.validate().unwrap_err().contains("handle"));
        let bad_nonce = Envelope {
            nonce: vec![0; 12],
            ..good.clone()
        };
        assert!(bad_nonce.validate().unwrap_err().contains("nonce"));
        let short = Envelope {
            ciphertext: vec![0; 3],
            ..good
        };
        assert!(short.validate().unwrap_err().contains("ciphertext"));
    }

    #[test]
    fn associated_data_differs_for_every_bound_field() {
        let (u, r) = (Uuid::now_v7(), Uuid::now_v7());
        let h = "1".repeat(64);
        let base = associated_data(u, r, &h, 1);
        assert_ne!(base, associated_data(Uuid::now_v7(), r, &h, 1));
        assert_ne!(base, associated_data(u, Uuid::now_v7(), &h, 1));
        assert_ne!(base, associated_data(u, r, &"2".repeat(64), 1));
        assert_ne!(base, associated_data(u, r, &h, 2));
    }
}
