//! Who is asking: ID tokens from the OpenID provider (checked against its JWKS) are traded
//! for the server's own opaque session tokens, which every other request carries.

pub mod oidc;
pub mod session;

pub use oidc::{IdTokenVerifier, Identity};
pub use session::Account;
