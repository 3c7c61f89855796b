// Where the library lives (read-only here; JCC_DATA_DIR moves it) and a way to get there.

import { revealInFolder, useAppInfo } from "../../ipc";
import { t } from "../../i18n";
import { ErrorText } from "../../shared/ErrorText";

export function DataFolderSection() {
  const info = useAppInfo();
  return (
    <section className="form" aria-labelledby="data-folder-title" data-testid="settings-data">
      <h3 id="data-folder-title">{t("settings.dataFolder")}</h3>
      <ErrorText error={info.error} />
      {info.data && (
        <div className="row">
          <input
            readOnly
            aria-labelledby="data-folder-title"
            value={info.data.data_dir}
            data-testid="settings-data-dir"
            className="grow"
          />
          <button type="button" data-testid="settings-show-data" onClick={() => void revealInFolder(info.data.library)}>
            {t("settings.showInFolder")}
          </button>
        </div>
      )}
    </section>
  );
}
