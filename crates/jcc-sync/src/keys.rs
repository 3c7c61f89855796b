//! The account's keys: a random account master key (AMK) made on the first device, the
//! keys derived from it, and the AMK wrapped for the server by a recovery key (printable
//! words, shown once) and optionally by a passphrase (Argon2id).
//!
//! A key check value lets a device tell a wrong passphrase or recovery key before it
//! downloads or writes anything: unwrapping is authenticated, and the unwrapped key must
//! also reproduce the check value.

use crate::error::{Result, SyncError};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hkdf::Hkdf;
use hmac::{Hmac, Mac};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use zeroize::{Zeroize, Zeroizing};

/// The account master key and what derives from it. Never leaves the device except
/// wrapped; kept in the OS keyring.
#[derive(Clone)]
pub struct AccountKey {
    amk: Zeroizing<[u8; 32]>,
    pub epoch: u32,
}

impl std::fmt::Debug for AccountKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AccountKey")
            .field("epoch", &self.epoch)
            .finish_non_exhaustive()
    }
}

/// What the server keeps (as the opaque `data` of its key document).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeyFile {
    pub format: u32,
    pub epoch: u32,
    /// HMAC of a fixed label under a key derived from the AMK.
    pub check: String,
    pub recovery: Wrapped,
    pub passphrase: Option<PassphraseWrapped>,
}

/// The AMK encrypted under a key-encryption key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Wrapped {
    pub salt: String,
    pub nonce: String,
    pub ciphertext: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PassphraseWrapped {
    pub m_kib: u32,
    pub t: u32,
    pub p: u32,
    #[serde(flatten)]
    pub wrapped: Wrapped,
}

/// Argon2id cost for the passphrase: OWASP's second recommended setting.
const ARGON_M_KIB: u32 = 19 * 1024;
const ARGON_T: u32 = 2;
const ARGON_P: u32 = 1;

impl AccountKey {
    pub fn generate() -> Self {
        let mut amk = Zeroizing::new([0u8; 32]);
        rand::thread_rng().fill_bytes(amk.as_mut());
        Self { amk, epoch: 1 }
    }

    pub fn from_bytes(bytes: &[u8], epoch: u32) -> Result<Self> {
        let amk: [u8; 32] = bytes
            .try_into()
            .map_err(|_| SyncError::Keys("the stored account key has the wrong length".into()))?;
        Ok(Self {
            amk: Zeroizing::new(amk),
            epoch,
        })
    }

    pub fn bytes(&self) -> &[u8; 32] {
        &self.amk
    }

    fn derive(&self, label: &[u8]) -> Zeroizing<[u8; 32]> {
        let mut out = Zeroizing::new([0u8; 32]);
        Hkdf::<Sha256>::new(None, self.amk.as_ref())
            .expand(label, out.as_mut())
            .expect("32 bytes is a valid HKDF length");
        out
    }

    /// The key revisions are encrypted with.
    pub fn revision_key(&self) -> Zeroizing<[u8; 32]> {
        self.derive(b"jcc revision key v1")
    }

    /// The opaque name the server files an entity's revisions under.
    pub fn handle(&self, entity: &str) -> String {
        let key = self.derive(b"jcc handle key v1");
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key.as_ref()).expect("any key length");
        mac.update(entity.as_bytes());
        hex::encode(mac.finalize().into_bytes())
    }

    fn check(&self) -> String {
        let key = self.derive(b"jcc key check v1");
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key.as_ref()).expect("any key length");
        mac.update(b"journal craft crew account key");
        hex::encode(mac.finalize().into_bytes())
    }
}

/// A freshly set-up account: the key file for the server and the recovery words to show once.
#[derive(Debug)]
pub struct NewAccount {
    pub key: AccountKey,
    pub file: KeyFile,
    pub recovery_words: Zeroizing<String>,
}

/// Makes the account's keys on its first device.
pub fn set_up(passphrase: Option<&str>) -> Result<NewAccount> {
    let key = AccountKey::generate();
    let mut entropy = Zeroizing::new([0u8; 32]);
    rand::thread_rng().fill_bytes(entropy.as_mut());
    let mnemonic = bip39::Mnemonic::from_entropy(entropy.as_ref())
        .map_err(|e| SyncError::Keys(format!("could not make the recovery key: {e}")))?;
    let words = Zeroizing::new(mnemonic.to_string());
    let recovery = wrap(&key, &recovery_kek(entropy.as_ref(), &random_salt())?)?;
    let passphrase = passphrase.map(|p| wrap_passphrase(&key, p)).transpose()?;
    let file = KeyFile {
        format: 1,
        epoch: key.epoch,
        check: key.check(),
        recovery,
        passphrase,
    };
    Ok(NewAccount {
        key,
        file,
        recovery_words: words,
    })
}

