//! AI actions in the editor: continue writing, rephrase a selection, suggest a prompt,
//! reflect on an entry. One streamed chat call each, through the writer's endpoint; the
//! text is a suggestion the editor shows apart until the writer accepts it.

use crate::error::{AppError, AppResult};
use crate::llm::runtime;
use crate::App;
use jcc_llm::{CancellationToken, ChatRequest, ClientEvent, Message};
use serde::{Deserialize, Serialize};

/// Characters of entry text sent as context: enough for voice and thread, bounded so a
/// 50,000-word entry doesn't overflow a small local model's window.
const CONTEXT_CHARS: usize = 6_000;

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AssistAction {
    Continue,
    Rephrase,
    SuggestPrompt,
    Reflect,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AssistInput {
    pub action: AssistAction,
    /// The entry's text (or the part before the cursor, for `continue`).
    pub text: String,
    /// The selected passage (required by `rephrase`).
    #[serde(default)]
    pub selection: Option<String>,
    /// Endpoint profile; the default one when absent.
    #[serde(default)]
    pub profile: Option<String>,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AssistOutcome {
    pub text: String,
    pub tokens_in: u64,
    pub tokens_out: u64,
}

impl App {
    /// Asks the model for one suggestion, streaming its text to `on_delta`.
    pub fn assist(
        &self,
        input: AssistInput,
        cancel: &CancellationToken,
        on_delta: &(dyn Fn(&str) + Send + Sync),
    ) -> AppResult<AssistOutcome> {
        let request = assist_request(&input)?;
        let client = self.llm_client(input.profile.as_deref())?;
        let on_event = |e: ClientEvent| {
            if let ClientEvent::Delta(t) = e {
                on_delta(&t);
            }
        };
        let reply = runtime()?.block_on(client.chat(&request, cancel, &on_event))?;
        Ok(AssistOutcome {
            text: reply.content.trim().to_string(),
            tokens_in: reply.usage.tokens_in,
            tokens_out: reply.usage.tokens_out,
        })
    }
}

fn assist_request(input: &AssistInput) -> AppResult<ChatRequest> {
    let context = tail_chars(&input.text, CONTEXT_CHARS);
    let (task, max_tokens, user) = match input.action {
        AssistAction::Continue => (
            "Continue the writer's journal entry in their own voice and tense, for one or two \
             short paragraphs. Reply with the continuation only, no preamble.",
            220,
            format!("The entry so far:\n\n{context}"),
        ),
        AssistAction::Rephrase => {
            let selection = input
                .selection
                .as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .ok_or_else(|| AppError::invalid("select the passage to rephrase first"))?;
            (
                "Rephrase the passage so it reads more clearly, keeping its meaning, its \
                 first person and the writer's voice. Reply with the rephrased passage only.",
                200,
                format!("The passage:\n\n{selection}"),
            )
        }
        AssistAction::SuggestPrompt => (
            "Suggest one short, open journaling prompt (a single question) that would help \
             the writer go deeper from this entry. Reply with the question only.",
            60,
            format!("The entry:\n\n{context}"),
        ),
        AssistAction::Reflect => (
            "Reflect the entry back to the writer in two to four warm, plain sentences: what \
             stands out, then one gentle question. Never diagnose or advise treatment.",
            160,
            format!("The entry:\n\n{context}"),
        ),
    };
    if input.action != AssistAction::Rephrase && context.trim().is_empty() {
        return Err(AppError::invalid(
            "write a few words first: the assistant works from the entry's text",
        ));
    }
    Ok(ChatRequest {
        messages: vec![
            Message::system(format!(
                "You help a writer with their private journal. {task}"
            )),
            Message::user(user),
        ],
        temperature: Some(0.7),
        max_tokens: Some(max_tokens),
        seed: None,
        schema: None,
        stream: true,
    })
}

/// The last `max` characters of `text`, cut at a character boundary.
fn tail_chars(text: &str, max: usize) -> &str {
    let count = text.chars().count();
    if count <= max {
        return text;
    }
    let skip = count - max;
    let start = text.char_indices().nth(skip).map_or(0, |(i, _)| i);
    &text[start..]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(action: AssistAction, text: &str, selection: Option<&str>) -> AssistInput {
        AssistInput {
            action,
            text: text.into(),
            selection: selection.map(Into::into),
            profile: None,
        }
    }

    #[test]
    fn rephrase_needs_a_selection() {
        let err = assist_request(&input(AssistAction::Rephrase, "text", None)).unwrap_err();
        assert!(err.message.contains("select the passage"), "{err}");
        let ok = assist_request(&input(AssistAction::Rephrase, "", Some("a line"))).unwrap();
        assert!(ok.messages[1].content.contains("a line"));
    }

    #[test]
    fn empty_entries_get_a_clear_error() {
        for action in [
            AssistAction::Continue,
            AssistAction::Reflect,
            AssistAction::SuggestPrompt,
        ] {
            let err = assist_request(&input(action, "  \n", None)).unwrap_err();
            assert!(
                err.message.contains("write a few words"),
                "{action:?}: {err}"
            );
        }
    }

    #[test]
    fn long_entries_send_their_end_only() {
        let text = format!("{}THE END ñ", "é".repeat(20_000));
        let req = assist_request(&input(AssistAction::Continue, &text, None)).unwrap();
        let user = &req.messages[1].content;
        assert!(user.ends_with("THE END ñ"));
        assert!(user.chars().count() < CONTEXT_CHARS + 100);
        assert!(req.stream);
    }
}
