//! Server-sent events as OpenAI-compatible servers stream them: `data: {json}` lines,
//! events separated by blank lines, `data: [DONE]` at the end.

/// Collects bytes and hands out the `data` payload of each complete event.
#[derive(Debug, Default)]
pub(crate) struct SseParser {
    buf: Vec<u8>,
}

#[derive(Debug, PartialEq, Eq)]
pub(crate) enum SseEvent {
    Data(String),
    Done,
}

impl SseParser {
    pub fn push(&mut self, bytes: &[u8]) -> Vec<SseEvent> {
        self.buf.extend_from_slice(bytes);
        let mut out = Vec::new();
        // Lines end in \n (or \r\n); a payload is one line for these servers, so each
        // `data:` line is an event of its own and blank lines need no tracking.
        while let Some(nl) = self.buf.iter().position(|b| *b == b'\n') {
            let line: Vec<u8> = self.buf.drain(..=nl).collect();
            let line = String::from_utf8_lossy(&line);
            let line = line.trim_end_matches(['\r', '\n']);
            if let Some(data) = line.strip_prefix("data:") {
                let data = data.trim_start();
                if data == "[DONE]" {
                    out.push(SseEvent::Done);
                } else if !data.is_empty() {
                    out.push(SseEvent::Data(data.to_string()));
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_split_across_chunks() {
        let mut p = SseParser::default();
        assert!(p.push(b"data: {\"a\"").is_empty());
        assert_eq!(
            p.push(b":1}\r\n\r\n: comment\ndata: [DONE]\n\n"),
            vec![SseEvent::Data("{\"a\":1}".into()), SseEvent::Done]
        );
    }
}
