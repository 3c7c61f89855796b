// Native menu picks arrive as `menu-action` strings; each maps to the same transition a
// click would make.

import type { Action } from "./state";
import type { ThemePref } from "./preferences";

export interface MenuTargets {
  dispatch: (action: Action) => void;
  setTheme: (theme: ThemePref) => void;
  newEntry: () => void;
  toggleFocus: () => void;
}

export function routeMenuAction(action: string, to: MenuTargets): boolean {
  switch (action) {
    case "new_journal":
      to.dispatch({ type: "openDialog", dialog: "newJournal" });
      return true;
    case "new_entry":
      to.newEntry();
      return true;
    case "import":
      to.dispatch({ type: "openDialog", dialog: "import" });
      return true;
    case "export_pdf":
      to.dispatch({ type: "openDialog", dialog: "export", exportFormat: "pdf" });
      return true;
    case "export_epub":
      to.dispatch({ type: "openDialog", dialog: "export", exportFormat: "epub" });
      return true;
    case "export_markdown":
      to.dispatch({ type: "openDialog", dialog: "export", exportFormat: "md" });
      return true;
    case "theme_light":
    case "theme_dark":
    case "theme_system":
      to.setTheme(action.slice("theme_".length) as ThemePref);
      return true;
    case "focus_mode":
      to.toggleFocus();
      return true;
    case "find":
      to.dispatch({ type: "openDialog", dialog: "search" });
      return true;
    case "settings":
      to.dispatch({ type: "openDialog", dialog: "settings" });
      return true;
    case "about":
      to.dispatch({ type: "openDialog", dialog: "about" });
      return true;
    default:
      return false;
  }
}
