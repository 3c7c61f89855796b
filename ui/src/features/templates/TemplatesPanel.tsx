// Templates (use one to start an entry, add, remove), the prompt of the day and every
// starter prompt.

import { useAppDispatch, useAppState } from "../../app/state";
import { useRemoveTemplate, useTemplateUse, useTemplates } from "../../ipc";
import { t } from "../../i18n";
import { Dialog } from "../../shared/Dialog";
import { ErrorText } from "../../shared/ErrorText";
import { AddTemplateForm } from "./AddTemplateForm";
import { PromptList } from "./PromptList";
import { PromptOfTheDay } from "./PromptOfTheDay";

export function TemplatesPanel() {
  const dispatch = useAppDispatch();
  const { view } = useAppState();
  const journalId = view?.kind === "journal" ? view.journalId : null;
  const templates = useTemplates();
  const remove = useRemoveTemplate();
  const use = useTemplateUse();

  const start = (name: string) =>
    use.mutate(
      { name, journalId },
      {
        onSuccess: (entry) => {
          dispatch({ type: "closeDialog" });
          dispatch({ type: "showView", view: { kind: "journal", journalId: entry.journal_id } });
          dispatch({ type: "openEntry", entryId: entry.id });
        },
      },
    );

  return (
    <Dialog title={t("templates.title")} onClose={() => dispatch({ type: "closeDialog" })} testId="templates-dialog" wide>
      <PromptOfTheDay journalId={journalId} />
      <section aria-labelledby="templates-list-title">
        <h3 id="templates-list-title">{t("templates.list")}</h3>
        <ErrorText error={templates.error ?? remove.error ?? use.error} />
        <ul className="template-list" data-testid="template-list">
          {(templates.data ?? []).map((tpl) => (
            <li key={tpl.id} data-testid="template-item">
              <div>
                <strong>{tpl.name}</strong>
                {tpl.category && <span className="hint"> · {tpl.category}</span>}
                {tpl.builtin && <span className="badge">{t("templates.builtin")}</span>}
              </div>
              <div className="row-actions">
                <button
                  type="button"
                  aria-label={t("templates.useLabel", { name: tpl.name })}
                  disabled={use.isPending}
                  data-testid="template-use"
                  onClick={() => start(tpl.name)}
                >
                  {t("templates.use")}
                </button>
                {!tpl.builtin && (
                  <button
                    type="button"
                    aria-label={t("templates.removeLabel", { name: tpl.name })}
                    data-testid="template-remove"
                    onClick={() => remove.mutate(tpl.name)}
                  >
                    {t("app.remove")}
                  </button>
                )}
              </div>
            </li>
          ))}
        </ul>
      </section>
      <AddTemplateForm />
      <PromptList journalId={journalId} />
    </Dialog>
  );
}
