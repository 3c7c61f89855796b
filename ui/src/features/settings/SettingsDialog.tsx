// Settings: appearance, writing typography, reminders, starting with the session, the author on exported books, endpoints, the sync account, data folder.

import { useAppDispatch } from "../../app/state";
import { t } from "../../i18n";
import { Dialog } from "../../shared/Dialog";
import { AccountSection } from "../sync/AccountSection";
import { AppearanceSection } from "./AppearanceSection";
import { AuthorSection } from "./AuthorSection";
import { DataFolderSection } from "./DataFolderSection";
import { ProfilesSection } from "./ProfilesSection";
import { RemindersSection } from "./RemindersSection";
import { StartupSection } from "./StartupSection";
import { WritingSection } from "./WritingSection";

export function SettingsDialog() {
  const dispatch = useAppDispatch();
  return (
    <Dialog title={t("settings.title")} onClose={() => dispatch({ type: "closeDialog" })} testId="settings-dialog" wide>
      <AppearanceSection />
      <WritingSection />
      <RemindersSection />
      <StartupSection />
      <AuthorSection />
      <ProfilesSection />
      <AccountSection />
      <DataFolderSection />
    </Dialog>
  );
}
