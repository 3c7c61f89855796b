//! Verifying an ID token: signature by a key from the provider's JWKS (found by discovery
//! from the configured issuer, cached by key id for up to an hour and fetched again on an
//! unknown one, at most every `JCC_SYNC_JWKS_REFETCH_SECS`), a
//! pinned algorithm (RS256 or ES256, never `none` or HMAC), `iss`, `aud` = our client id, `exp`.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use jsonwebtoken::jwk::{AlgorithmParameters, EllipticCurve, JwkSet, KeyAlgorithm, PublicKeyUse};
use jsonwebtoken::{errors::ErrorKind, Algorithm, DecodingKey, Validation};
use serde::Deserialize;
use tokio::sync::{Mutex, RwLock};

use crate::error::{Error, Result};

/// The account an ID token proves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    pub issuer: String,
    pub subject: String,
}

/// The algorithms accepted; a token's header must name one and its key must be of that kind.
const ALGORITHMS: [Algorithm; 2] = [Algorithm::RS256, Algorithm::ES256];
/// Cached keys are fetched again after this long, so a key the provider withdrew stops
/// verifying within the hour.
const MAX_AGE: Duration = Duration::from_secs(3600);
/// Clock skew tolerated on `exp`.
const LEEWAY_SECS: u64 = 60;

#[derive(Default)]
struct Keys {
    by_kid: HashMap<String, (DecodingKey, Algorithm)>,
    fetched: Option<Instant>,
}

pub struct IdTokenVerifier {
    issuer: String,
    client_id: String,
    http: reqwest::Client,
    keys: RwLock<Keys>,
    /// An unknown key id refetches the JWKS at most this often (a forged kid must not let
    /// anyone hammer the provider through us).
    refetch_every: Duration,
    /// One fetch at a time.
    fetching: Mutex<()>,
}

impl std::fmt::Debug for IdTokenVerifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IdTokenVerifier")
            .field("issuer", &self.issuer)
            .field("client_id", &self.client_id)
            .finish()
    }
}

#[derive(Deserialize)]
struct Discovery {
    issuer: String,
    jwks_uri: String,
}

#[derive(Deserialize)]
struct Claims {
    sub: String,
}

impl IdTokenVerifier {
    pub fn new(issuer: &str, client_id: &str, refetch_every: Duration) -> Self {
        IdTokenVerifier {
            issuer: issuer.trim_end_matches('/').to_string(),
            client_id: client_id.to_string(),
            http: reqwest::Client::builder()
                .timeout(Duration::from_secs(10))
                .build()
                .unwrap_or_default(),
            keys: RwLock::new(Keys::default()),
            refetch_every,
            fetching: Mutex::new(()),
        }
    }

    pub async fn verify(&self, token: &str) -> Result<Identity> {
        let header = jsonwebtoken::decode_header(token)
            .map_err(|_| Error::Unauthorized("the ID token is not a signed JWT".into()))?;
        if !ALGORITHMS.contains(&header.alg) {
            return Err(Error::Unauthorized(format!(
                "the ID token is signed with {:?}; only RS256 and ES256 are accepted",
                header.alg
            )));
        }
        let (key, alg) = self.key(header.kid.as_deref()).await?;
        if alg != header.alg {
            return Err(Error::Unauthorized(
                "the ID token's algorithm does not match its key".into(),
            ));
        }
        let mut validation = Validation::new(alg);
        validation.set_issuer(&[&self.issuer]);
        validation.set_audience(&[&self.client_id]);
        validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        validation.leeway = LEEWAY_SECS;
        let data = jsonwebtoken::decode::<Claims>(token, &key, &validation).map_err(|e| {
            Error::Unauthorized(
                match e.kind() {
                    ErrorKind::ExpiredSignature => "the ID token has expired; sign in again",
                    ErrorKind::InvalidIssuer => {
                        "the ID token is from another issuer than this server trusts"
                    }
                    ErrorKind::InvalidAudience => "the ID token was issued to another client",
                    ErrorKind::InvalidSignature => "the ID token's signature does not verify",
                    ErrorKind::MissingRequiredClaim(_) => {
                        "the ID token lacks a required claim (exp, iss, aud, sub)"
                    }
                    _ => "the ID token is not valid",
                }
                .into(),
            )
        })?;
        Ok(Identity {
            issuer: self.issuer.clone(),
            subject: data.claims.sub,
        })
    }

