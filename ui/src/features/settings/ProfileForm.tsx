// Add an LLM endpoint profile. The API key field is uncontrolled: the key is read once on
// submit, handed to the core (which stores it in the OS keyring) and the field cleared —
// it never sits in React state, the query cache or a mutation's variables.

import { useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { type DetectedServer, type StructuredOutput, api, keys } from "../../ipc";
import { t } from "../../i18n";
import { ErrorText } from "../../shared/ErrorText";

export function ProfileForm({ preset }: { preset: DetectedServer | null }) {
  const qc = useQueryClient();
  const [name, setName] = useState(preset?.name ?? "");
  const [baseUrl, setBaseUrl] = useState(preset?.base_url ?? "");
  const [model, setModel] = useState(preset?.models[0] ?? "");
  const [structured, setStructured] = useState<StructuredOutput>(preset?.structured_output ?? "json_schema");
  const [makeDefault, setMakeDefault] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const keyField = useRef<HTMLInputElement>(null);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const field = keyField.current;
    const apiKey = field?.value.trim() || null;
    if (field) field.value = "";
    setBusy(true);
    setError(null);
    try {
      await api.llmAdd(
        {
          name: name.trim(),
          base_url: baseUrl.trim(),
          model: model.trim(),
          structured_output: structured,
          requests_per_minute: null,
          tokens_per_minute: null,
          timeout_secs: null,
          images_model: null,
          make_default: makeDefault,
        },
        apiKey,
      );
      setName("");
      setBaseUrl("");
      setModel("");
      await qc.invalidateQueries({ queryKey: keys.profiles });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form" onSubmit={(e) => void submit(e)} aria-labelledby="profile-form-title" data-testid="profile-form">
      <h4 id="profile-form-title">{t("settings.addProfile")}</h4>
      <label>
        {t("settings.profileName")}
        <input required value={name} data-testid="profile-name" onChange={(e) => setName(e.target.value)} />
      </label>
      <label>
        {t("settings.baseUrl")}
        <input
          required
          type="url"
          value={baseUrl}
          placeholder="http://127.0.0.1:11434/v1"
          data-testid="profile-base-url"
          onChange={(e) => setBaseUrl(e.target.value)}
        />
      </label>
      <label>
        {t("settings.model")}
        <input required value={model} data-testid="profile-model" onChange={(e) => setModel(e.target.value)} />
      </label>
      <label>
        {t("settings.apiKey")}
        <input ref={keyField} type="password" autoComplete="off" data-testid="profile-api-key" />
      </label>
      <label>
        {t("settings.structuredOutput")}
        <select
          value={structured}
          data-testid="profile-structured"
          onChange={(e) => setStructured(e.target.value as StructuredOutput)}
        >
          <option value="json_schema">json_schema</option>
          <option value="json_object">json_object</option>
          <option value="prompt">prompt</option>
        </select>
      </label>
      <label className="inline">
        <input type="checkbox" checked={makeDefault} onChange={(e) => setMakeDefault(e.target.checked)} />
        {t("settings.makeDefault")}
      </label>
      <ErrorText error={error} testId="profile-error" />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy} data-testid="profile-add">
          {t("settings.addProfile")}
        </button>
      </div>
    </form>
  );
}
