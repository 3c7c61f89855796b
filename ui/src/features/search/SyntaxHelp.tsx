// The query language at a glance (jcc-store search/query.rs is the reference).

import { messages, t } from "../../i18n";

export function SyntaxHelp() {
  return (
    <details className="syntax-help" data-testid="search-help">
      <summary>{t("search.help")}</summary>
      <dl>
        {messages().search.syntax.map(([example, meaning]) => (
          <div key={example} className="syntax-row">
            <dt>
              <code>{example}</code>
            </dt>
            <dd>{meaning}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
