import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { mockCore } from "../../test/ipc";
import { renderInApp } from "../../test/render";
import { AuthorSection } from "./AuthorSection";

function renderSection() {
  renderInApp(<AuthorSection />);
}

describe("the author on exported books", () => {
  it("shows the stored profile and saves the writer's changes", async () => {
    const user = userEvent.setup();
    const core = mockCore({
      author_get: () => ({ name: "Ada Lane", copyright_holder: "", year: null, isbn: "", imprint: "Quiet Press" }),
      author_set: (a) => ({ copyright_holder: "", isbn: "", imprint: "", year: null, name: "", ...(a.profile as object) }),
    });
    renderSection();
    const name = await screen.findByTestId("author-name");
    expect(name).toHaveValue("Ada Lane");
    expect(screen.getByTestId("author-imprint")).toHaveValue("Quiet Press");
    await user.clear(name);
    await user.type(name, "A. M. Lane ");
    await user.type(screen.getByTestId("author-year"), "2027");
    await user.type(screen.getByTestId("author-isbn"), "978-1-23456-789-7");
    await user.click(screen.getByTestId("author-save"));
    expect(await screen.findByTestId("author-saved")).toBeInTheDocument();
    expect(core.callsOf("author_set")).toEqual([
      {
        profile: { name: "A. M. Lane", copyright_holder: "", year: 2027, isbn: "978-1-23456-789-7", imprint: "Quiet Press" },
      },
    ]);
    // Editing again takes the "Saved." away until the next save.
    await user.type(screen.getByTestId("author-holder"), "X");
    await waitFor(() => expect(screen.queryByTestId("author-saved")).toBeNull());
  });

  it("refuses a year that is not a year, and says why", async () => {
    const user = userEvent.setup();
    const core = mockCore({
      author_get: () => ({ name: "", copyright_holder: "", year: 2026, isbn: "", imprint: "" }),
      author_set: () => {
        throw new Error("must not save");
      },
    });
    renderSection();
    const year = await screen.findByTestId("author-year");
    expect(year).toHaveValue("2026");
    await user.clear(year);
    await user.type(year, "26");
    expect(screen.getByRole("alert")).toHaveTextContent("four digits");
    expect(screen.getByTestId("author-save")).toBeDisabled();
    await user.type(year, "{Enter}");
    expect(core.callsOf("author_set")).toHaveLength(0);
  });

  it("shows the core's error when saving fails", async () => {
    const user = userEvent.setup();
    mockCore({
      author_get: () => ({ name: "", copyright_holder: "", year: null, isbn: "", imprint: "" }),
      author_set: () => {
        throw { code: "invalid_input", message: "the ISBN's check digit is wrong" };
      },
    });
    renderSection();
    await user.type(await screen.findByTestId("author-isbn"), "978-0");
    await user.click(screen.getByTestId("author-save"));
    expect(await screen.findByTestId("author-error")).toHaveTextContent("the ISBN's check digit is wrong");
  });
});