    /// The key for `kid` (or the only key, for a token without one), fetching the JWKS when
    /// it is not cached.
    async fn key(&self, kid: Option<&str>) -> Result<(DecodingKey, Algorithm)> {
        let age = |keys: &Keys| keys.fetched.map(|t| t.elapsed());
        let fresh = |keys: &Keys| age(keys).is_some_and(|a| a < MAX_AGE);
        if fresh(&*self.keys.read().await) {
            if let Some(found) = self.cached(kid).await {
                return Ok(found);
            }
        }
        {
            let _one = self.fetching.lock().await;
            let keys = self.keys.read().await;
            // Fetch when the cache is old, or for an unknown kid unless it was just fetched
            // (by another request while this one waited, or by a forged kid a moment ago).
            let known = match kid {
                Some(kid) => keys.by_kid.contains_key(kid),
                None => keys.by_kid.len() == 1,
            };
            let due =
                !fresh(&keys) || (!known && age(&keys).is_none_or(|a| a >= self.refetch_every));
            drop(keys);
            if due {
                let by_kid = self.fetch().await?;
                *self.keys.write().await = Keys {
                    by_kid,
                    fetched: Some(Instant::now()),
                };
            }
        }
        self.cached(kid).await.ok_or_else(|| {
            Error::Unauthorized(match kid {
                Some(kid) => {
                    format!("the ID token is signed by a key ({kid}) the provider does not publish")
                }
                None => {
                    "the ID token names no key id (kid) and the provider has several keys".into()
                }
            })
        })
    }

    async fn cached(&self, kid: Option<&str>) -> Option<(DecodingKey, Algorithm)> {
        let keys = self.keys.read().await;
        match kid {
            Some(kid) => keys.by_kid.get(kid).cloned(),
            None if keys.by_kid.len() == 1 => keys.by_kid.values().next().cloned(),
            None => None,
        }
    }

    async fn fetch(&self) -> Result<HashMap<String, (DecodingKey, Algorithm)>> {
        let url = format!("{}/.well-known/openid-configuration", self.issuer);
        let discovery: Discovery = self.get_json(&url).await?;
        if discovery.issuer.trim_end_matches('/') != self.issuer {
            return Err(Error::Unavailable(format!(
                "the provider at {} calls itself {}; check JCC_SYNC_ISSUER",
                self.issuer, discovery.issuer
            )));
        }
        let set: JwkSet = self.get_json(&discovery.jwks_uri).await?;
        let mut keys = HashMap::new();
        for (i, jwk) in set.keys.iter().enumerate() {
            if matches!(jwk.common.public_key_use, Some(PublicKeyUse::Encryption)) {
                continue;
            }
            let Some(alg) = algorithm(jwk) else { continue };
            let Ok(key) = DecodingKey::from_jwk(jwk) else {
                continue;
            };
            let kid = jwk.common.key_id.clone().unwrap_or_else(|| format!("#{i}"));
            keys.insert(kid, (key, alg));
        }
        tracing::info!(issuer = %self.issuer, keys = keys.len(), "fetched the provider's signing keys");
        Ok(keys)
    }

    async fn get_json<T: serde::de::DeserializeOwned>(&self, url: &str) -> Result<T> {
        let unreachable = |e: reqwest::Error| {
            Error::Unavailable(format!(
                "cannot reach the sign-in provider ({url}): {e}; try again later"
            ))
        };
        let response = self.http.get(url).send().await.map_err(unreachable)?;
        let response = response.error_for_status().map_err(unreachable)?;
        response.json().await.map_err(unreachable)
    }
}

/// The pinned algorithm a JWK may verify: its own `alg` if it names an accepted one,
/// otherwise RS256 for RSA and ES256 for a P-256 key.
fn algorithm(jwk: &jsonwebtoken::jwk::Jwk) -> Option<Algorithm> {
    let by_type = match &jwk.algorithm {
        AlgorithmParameters::RSA(_) => Algorithm::RS256,
        AlgorithmParameters::EllipticCurve(ec) if ec.curve == EllipticCurve::P256 => {
            Algorithm::ES256
        }
        _ => return None,
    };
    match jwk.common.key_algorithm {
        None => Some(by_type),
        Some(KeyAlgorithm::RS256) if by_type == Algorithm::RS256 => Some(by_type),
        Some(KeyAlgorithm::ES256) if by_type == Algorithm::ES256 => Some(by_type),
        Some(_) => None,
    }
}
