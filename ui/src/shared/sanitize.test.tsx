import { render } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Snippet } from "../features/search/Snippet";
import { Markdown } from "./Markdown";
import { renderMarkdown } from "./sanitize";

const HOSTILE = [
  "# Title",
  "",
  "<script>alert(1)</script>",
  "",
  "<img src=x onerror=alert(1)>",
  "",
  '<a href="javascript:alert(1)">click</a> <svg onload=alert(1)></svg>',
  '<iframe src="https://example.com"></iframe>',
  "",
  "**still bold**",
].join("\n");

afterEach(() => vi.restoreAllMocks());

describe("entry text never runs script", () => {
  it("renders Markdown with scripts, handlers and javascript: links removed", async () => {
    const alert = vi.spyOn(window, "alert").mockImplementation(() => {});
    const { container } = render(<Markdown text={HOSTILE} />);
    // Give an onerror/onload a chance to fire had it survived.
    await new Promise((r) => setTimeout(r, 20));

    expect(container.querySelector("script")).toBeNull();
    expect(container.querySelector("iframe")).toBeNull();
    const img = container.querySelector("img");
    expect(img).not.toBeNull();
    expect(img!.getAttribute("onerror")).toBeNull();
    for (const el of Array.from(container.querySelectorAll("*"))) {
      for (const attr of Array.from(el.attributes)) {
        expect(attr.name.startsWith("on"), `${el.tagName} ${attr.name}`).toBe(false);
        expect(attr.value.toLowerCase()).not.toContain("javascript:");
      }
    }
    expect(container.querySelector("h1")).toHaveTextContent("Title");
    expect(container.querySelector("strong")).toHaveTextContent("still bold");
    expect(alert).not.toHaveBeenCalled();
  });

  it("the sanitized HTML string itself carries no script", () => {
    const html = renderMarkdown("<script>alert(1)</script><img src=x onerror=alert(1)>");
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/onerror/i);
  });

  it("search snippets show markup as text, not HTML", () => {
    const { container } = render(
      <Snippet spans={[{ text: "<img src=x onerror=alert(1)> and ", hit: false }, { text: "<b>walk</b>", hit: true }]} />,
    );
    expect(container.querySelector("img")).toBeNull();
    expect(container.querySelector("b")).toBeNull();
    expect(container.querySelector("mark")).toHaveTextContent("<b>walk</b>");
  });
});

describe("an entry's own images in the preview", () => {
  const toLibrary = (src: string) => (src.startsWith("attachments/") ? `jcc-image://localhost/${src.slice(12)}` : null);

  it("points attachments at the library and leaves every other image as written", () => {
    const html = renderMarkdown("![sky](attachments/sky.png) ![far](https://example.com/a.png) ![x](x.png)", toLibrary);
    const srcs = [...html.matchAll(/src="([^"]*)"/g)].map((m) => m[1]);
    expect(srcs).toEqual(["jcc-image://localhost/sky.png", "https://example.com/a.png", "x.png"]);
    expect(html).toContain('alt="sky"');
  });

  it("is still sanitized: resolving images adds no way to run script", () => {
    const html = renderMarkdown(`${HOSTILE}\n\n![sky](attachments/sky.png)`, toLibrary);
    expect(html).not.toMatch(/<script|onerror|onload|javascript:|<iframe/i);
    expect(html).toContain('src="jcc-image://localhost/sky.png"');
  });
});
