// Who the books are by: the name, copyright, ISBN and imprint on every exported book's
// title and copyright pages.

import { useState } from "react";
import { type AuthorProfile, useAuthor, useSaveAuthor } from "../../ipc";
import { t } from "../../i18n";
import { ErrorText } from "../../shared/ErrorText";

export function AuthorSection() {
  const author = useAuthor();
  return (
    <section className="form" aria-labelledby="author-title" data-testid="settings-author">
      <h3 id="author-title">{t("settings.author")}</h3>
      <p className="hint">{t("settings.authorHint")}</p>
      <ErrorText error={author.error} />
      {author.data && <AuthorForm initial={author.data} />}
    </section>
  );
}

/** "" and whitespace mean "no year" (the book then uses the year it was last changed). */
function parseYear(text: string): number | null | "invalid" {
  const s = text.trim();
  if (!s) return null;
  const n = Number(s);
  return Number.isInteger(n) && n >= 1000 && n <= 9999 ? n : "invalid";
}

function AuthorForm({ initial }: { initial: AuthorProfile }) {
  const save = useSaveAuthor();
  const [name, setName] = useState(initial.name);
  const [holder, setHolder] = useState(initial.copyright_holder);
  const [year, setYear] = useState(initial.year === null ? "" : String(initial.year));
  const [isbn, setIsbn] = useState(initial.isbn);
  const [imprint, setImprint] = useState(initial.imprint);
  const parsedYear = parseYear(year);

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (parsedYear === "invalid") return;
    save.mutate({
      name: name.trim(),
      copyright_holder: holder.trim(),
      year: parsedYear,
      isbn: isbn.trim(),
      imprint: imprint.trim(),
    });
  };
  const edited = () => save.reset();

  return (
    <form className="form" onSubmit={submit} onChange={edited} data-testid="author-form">
      <label>
        {t("settings.authorName")}
        <input value={name} data-testid="author-name" onChange={(e) => setName(e.target.value)} />
      </label>
      <label>
        {t("settings.copyrightHolder")}
        <input
          value={holder}
          placeholder={name.trim() || undefined}
          data-testid="author-holder"
          onChange={(e) => setHolder(e.target.value)}
        />
      </label>
      <label>
        {t("settings.copyrightYear")}
        <input
          value={year}
          inputMode="numeric"
          placeholder={t("settings.copyrightYearHint")}
          aria-invalid={parsedYear === "invalid"}
          data-testid="author-year"
          onChange={(e) => setYear(e.target.value)}
        />
      </label>
      {parsedYear === "invalid" && (
        <p role="alert" className="error-text">
          {t("settings.copyrightYearInvalid")}
        </p>
      )}
      <label>
        {t("settings.isbn")}
        <input value={isbn} data-testid="author-isbn" onChange={(e) => setIsbn(e.target.value)} />
      </label>
      <label>
        {t("settings.imprint")}
        <input value={imprint} data-testid="author-imprint" onChange={(e) => setImprint(e.target.value)} />
      </label>
      <ErrorText error={save.error} testId="author-error" />
      <div className="form-actions">
        {save.isSuccess && (
          <span role="status" data-testid="author-saved">
            {t("settings.authorSaved")}
          </span>
        )}
        <button type="submit" className="primary" disabled={save.isPending || parsedYear === "invalid"} data-testid="author-save">
          {t("app.save")}
        </button>
      </div>
    </form>
  );
}
