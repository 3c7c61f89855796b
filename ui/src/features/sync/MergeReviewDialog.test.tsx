import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { entry } from "../../test/fixtures";
import { mockCore } from "../../test/ipc";
import { renderInApp } from "../../test/render";
import { MergeReviewDialog } from "./MergeReviewDialog";

const merged = entry({ id: 7, version: 4, review_merge: true, body: "Intro.\n\nWe met at one.\n\nWe met at two." });
const review = {
  entry: merged,
  sides: [
    { origin: "this_device", title: "", body: "Intro.\n\nWe met at one." },
    { origin: "other_device", title: "", body: "Intro.\n\nWe met at two." },
  ],
};

describe("the merge review", () => {
  it("shows the two versions side by side, marks what differs, and keeps one", async () => {
    const user = userEvent.setup();
    let closed = 0;
    const core = mockCore({
      entry_merge_review: () => review,
      entry_keep_version: (a) => ({ ...merged, body: a.body, review_merge: false, version: 5 }),
    });
    renderInApp(<MergeReviewDialog entryId={7} onClose={() => (closed += 1)} />);
    const sides = await screen.findAllByTestId("merge-side");
    expect(sides.map((s) => s.dataset.origin)).toEqual(["this_device", "other_device"]);
    expect(sides[0]).toHaveTextContent("Written on this device");
    expect(sides[1]).toHaveTextContent("From another device");
    const differs = screen.getByTestId("merge-side-1").querySelectorAll("p.differs");
    expect([...differs].map((p) => p.textContent)).toEqual(["We met at two."]);
    expect(screen.getByTestId("merge-result")).toHaveTextContent("Intro.We met at one.We met at two.");
    await user.click(screen.getByTestId("merge-keep-1"));
    await waitFor(() =>
      expect(core.callsOf("entry_keep_version")).toEqual([{ id: 7, title: "", body: "Intro.\n\nWe met at two.", base: 4 }]),
    );
    await waitFor(() => expect(closed).toBe(1));
  });

  it("keeps the merged text with one click", async () => {
    const user = userEvent.setup();
    const core = mockCore({
      entry_merge_review: () => review,
      entry_review_done: () => ({ ...merged, review_merge: false }),
    });
    renderInApp(<MergeReviewDialog entryId={7} onClose={() => undefined} />);
    await user.click(await screen.findByTestId("merge-keep-result"));
    await waitFor(() => expect(core.callsOf("entry_review_done")).toEqual([{ id: 7 }]));
    expect(core.callsOf("entry_keep_version")).toHaveLength(0);
  });
});
