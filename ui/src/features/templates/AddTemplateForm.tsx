// Save a new template: name, category, body with {{date}}/{{journal}}/{{prompt}}.

import { useState } from "react";
import { useAddTemplate } from "../../ipc";
import { t } from "../../i18n";
import { ErrorText } from "../../shared/ErrorText";

export function AddTemplateForm() {
  const add = useAddTemplate();
  const [name, setName] = useState("");
  const [category, setCategory] = useState("");
  const [body, setBody] = useState("");
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (!name.trim() || !body.trim()) return;
    add.mutate(
      { name: name.trim(), category: category.trim(), body },
      {
        onSuccess: () => {
          setName("");
          setCategory("");
          setBody("");
        },
      },
    );
  };
  return (
    <form className="form" onSubmit={submit} aria-labelledby="add-template-title">
      <h3 id="add-template-title">{t("templates.add")}</h3>
      <label>
        {t("templates.name")}
        <input required value={name} onChange={(e) => setName(e.target.value)} data-testid="template-name" />
      </label>
      <label>
        {t("templates.category")}
        <input value={category} onChange={(e) => setCategory(e.target.value)} data-testid="template-category" />
      </label>
      <label>
        {t("templates.body")}
        <textarea required rows={5} value={body} onChange={(e) => setBody(e.target.value)} data-testid="template-body" />
      </label>
      <p className="hint">{t("templates.bodyHint")}</p>
      <ErrorText error={add.error} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={add.isPending} data-testid="template-add">
          {t("templates.add")}
        </button>
      </div>
    </form>
  );
}
