// What the window shows: the library view, the open entry, which dialog is up. One
// reducer, so menu actions and clicks go through the same transitions. (Focus mode is a
// preference: see preferences.tsx.)

import { type Dispatch, type ReactNode, createContext, useContext, useReducer } from "react";

export type LibraryView =
  | { kind: "journal"; journalId: number }
  | { kind: "starred" }
  | { kind: "trash" }
  | { kind: "tag"; tag: string }
  /** The month calendar (it replaces the entry list). */
  | { kind: "calendar" };

export type DialogName =
  | "newJournal"
  | "search"
  | "templates"
  | "stats"
  | "crew"
  | "settings"
  | "export"
  | "import"
  | "about";

export interface AppState {
  view: LibraryView | null;
  entryId: number | null;
  dialog: DialogName | null;
  /** Export format preselected by the menu (pdf, epub, md). */
  exportFormat: "pdf" | "epub" | "md" | "json" | null;
  historyOpen: boolean;
  /** Bumped to make the editor reload the entry from the core (after a restore). */
  editorReload: number;
  damaged: string | null;
  /** Put the cursor in the editor once the open entry shows (a new entry: type at once). */
  focusEditor: boolean;
}

export type Action =
  | { type: "showView"; view: LibraryView }
  | { type: "openEntry"; entryId: number | null; focus?: boolean }
  | { type: "editorFocused" }
  | { type: "openDialog"; dialog: DialogName; exportFormat?: AppState["exportFormat"] }
  | { type: "closeDialog" }
  | { type: "toggleHistory" }
  | { type: "reloadEditor" }
  | { type: "damaged"; reason: string | null };

export const initialState: AppState = {
  view: null,
  entryId: null,
  dialog: null,
  exportFormat: null,
  historyOpen: false,
  editorReload: 0,
  damaged: null,
  focusEditor: false,
};

export function reducer(state: AppState, action: Action): AppState {
  switch (action.type) {
    case "showView":
      return { ...state, view: action.view, entryId: null, historyOpen: false };
    case "openEntry":
      return {
        ...state,
        entryId: action.entryId,
        historyOpen: state.historyOpen && action.entryId !== null,
        focusEditor: action.focus === true && action.entryId !== null,
      };
    case "editorFocused":
      return { ...state, focusEditor: false };
    case "openDialog":
      return { ...state, dialog: action.dialog, exportFormat: action.exportFormat ?? null };
    case "closeDialog":
      return { ...state, dialog: null };
    case "toggleHistory":
      return { ...state, historyOpen: !state.historyOpen };
    case "reloadEditor":
      return { ...state, editorReload: state.editorReload + 1 };
    case "damaged":
      return { ...state, damaged: action.reason };
  }
}

const StateContext = createContext<AppState>(initialState);
const DispatchContext = createContext<Dispatch<Action>>(() => {});

export function AppStateProvider({ children, initial }: { children: ReactNode; initial?: Partial<AppState> }) {
  const [state, dispatch] = useReducer(reducer, { ...initialState, ...initial });
  return (
    <StateContext.Provider value={state}>
      <DispatchContext.Provider value={dispatch}>{children}</DispatchContext.Provider>
    </StateContext.Provider>
  );
}

export function useAppState(): AppState {
  return useContext(StateContext);
}

export function useAppDispatch(): Dispatch<Action> {
  return useContext(DispatchContext);
}
