//! `jcc llm test` for a model file: loads it, then sends the same two requests as the
//! server check ([`jcc_llm::diagnose::probe`]), the structured reply judged strictly
//! since the grammar makes it the JSON itself.

use crate::chat::LocalChat;
use jcc_llm::{ConnectionReport, EndpointProfile};

pub async fn test_local(profile: EndpointProfile) -> ConnectionReport {
    let mut r = ConnectionReport::for_profile(&profile);
    let chat = match LocalChat::open(profile.clone()) {
        Ok(c) => c,
        Err(e) => {
            r.problems.push(e.to_string());
            return r;
        }
    };
    r.reachable = true;
    r.models = vec![profile.model.clone()];
    r.model_listed = Some(true);
    jcc_llm::diagnose::probe(&chat, &mut r, true).await;
    r
}
