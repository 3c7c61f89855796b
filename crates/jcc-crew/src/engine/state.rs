//! What a run has produced so far: the outputs of its finished steps, by task (and item
//! for `for_each` tasks), rebuilt from the library when a run resumes.

use serde_json::Value;
use std::collections::{BTreeMap, HashMap, HashSet};

#[derive(Debug, Default)]
pub(super) struct State {
    pub(super) single: HashMap<String, Value>,
    pub(super) items: HashMap<String, BTreeMap<usize, Value>>,
    pub(super) done: HashSet<String>,
}

impl State {
    pub(super) fn record(&mut self, task: &str, item: Option<usize>, output: Option<Value>) {
        let key = step_key(task, item);
        self.done.insert(key);
        let Some(out) = output else { return };
        match item {
            None => {
                self.single.insert(task.to_string(), out);
            }
            Some(i) => {
                self.items
                    .entry(task.to_string())
                    .or_default()
                    .insert(i, out);
            }
        }
    }

    pub(super) fn forget(&mut self, task: &str, item: Option<usize>) {
        self.done.remove(&step_key(task, item));
        match item {
            None => {
                self.single.remove(task);
            }
            Some(i) => {
                if let Some(m) = self.items.get_mut(task) {
                    m.remove(&i);
                }
            }
        }
    }

    pub(super) fn output(&self, task: &str) -> Value {
        if let Some(v) = self.single.get(task) {
            return v.clone();
        }
        match self.items.get(task) {
            Some(m) => Value::Array(m.values().cloned().collect()),
            None => Value::Null,
        }
    }

    /// Every insight found so far, in order.
    pub(super) fn insights(&self) -> Vec<Value> {
        let mut out = Vec::new();
        let mut take = |v: &Value| {
            if let Some(list) = v.get("insights").and_then(Value::as_array) {
                out.extend(list.iter().cloned());
            }
        };
        for m in self.items.values() {
            m.values().for_each(&mut take);
        }
        self.single.values().for_each(&mut take);
        out
    }

    /// Outputs of the items of `task` before item `i` (what a reply must not repeat).
    pub(super) fn earlier_items(&self, task: &str, item: Option<usize>) -> Vec<Value> {
        match (item, self.items.get(task)) {
            (Some(i), Some(m)) => m.range(..i).map(|(_, v)| v.clone()).collect(),
            _ => Vec::new(),
        }
    }
}

/// `task` or `task#n` (n is the 1-based item).
pub fn step_key(task: &str, item: Option<usize>) -> String {
    match item {
        None => task.to_string(),
        Some(i) => format!("{task}#{}", i + 1),
    }
}

pub(super) fn parse_step_key(key: &str) -> (String, Option<usize>) {
    match key.split_once('#') {
        Some((t, n)) => (
            t.to_string(),
            n.parse::<usize>().ok().filter(|n| *n > 0).map(|n| n - 1),
        ),
        None => (key.to_string(), None),
    }
}

pub(super) fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn step_keys_name_items_from_one() {
        assert_eq!(step_key("day", Some(0)), "day#1");
        assert_eq!(parse_step_key("day#1"), ("day".into(), Some(0)));
        assert_eq!(parse_step_key("intro"), ("intro".into(), None));
        assert_eq!(parse_step_key("day#0"), ("day".into(), None));
    }

    #[test]
    fn outputs_by_task_and_item() {
        let mut s = State::default();
        s.record("research", None, Some(json!({"insights": ["a"]})));
        s.record("day", Some(1), Some(json!({"n": 2, "insights": ["c"]})));
        s.record("day", Some(0), Some(json!({"n": 1})));
        s.record("edit", Some(0), None);
        assert_eq!(
            s.output("day"),
            json!([{"n": 1}, {"n": 2, "insights": ["c"]}])
        );
        assert_eq!(s.earlier_items("day", Some(1)), vec![json!({"n": 1})]);
        assert!(s.done.contains("edit#1"));
        assert_eq!(s.insights().len(), 2);
        s.forget("day", Some(1));
        assert_eq!(s.output("day"), json!([{"n": 1}]));
        assert!(!s.done.contains("day#2"));
    }
}
