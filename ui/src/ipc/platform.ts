// Native bits the shell grants the window (see src-tauri/capabilities/main.json): save and
// open dialogs, revealing a file, desktop notifications, files dropped on the window,
// the window's title and close (through the core, which knows about the tray).

import { convertFileSrc } from "@tauri-apps/api/core";
import { getCurrentWebview } from "@tauri-apps/api/webview";
import { getCurrentWindow } from "@tauri-apps/api/window";
import { open, save } from "@tauri-apps/plugin-dialog";
import { revealItemInDir } from "@tauri-apps/plugin-opener";
import { api } from "./api";

export async function chooseSavePath(defaultName: string, filters: { name: string; extensions: string[] }[]) {
  return (await save({ defaultPath: defaultName, filters })) ?? null;
}

export async function chooseOpenPath(options: { directory: boolean; filters?: { name: string; extensions: string[] }[] }) {
  const picked = await open({ multiple: false, directory: options.directory, filters: options.filters });
  return typeof picked === "string" ? picked : null;
}

/** Where the window loads an image entry `entryId` keeps (the shell's jcc-image scheme). */
export function entryImageUrl(entryId: number, filename: string): string {
  return convertFileSrc(`${entryId}/${filename}`, "jcc-image");
}

export async function revealInFolder(path: string): Promise<void> {
  await revealItemInDir(path);
}

/**
 * Tells the writer a long job ended, if the OS lets us (asks once for permission). The
 * shell's notification plugin provides the Web Notification API inside the window, so no
 * JavaScript package is needed (and none can drift from the Rust plugin's version).
 */
export async function notify(title: string, body: string): Promise<void> {
  try {
    const N = window.Notification;
    if (!N) return;
    let permission = N.permission;
    if (permission === "default") permission = await N.requestPermission();
    if (permission === "granted") new N(title, { body });
  } catch {
    // No notification service: the in-app status says the same.
  }
}

export type DropHandler = (paths: string[], position: { x: number; y: number }) => void;

/** Files dropped on the window (Tauri gives paths, not File objects). */
export async function listenFileDrops(handler: DropHandler): Promise<() => void> {
  const webview = getCurrentWebview();
  return webview.onDragDropEvent((event) => {
    if (event.payload.type !== "drop") return;
    const scale = window.devicePixelRatio || 1;
    const { x, y } = event.payload.position;
    handler(event.payload.paths, { x: x / scale, y: y / scale });
  });
}

/**
 * Asks `beforeClose` when the window is asked to close (title bar, Close Window, Quit): it
 * closes when that resolves true (or fails), and stays open when it resolves false (the
 * writer chose to keep it). The core closes it: to the tray while a daily reminder keeps
 * the app running, for good otherwise. Should that fail, the listener steps aside so the
 * next close request closes the window as usual.
 */
export async function onWindowClose(beforeClose: () => Promise<boolean>): Promise<() => void> {
  const win = getCurrentWindow();
  let unlisten: (() => void) | null = null;
  unlisten = await win.listen("tauri://close-requested", async () => {
    const close = await beforeClose().catch(() => true);
    if (!close) return;
    try {
      await api.windowClose();
    } catch {
      unlisten?.();
      unlisten = null;
    }
  });
  return () => unlisten?.();
}

/** "Journal — Journal Craft Crew" in the title bar (and the OS window switcher). */
export async function setWindowTitle(title: string): Promise<void> {
  try {
    await getCurrentWindow().setTitle(title);
  } catch {
    document.title = title;
  }
}
