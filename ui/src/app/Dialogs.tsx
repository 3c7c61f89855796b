// Whichever dialog the state names.

import { CrewDialog } from "../features/crew/CrewDialog";
import { ExportDialog } from "../features/export/ExportDialog";
import { ImportDialog } from "../features/export/ImportDialog";
import { NewJournalDialog } from "../features/library/NewJournalDialog";
import { SearchPanel } from "../features/search/SearchPanel";
import { SettingsDialog } from "../features/settings/SettingsDialog";
import { StatsPanel } from "../features/stats/StatsPanel";
import { TemplatesPanel } from "../features/templates/TemplatesPanel";
import { AboutDialog } from "./AboutDialog";
import { useAppState } from "./state";

export function Dialogs() {
  const { dialog } = useAppState();
  switch (dialog) {
    case null:
      return null;
    case "newJournal":
      return <NewJournalDialog />;
    case "search":
      return <SearchPanel />;
    case "templates":
      return <TemplatesPanel />;
    case "stats":
      return <StatsPanel />;
    case "crew":
      return <CrewDialog />;
    case "settings":
      return <SettingsDialog />;
    case "export":
      return <ExportDialog />;
    case "import":
      return <ImportDialog />;
    case "about":
      return <AboutDialog />;
  }
}
