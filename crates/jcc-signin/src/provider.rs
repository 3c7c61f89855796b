//! Talking to the OpenID provider: discovery (metadata and JWKS), the client, and turning a
//! token response into verified [`Tokens`].

use crate::error::{Result, SigninError};
use crate::tokens::Tokens;
use crate::SigninConfig;
use openidconnect::core::{
    CoreAuthDisplay, CoreClaimName, CoreClaimType, CoreClient, CoreClientAuthMethod, CoreGrantType,
    CoreJsonWebKey, CoreJweContentEncryptionAlgorithm, CoreJweKeyManagementAlgorithm,
    CoreJwsSigningAlgorithm, CoreResponseMode, CoreResponseType, CoreSubjectIdentifierType,
    CoreTokenResponse,
};
use openidconnect::{
    reqwest, AdditionalProviderMetadata, ClaimsVerificationError, ClientId, EndpointMaybeSet,
    EndpointNotSet, EndpointSet, ErrorResponseType, HttpClientError, IssuerUrl, Nonce,
    OAuth2TokenResponse, ProviderMetadata, RequestTokenError, RevocationUrl, StandardErrorResponse,
    TokenResponse,
};
use serde::{Deserialize, Serialize};
use std::error::Error as StdError;
use std::time::Duration;

/// The signing algorithms an ID token may use; anything else (`none`, HMAC with a public
/// key as secret, ...) is refused whatever the provider's metadata says.
pub(crate) const PINNED_ALGS: [CoreJwsSigningAlgorithm; 3] = [
    CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256,
    CoreJwsSigningAlgorithm::RsaSsaPssSha256,
    CoreJwsSigningAlgorithm::EcdsaP256Sha256,
];

/// The one discovery field the core metadata lacks: RFC 7009's revocation endpoint.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub(crate) struct RevocationMetadata {
    #[serde(default)]
    revocation_endpoint: Option<String>,
}
impl AdditionalProviderMetadata for RevocationMetadata {}

type Metadata = ProviderMetadata<
    RevocationMetadata,
    CoreAuthDisplay,
    CoreClientAuthMethod,
    CoreClaimName,
    CoreClaimType,
    CoreGrantType,
    CoreJweContentEncryptionAlgorithm,
    CoreJweKeyManagementAlgorithm,
    CoreJsonWebKey,
    CoreResponseMode,
    CoreResponseType,
    CoreSubjectIdentifierType,
>;

/// The client as discovery leaves it: an authorization endpoint, a token endpoint if the
/// metadata names one.
pub(crate) type OidcClient = CoreClient<
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointMaybeSet,
    EndpointMaybeSet,
>;

/// A provider after discovery.
pub(crate) struct Discovered {
    pub client: OidcClient,
    pub revocation: Option<RevocationUrl>,
    pub issuer: String,
    pub http: reqwest::Client,
}

/// The HTTP client for the provider. Redirects are not followed (openidconnect's advice:
/// following them opens the client to SSRF); timeouts keep a hung provider from hanging
/// the app.
pub(crate) fn http_client() -> Result<reqwest::Client> {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(Duration::from_secs(10))
        .timeout(Duration::from_secs(30))
        .build()
        .map_err(|e| SigninError::Config(format!("cannot build an HTTP client: {e}")))
}

/// Discovery at `{issuer}/.well-known/openid-configuration`, then the JWKS.
pub(crate) async fn discover(config: &SigninConfig) -> Result<Discovered> {
    let issuer = config.issuer.clone();
    let issuer_url = IssuerUrl::new(issuer.clone())
        .map_err(|e| SigninError::Config(format!("the issuer {issuer:?} is not a URL: {e}")))?;
    if config.client_id.is_empty() {
        return Err(SigninError::Config("the client id is empty".into()));
    }
    let http = http_client()?;
    let metadata = Metadata::discover_async(issuer_url, &http)
        .await
        .map_err(|e| match e {
            openidconnect::DiscoveryError::Request(inner) => SigninError::ProviderUnreachable {
                issuer: issuer.clone(),
                detail: chain(&inner),
            },
            other => SigninError::Provider {
                issuer: issuer.clone(),
                detail: format!("discovery failed: {}", chain(&other)),
            },
        })?;
    let revocation = match &metadata.additional_metadata().revocation_endpoint {
        Some(url) => Some(
            RevocationUrl::new(url.clone()).map_err(|e| SigninError::Provider {
                issuer: issuer.clone(),
                detail: format!("its revocation_endpoint {url:?} is not a URL: {e}"),
            })?,
        ),
        None => None,
    };
    let client =
        CoreClient::from_provider_metadata(metadata, ClientId::new(config.client_id.clone()), None);
    Ok(Discovered {
        client,
        revocation,
        issuer,
        http,
    })
}

/// Checks the ID token in `resp` (signature with a pinned algorithm against the JWKS, `iss`,
/// `aud`, `exp`, and `nonce` when `expected_nonce` is given) and returns the tokens.
/// A refreshed ID token carries no nonce of ours, so refresh passes `None`.
pub(crate) fn verified_tokens(
    discovered: &Discovered,
    resp: &CoreTokenResponse,
    expected_nonce: Option<&Nonce>,
) -> Result<Tokens> {
    let id_token = resp.id_token().ok_or_else(|| SigninError::Provider {
        issuer: discovered.issuer.clone(),
        detail: "its token response has no ID token (is the scope `openid` allowed?)".into(),
    })?;
    let verifier = discovered
        .client
        .id_token_verifier()
        .set_allowed_algs(PINNED_ALGS);
    let claims = match expected_nonce {
        Some(nonce) => id_token.claims(&verifier, nonce),
        None => id_token.claims(&verifier, |_: Option<&Nonce>| Ok(())),
    }
    .map_err(|e| match e {
        ClaimsVerificationError::InvalidNonce(_) => SigninError::NonceMismatch,
        other => SigninError::InvalidIdToken(chain(&other)),
    })?;
    Ok(Tokens {
        id_token: id_token.to_string(),
        refresh_token: resp.refresh_token().map(|t| t.secret().clone()),
        access_token: resp.access_token().secret().clone(),
        expires_at: claims.expiration(),
        subject: claims.subject().as_str().to_string(),
    })
}

/// A failed request to the token or revocation endpoint, as the user should read it.
pub(crate) fn request_error<T: ErrorResponseType + std::fmt::Display + 'static>(
    issuer: &str,
    e: RequestTokenError<HttpClientError<reqwest::Error>, StandardErrorResponse<T>>,
) -> SigninError {
    match e {
        RequestTokenError::ServerResponse(r) => SigninError::TokenRefused {
            error: r.error().to_string(),
            description: r.error_description().cloned(),
        },
        RequestTokenError::Request(inner) => SigninError::ProviderUnreachable {
            issuer: issuer.to_string(),
            detail: chain(&inner),
        },
        other => SigninError::Provider {
            issuer: issuer.to_string(),
            detail: chain(&other),
        },
    }
}

/// An error with its causes, `a: b: c`, so "Request failed" says why.
pub(crate) fn chain(e: &(dyn StdError + 'static)) -> String {
    let mut out = e.to_string();
    let mut cur = e.source();
    while let Some(c) = cur {
        let s = c.to_string();
        if !out.contains(&s) {
            out.push_str(": ");
            out.push_str(&s);
        }
        cur = c.source();
    }
    out
}
