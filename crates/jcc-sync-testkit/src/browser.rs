//! A stand-in for the system browser in tests: an HTTP client that keeps cookies and follows
//! the provider's redirects and interactions (the test provider signs in without a form)
//! until the provider sends it to another origin: the app's loopback redirect
//! (`http://127.0.0.1:<port>/callback?...`), which the browser then visits once.

use anyhow::{bail, Context, Result};
use reqwest::redirect::Policy;
use std::time::Duration;
use url::Url;

/// Hops allowed before the walk is declared a redirect loop (a sign-in takes four).
const MAX_HOPS: usize = 20;
/// A request that gets no answer fails the test instead of hanging it (a loopback
/// listener nobody accepts on, a wedged provider).
const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);

/// What the browser saw at the app's loopback redirect.
#[derive(Debug, Clone)]
pub struct Landing {
    /// The callback URL it visited (with `code` and `state`, or `error`).
    pub url: Url,
    pub status: u16,
    /// The page the app's listener served.
    pub body: String,
}

/// Walks `auth_url` at the provider, carrying cookies across hops, and returns the first
/// URL at another origin (the app's loopback callback) *without* visiting it, so a test
/// can inspect or tamper with it.
pub async fn follow_to_loopback(auth_url: &Url) -> Result<Url> {
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(Policy::none())
        .timeout(REQUEST_TIMEOUT)
        .build()?;
    let provider = auth_url.origin();
    let mut url = auth_url.clone();
    for _ in 0..MAX_HOPS {
        let resp = client
            .get(url.clone())
            .send()
            .await
            .with_context(|| format!("the browser could not load {url}"))?;
        let status = resp.status();
        if !status.is_redirection() {
            let body = resp.text().await.unwrap_or_default();
            bail!("the provider answered {url} with {status} instead of a redirect: {body}");
        }
        let location = resp
            .headers()
            .get(reqwest::header::LOCATION)
            .and_then(|l| l.to_str().ok())
            .context("a redirect without a Location header")?;
        let next = url
            .join(location)
            .with_context(|| format!("a bad Location {location:?}"))?;
        if next.origin() != provider {
            return Ok(next);
        }
        url = next;
    }
    bail!("no redirect to the app after {MAX_HOPS} hops at the provider (a redirect loop?)")
}

/// The whole browser part of a sign-in: [`follow_to_loopback`], then one GET to the app's
/// loopback listener, as a browser would. Returns what that listener answered.
pub async fn headless_browser(auth_url: &Url) -> Result<Landing> {
    let callback = follow_to_loopback(auth_url).await?;
    visit(&callback).await
}

/// One GET of `url` (no redirects followed), as the browser's visit to the loopback.
pub async fn visit(url: &Url) -> Result<Landing> {
    let client = reqwest::Client::builder()
        .redirect(Policy::none())
        .timeout(REQUEST_TIMEOUT)
        .build()?;
    let resp = client
        .get(url.clone())
        .send()
        .await
        .with_context(|| format!("the browser could not reach the app's loopback at {url}"))?;
    let status = resp.status().as_u16();
    let body = resp.text().await.unwrap_or_default();
    Ok(Landing {
        url: url.clone(),
        status,
        body,
    })
}
