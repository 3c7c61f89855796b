//! A revision as devices see it (inside the ciphertext), and sealing it into the envelope
//! the server stores: XChaCha20-Poly1305 with associated data binding the account, the
//! revision id, the entity handle and the key epoch.

use crate::error::{Result, SyncError};
use crate::keys::AccountKey;
use chacha20poly1305::aead::{Aead, KeyInit, Payload as AeadPayload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use jcc_store::sync_records::Record;
use jcc_sync_proto::{associated_data, Envelope};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Put,
    Delete,
    Merge,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Put => "put",
            Kind::Delete => "delete",
            Kind::Merge => "merge",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "put" => Some(Kind::Put),
            "delete" => Some(Kind::Delete),
            "merge" => Some(Kind::Merge),
            _ => None,
        }
    }
}

/// An immutable revision of one synced thing: a full snapshot of its fields.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Revision {
    pub rev_id: Uuid,
    pub entity: String,
    /// Sorted.
    pub parents: Vec<Uuid>,
    /// Hybrid logical clock: orders concurrent changes the same way on every device.
    pub hlc: i64,
    pub device: String,
    pub kind: Kind,
    /// `None` for a delete.
    pub record: Option<Record>,
    /// Paragraphs a merge kept in both versions.
    #[serde(default)]
    pub conflicts: i64,
}

impl Revision {
    /// The order concurrent revisions merge in: earlier first, then by device, then id.
    pub fn order_key(&self) -> (i64, &str, Uuid) {
        (self.hlc, &self.device, self.rev_id)
    }
}

/// A merge revision's id is derived from its sorted parents, so two devices merging the
/// same heads make the same revision and the server stores it once.
pub fn merge_id(parents: &[Uuid]) -> Uuid {
    use sha2::{Digest, Sha256};
    let mut sorted = parents.to_vec();
    sorted.sort();
    let mut h = Sha256::new();
    h.update(b"jcc merge v1");
    for p in &sorted {
        h.update(p.as_bytes());
    }
    let digest = h.finalize();
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_custom_bytes(bytes).into_uuid()
}

/// Encrypts a revision for the server.
pub fn seal(rev: &Revision, key: &AccountKey, user: Uuid) -> Result<Envelope> {
    let handle = key.handle(&rev.entity);
    let plain = serde_json::to_vec(rev).expect("revisions serialize");
    let mut nonce = [0u8; 24];
    rand::thread_rng().fill_bytes(&mut nonce);
    let ad = associated_data(user, rev.rev_id, &handle, key.epoch);
    let cipher = XChaCha20Poly1305::new(key.revision_key().as_ref().into());
    let ciphertext = cipher
        .encrypt(
            XNonce::from_slice(&nonce),
            AeadPayload {
                msg: &plain,
                aad: &ad,
            },
        )
        .map_err(|_| SyncError::Keys("could not encrypt a revision".into()))?;
    Ok(Envelope {
        rev_id: rev.rev_id,
        handle,
        epoch: key.epoch,
        nonce: nonce.to_vec(),
        ciphertext,
    })
}

/// Decrypts and checks a revision from the server: it must decrypt under this account's
/// key with its own id and handle, and its entity must hash to that handle.
pub fn open(env: &Envelope, key: &AccountKey, user: Uuid) -> Result<Revision> {
    if env.epoch != key.epoch || env.nonce.len() != 24 {
        return Err(SyncError::Tampered(format!(
            "revision {}: bad epoch or nonce",
            env.rev_id
        )));
    }
    let ad = associated_data(user, env.rev_id, &env.handle, env.epoch);
    let cipher = XChaCha20Poly1305::new(key.revision_key().as_ref().into());
    let plain = cipher
        .decrypt(
            XNonce::from_slice(&env.nonce),
            AeadPayload {
                msg: &env.ciphertext,
                aad: &ad,
            },
        )
        .map_err(|_| SyncError::Tampered(format!("revision {}", env.rev_id)))?;
    let rev: Revision = serde_json::from_slice(&plain)
        .map_err(|e| SyncError::Tampered(format!("revision {}: {e}", env.rev_id)))?;
    if rev.rev_id != env.rev_id || key.handle(&rev.entity) != env.handle {
        return Err(SyncError::Tampered(format!(
            "revision {}: its contents do not match its envelope",
            env.rev_id
        )));
    }
    Ok(rev)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jcc_store::sync_records::TemplateRecord;

    fn rev() -> Revision {
        Revision {
            rev_id: Uuid::now_v7(),
            entity: "template/morning".into(),
            parents: vec![],
            hlc: 1,
            device: "d1".into(),
            kind: Kind::Put,
            record: Some(Record::Template(TemplateRecord {
                name: "Morning".into(),
                category: "general".into(),
                body: "What is the secret plan today?".into(),
            })),
            conflicts: 0,
        }
    }

    #[test]
    fn sealed_revisions_hide_their_words_and_open_only_where_they_were_made() {
        let key = crate::keys::set_up(None).unwrap().key;
        let user = Uuid::new_v4();
        let r = rev();
        let env = seal(&r, &key, user).unwrap();
        assert!(!String::from_utf8_lossy(&env.ciphertext).contains("secret"));
        assert!(!env.handle.contains("morning"));
        assert_eq!(open(&env, &key, user).unwrap(), r);
        // Another account, another revision id or another handle: refused.
        assert!(open(&env, &key, Uuid::new_v4()).is_err());
        let moved = Envelope {
            rev_id: Uuid::now_v7(),
            ..env.clone()
        };
        assert!(open(&moved, &key, user).is_err());
        let rehandled = Envelope {
            handle: key.handle("template/evening"),
            ..env.clone()
        };
        assert!(open(&rehandled, &key, user).is_err());
        let other = crate::keys::set_up(None).unwrap().key;
        assert!(open(&env, &other, user).is_err());
    }

    #[test]
    fn merge_ids_depend_only_on_the_set_of_parents() {
        let (a, b) = (Uuid::now_v7(), Uuid::now_v7());
        assert_eq!(merge_id(&[a, b]), merge_id(&[b, a]));
        assert_ne!(merge_id(&[a, b]), merge_id(&[a]));
    }
}
