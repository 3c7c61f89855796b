import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { mockCore } from "../test/ipc";
import { renderInApp } from "../test/render";
import { DamagedBanner } from "./DamagedBanner";

const damaged = { damaged: true, reason: "page 4 unreadable" as string | null, library: "/d/library.sqlite3", backups_dir: "/d/backups" };
const healthy = { ...damaged, damaged: false, reason: null as string | null };
const backup = {
  path: "/d/backups/library-20261201T080000.000Z-daily.sqlite3",
  file_name: "library-20261201T080000.000Z-daily.sqlite3",
  taken_at: Date.UTC(2026, 11, 1, 8),
  size_bytes: 2 * 1024 * 1024,
  reason: "daily",
  holds_purged: 0,
};

describe("damaged library banner", () => {
  it("asks the core at start and shows the banner when the library is damaged", async () => {
    const core = mockCore({ library_status: () => damaged });
    renderInApp(<DamagedBanner />);
    const banner = await screen.findByTestId("library-damaged");
    expect(banner).toHaveTextContent("page 4 unreadable");
    expect(core.callsOf("library_status")).toHaveLength(1);
  });

  it("shows nothing for a healthy library", async () => {
    const core = mockCore({ library_status: () => healthy });
    renderInApp(<DamagedBanner />);
    await waitFor(() => expect(core.callsOf("library_status")).toHaveLength(1));
    expect(screen.queryByTestId("library-damaged")).toBeNull();
  });

  it("Check library runs the full check; a clean result lifts the banner", async () => {
    const user = userEvent.setup();
    const core = mockCore({ library_status: () => damaged, library_check: () => healthy });
    renderInApp(<DamagedBanner />);
    await user.click(await screen.findByTestId("check-library-button"));
    await waitFor(() => expect(screen.queryByTestId("library-damaged")).toBeNull());
    expect(core.callsOf("library_check")).toHaveLength(1);
  });

  it("Check library that still finds damage says to restore a backup", async () => {
    const user = userEvent.setup();
    mockCore({ library_status: () => damaged, library_check: () => damaged });
    renderInApp(<DamagedBanner />);
    await user.click(await screen.findByTestId("check-library-button"));
    expect(await screen.findByTestId("check-result")).toHaveTextContent("restore a backup");
    expect(screen.getByTestId("library-damaged")).toBeInTheDocument();
  });

  it("lists the backups with dates and sizes and restores one only after confirming", async () => {
    const user = userEvent.setup();
    let status = damaged;
    const core = mockCore({
      library_status: () => status,
      backup_list: () => [backup],
      library_restore: () => {
        status = healthy;
        return { restored_from: backup.path, damaged_copy: "/d/library.sqlite3.damaged-x", status: healthy };
      },
    });
    renderInApp(<DamagedBanner />);
    await user.click(await screen.findByTestId("restore-backup-button"));
    const row = await screen.findByTestId("backup-row");
    expect(row).toHaveTextContent("2.0 MiB");
    expect(row).toHaveTextContent("2026");
    expect(row).toHaveTextContent("daily");
    await user.click(within(row).getByTestId("restore-this-backup"));
    const confirm = await screen.findByTestId("confirm-dialog");
    expect(core.callsOf("library_restore")).toHaveLength(0);
    await user.click(within(confirm).getByTestId("confirm-button"));
    await waitFor(() => expect(core.callsOf("library_restore")).toEqual([{ backup: backup.path }]));
    await waitFor(() => expect(screen.queryByTestId("library-damaged")).toBeNull());
  });
});
