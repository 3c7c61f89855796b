//! What a step sees: its item, the template variables its prompt and writes are rendered
//! with, and the image slots the earlier steps asked for.

use super::state::State;
use crate::definition::{CrewDefinition, Task, WriteSpec};
use crate::persist::EntryWrite;
use crate::plan::{self, RunInputs};
use crate::template::render;
use serde_json::{json, Map, Value};

/// One image slot: an entry that wants an image, and what it should show.
#[derive(Debug, Clone)]
pub(super) struct Slot {
    pub(super) key: String,
    pub(super) description: String,
}

/// The item a `for_each` step works on (`Null` for a single step).
pub(super) fn item_value(
    def: &CrewDefinition,
    task: &Task,
    item: Option<usize>,
    inputs: &RunInputs,
    state: &State,
) -> Value {
    let insights = state.insights();
    match (task.for_each.as_deref(), item) {
        (Some("image_slots"), Some(i)) => slots(def, inputs, state)
            .get(i)
            .map(|s| json!({"key": s.key, "description": s.description}))
            .unwrap_or(Value::Null),
        (Some(c), Some(i)) => plan::item(c, i, inputs, &insights),
        _ => Value::Null,
    }
}

/// Template variables for one step.
pub(super) fn context(
    task: &Task,
    item: Option<usize>,
    item_value: &Value,
    inputs: &RunInputs,
    state: &State,
    note: &str,
) -> Value {
    let mut ctx = inputs.context();
    ctx.insert("note".into(), json!(note));
    for c in &task.context {
        ctx.insert(c.clone(), state.output(c));
    }
    if let Some(i) = item {
        ctx.insert("item".into(), item_value.clone());
        let same: Map<String, Value> = state
            .items
            .iter()
            .filter_map(|(t, m)| m.get(&i).map(|v| (t.clone(), v.clone())))
            .collect();
        ctx.insert("same".into(), Value::Object(same));
        let earlier = state
            .items
            .get(&task.id)
            .map(|m| crate::recall::earlier(m, i))
            .unwrap_or_default();
        ctx.insert("earlier".into(), Value::Object(earlier));
    }
    Value::Object(ctx)
}

/// Every image slot the finished steps' writes ask for, first mention first.
pub(super) fn slots(def: &CrewDefinition, inputs: &RunInputs, state: &State) -> Vec<Slot> {
    let mut slots: Vec<Slot> = Vec::new();
    let insights = state.insights();
    for t in &def.tasks {
        let Some(w) = &t.write else { continue };
        let Some(image) = &w.image else { continue };
        let outputs: Vec<(Value, Value)> = match t.for_each.as_deref() {
            None => state
                .single
                .get(&t.id)
                .map(|o| (Value::Null, o.clone()))
                .into_iter()
                .collect(),
            Some(c) => state
                .items
                .get(&t.id)
                .map(|m| {
                    m.iter()
                        .map(|(i, o)| (plan::item(c, *i, inputs, &insights), o.clone()))
                        .collect()
                })
                .unwrap_or_default(),
        };
        for (item, output) in outputs {
            let mut ctx = inputs.context();
            ctx.insert("item".into(), item);
            ctx.insert("output".into(), output);
            let ctx = Value::Object(ctx);
            let key = render(&w.key, &ctx);
            let description = render(image, &ctx);
            if !key.is_empty() && !slots.iter().any(|s| s.key == key) {
                slots.push(Slot { key, description });
            }
        }
    }
    slots
}

/// The entry a step writes, rendered with its context and output.
pub(super) fn entry_write(w: &WriteSpec, ctx: &Value) -> EntryWrite {
    let text = |t: &Option<String>| t.as_ref().map(|t| render(t, ctx).trim().to_string());
    let int = |t: &Option<String>| text(t).and_then(|s| s.parse::<i64>().ok());
    EntryWrite {
        key: render(&w.key, ctx),
        kind: text(&w.kind).and_then(|k| k.parse().ok()),
        day: int(&w.day),
        position: int(&w.position),
        title: text(&w.title),
        body: text(&w.body),
        prompt: text(&w.prompt),
        lines: int(&w.lines),
    }
}