/// Adds (or replaces) the passphrase on a key file, for a device that holds the key.
pub fn with_passphrase(file: &KeyFile, key: &AccountKey, passphrase: &str) -> Result<KeyFile> {
    let mut next = file.clone();
    next.passphrase = Some(wrap_passphrase(key, passphrase)?);
    Ok(next)
}

/// Unlocks the account key with the passphrase; a wrong one is refused.
pub fn unlock_with_passphrase(file: &KeyFile, passphrase: &str) -> Result<AccountKey> {
    let p = file.passphrase.as_ref().ok_or_else(|| {
        SyncError::Keys(
            "this account has no passphrase; unlock with the recovery key instead".into(),
        )
    })?;
    let salt = b64(&p.wrapped.salt)?;
    let kek = passphrase_kek(passphrase, &salt, p.m_kib, p.t, p.p)?;
    unwrap(file, &p.wrapped, &kek).map_err(|_| SyncError::WrongSecret("passphrase"))
}

/// Unlocks the account key with the recovery words; wrong words are refused.
pub fn unlock_with_recovery(file: &KeyFile, words: &str) -> Result<AccountKey> {
    let normalized = words
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    let mnemonic = bip39::Mnemonic::parse_normalized(&normalized)
        .map_err(|_| SyncError::WrongSecret("recovery key"))?;
    let entropy = Zeroizing::new(mnemonic.to_entropy());
    let salt = b64(&file.recovery.salt)?;
    let kek = recovery_kek(&entropy, &salt)?;
    unwrap(file, &file.recovery, &kek).map_err(|_| SyncError::WrongSecret("recovery key"))
}

fn wrap_passphrase(key: &AccountKey, passphrase: &str) -> Result<PassphraseWrapped> {
    if passphrase.chars().count() < 8 {
        return Err(SyncError::Keys(
            "the passphrase is too short: use at least 8 characters".into(),
        ));
    }
    let salt = random_salt();
    let kek = passphrase_kek(passphrase, &salt, ARGON_M_KIB, ARGON_T, ARGON_P)?;
    let mut wrapped = wrap(key, &kek)?;
    wrapped.salt = b64e(&salt);
    Ok(PassphraseWrapped {
        m_kib: ARGON_M_KIB,
        t: ARGON_T,
        p: ARGON_P,
        wrapped,
    })
}

fn random_salt() -> [u8; 16] {
    let mut salt = [0u8; 16];
    rand::thread_rng().fill_bytes(&mut salt);
    salt
}

/// A key-encryption key with the salt it was made with.
struct Kek {
    key: Zeroizing<[u8; 32]>,
    salt: Vec<u8>,
}

fn recovery_kek(entropy: &[u8], salt: &[u8]) -> Result<Kek> {
    // The recovery key is 256 random bits: stretching it would add nothing.
    let mut key = Zeroizing::new([0u8; 32]);
    Hkdf::<Sha256>::new(Some(salt), entropy)
        .expand(b"jcc recovery kek v1", key.as_mut())
        .expect("32 bytes is a valid HKDF length");
    Ok(Kek {
        key,
        salt: salt.to_vec(),
    })
}

fn passphrase_kek(passphrase: &str, salt: &[u8], m: u32, t: u32, p: u32) -> Result<Kek> {
    if m > 1024 * 1024 || t > 16 || p > 8 {
        return Err(SyncError::Keys(
            "the account's key file asks for an unreasonable passphrase cost; it may have been tampered with".into(),
        ));
    }
    let params = argon2::Params::new(m, t, p, Some(32))
        .map_err(|e| SyncError::Keys(format!("bad passphrase parameters: {e}")))?;
    let argon = argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
    let mut key = Zeroizing::new([0u8; 32]);
    argon
        .hash_password_into(passphrase.as_bytes(), salt, key.as_mut())
        .map_err(|e| SyncError::Keys(format!("could not derive the passphrase key: {e}")))?;
    Ok(Kek {
        key,
        salt: salt.to_vec(),
    })
}

