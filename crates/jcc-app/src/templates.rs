//! Templates and writing prompts.

use crate::entries::AddEntry;
use crate::error::AppResult;
use crate::events::Event;
use crate::App;
use chrono::NaiveDate;
use jcc_store::templates::{render, TemplateContext};
use jcc_store::{Entry, Template, WritingPrompt};

impl App {
    pub fn template_add(&self, name: &str, category: &str, body: &str) -> AppResult<Template> {
        let t = self.store().save_template(name, category, body)?;
        self.events.emit(Event::TemplatesChanged);
        Ok(t)
    }

    pub fn template_list(&self) -> AppResult<Vec<Template>> {
        Ok(self.store().templates()?)
    }

    pub fn template_remove(&self, name: &str) -> AppResult<()> {
        self.store().delete_template(name)?;
        self.events.emit(Event::TemplatesChanged);
        Ok(())
    }

    /// Starts a new entry from a template, filled for `date` (today by default).
    pub fn template_use(
        &self,
        name: &str,
        journal: Option<&str>,
        date: Option<NaiveDate>,
    ) -> AppResult<Entry> {
        let date = date.unwrap_or_else(App::today);
        let (template, journal_title, prompt) = {
            let store = self.store();
            let template = store.template(name)?;
            let journal_title = match journal {
                Some(key) => store
                    .find_journal(key)
                    .map(|j| j.title)
                    .unwrap_or_else(|_| key.to_string()),
                None => {
                    let id = self.resolve_journal(&store, None)?;
                    store.journal(id)?.title
                }
            };
            let prompt = store.prompt_for(date)?.map(|p| p.text).unwrap_or_default();
            (template, journal_title, prompt)
        };
        let body = render(
            &template.body,
            &TemplateContext {
                date,
                journal: journal_title.clone(),
                prompt: prompt.clone(),
            },
        );
        let uses_prompt =
            template.body.contains("{{prompt}}") || template.body.contains("{{ prompt }}");
        self.entry_add(AddEntry {
            journal: Some(journal_title),
            title: String::new(),
            body,
            date: Some(date),
            prompt: if uses_prompt { prompt } else { String::new() },
            ..Default::default()
        })
    }

    pub fn prompt_list(&self, category: Option<&str>) -> AppResult<Vec<WritingPrompt>> {
        Ok(self.store().prompts(category)?)
    }

    pub fn prompt_today(&self) -> AppResult<Option<WritingPrompt>> {
        Ok(self.store().prompt_for(App::today())?)
    }
}
