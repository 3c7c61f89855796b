//! Long work (import, export, crew runs, AI suggestions) registers under an id the window
//! chose, so the window can cancel it.

use jcc_llm::CancellationToken;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

#[derive(Debug, Default, Clone)]
pub struct Tasks {
    inner: Arc<Mutex<Registry>>,
}

#[derive(Debug, Default)]
struct Registry {
    next: u64,
    running: HashMap<String, (u64, CancellationToken)>,
}

/// A registered task; dropping it unregisters.
#[derive(Debug)]
pub struct TaskGuard {
    tasks: Tasks,
    id: String,
    generation: u64,
    pub token: CancellationToken,
}

impl Tasks {
    pub fn start(&self, id: &str) -> TaskGuard {
        let token = CancellationToken::new();
        let mut reg = self.lock();
        reg.next += 1;
        let generation = reg.next;
        // A reused id cancels the older task: the window only tracks the newest.
        if let Some((_, old)) = reg
            .running
            .insert(id.to_string(), (generation, token.clone()))
        {
            old.cancel();
        }
        TaskGuard {
            tasks: self.clone(),
            id: id.to_string(),
            generation,
            token,
        }
    }

    /// Cancels a running task; false when no task has that id (it already ended).
    pub fn cancel(&self, id: &str) -> bool {
        match self.lock().running.get(id) {
            Some((_, token)) => {
                token.cancel();
                true
            }
            None => false,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Registry> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl Drop for TaskGuard {
    fn drop(&mut self) {
        let mut reg = self.tasks.lock();
        // Only remove our own entry: a newer task may have taken the id.
        if reg
            .running
            .get(&self.id)
            .is_some_and(|(g, _)| *g == self.generation)
        {
            reg.running.remove(&self.id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Tasks;

    #[test]
    fn cancel_reaches_the_task_and_ends_with_it() {
        let tasks = Tasks::default();
        let guard = tasks.start("export");
        assert!(tasks.cancel("export"));
        assert!(guard.token.is_cancelled());
        drop(guard);
        assert!(
            !tasks.cancel("export"),
            "the id is free once the task ended"
        );
    }

    #[test]
    fn a_reused_id_cancels_the_older_task_only() {
        let tasks = Tasks::default();
        let old = tasks.start("assist");
        let new = tasks.start("assist");
        assert!(old.token.is_cancelled());
        assert!(!new.token.is_cancelled());
        drop(old);
        assert!(tasks.cancel("assist"), "the newer task is still registered");
        assert!(new.token.is_cancelled());
    }
}