fn wrap(key: &AccountKey, kek: &Kek) -> Result<Wrapped> {
    let cipher = XChaCha20Poly1305::new(kek.key.as_ref().into());
    let mut nonce = [0u8; 24];
    rand::thread_rng().fill_bytes(&mut nonce);
    let ad = key.epoch.to_be_bytes();
    let ciphertext = cipher
        .encrypt(
            XNonce::from_slice(&nonce),
            Payload {
                msg: key.amk.as_ref(),
                aad: &ad,
            },
        )
        .map_err(|_| SyncError::Keys("could not wrap the account key".into()))?;
    Ok(Wrapped {
        salt: b64e(&kek.salt),
        nonce: b64e(&nonce),
        ciphertext: b64e(&ciphertext),
    })
}

fn unwrap(file: &KeyFile, wrapped: &Wrapped, kek: &Kek) -> std::result::Result<AccountKey, ()> {
    let cipher = XChaCha20Poly1305::new(kek.key.as_ref().into());
    let nonce = b64(&wrapped.nonce).map_err(|_| ())?;
    let ciphertext = b64(&wrapped.ciphertext).map_err(|_| ())?;
    if nonce.len() != 24 {
        return Err(());
    }
    let ad = file.epoch.to_be_bytes();
    let mut plain = cipher
        .decrypt(
            XNonce::from_slice(&nonce),
            Payload {
                msg: &ciphertext,
                aad: &ad,
            },
        )
        .map_err(|_| ())?;
    let key = AccountKey::from_bytes(&plain, file.epoch).map_err(|_| ());
    plain.zeroize();
    let key = key?;
    // The check value guards against a key file whose wrapped key was swapped.
    if key.check() != file.check {
        return Err(());
    }
    Ok(key)
}

/// Whether `key` is the key `file` was made for.
pub fn matches(file: &KeyFile, key: &AccountKey) -> bool {
    key.check() == file.check
}

fn b64e(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn b64(text: &str) -> Result<Vec<u8>> {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD
        .decode(text)
        .map_err(|_| SyncError::Keys("the account's key file is damaged (bad base64)".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_passphrase_and_the_recovery_words_both_unlock_the_same_key() {
        let account = set_up(Some("correct horse battery")).unwrap();
        assert_eq!(account.recovery_words.split_whitespace().count(), 24);
        let by_pass = unlock_with_passphrase(&account.file, "correct horse battery").unwrap();
        let by_words = unlock_with_recovery(&account.file, &account.recovery_words).unwrap();
        assert_eq!(by_pass.bytes(), account.key.bytes());
        assert_eq!(by_words.bytes(), account.key.bytes());
        // Spacing and case in typed words do not matter.
        let typed = format!("  {}\n", account.recovery_words.to_uppercase());
        assert!(unlock_with_recovery(&account.file, &typed).is_ok());
    }

    #[test]
    fn wrong_secrets_are_refused_by_name() {
        let account = set_up(Some("correct horse battery")).unwrap();
        let err = unlock_with_passphrase(&account.file, "correct horse batterz").unwrap_err();
        assert!(matches!(err, SyncError::WrongSecret("passphrase")), "{err}");
        let other = set_up(None).unwrap();
        let err = unlock_with_recovery(&account.file, &other.recovery_words).unwrap_err();
        assert!(
            matches!(err, SyncError::WrongSecret("recovery key")),
            "{err}"
        );
        let err = unlock_with_recovery(&account.file, "not twenty four words").unwrap_err();
        assert!(
            matches!(err, SyncError::WrongSecret("recovery key")),
            "{err}"
        );
        let err = unlock_with_passphrase(&other.file, "anything at all").unwrap_err();
        assert!(err.to_string().contains("recovery key"), "{err}");
    }

    #[test]
    fn a_swapped_wrapped_key_fails_the_check() {
        let a = set_up(Some("passphrase one")).unwrap();
        let b = set_up(Some("passphrase two")).unwrap();
        let mut forged = a.file.clone();
        forged.passphrase = b.file.passphrase.clone();
        assert!(unlock_with_passphrase(&forged, "passphrase two").is_err());
    }

    #[test]
    fn handles_are_stable_per_key_and_reveal_nothing_of_the_id() {
        let a = set_up(None).unwrap().key;
        let b = set_up(None).unwrap().key;
        let h = a.handle("entry/0190f0c2-aaaa");
        assert_eq!(h, a.handle("entry/0190f0c2-aaaa"));
        assert_ne!(h, b.handle("entry/0190f0c2-aaaa"));
        assert_eq!(h.len(), 64);
        assert!(!h.contains("entry"));
    }
}
