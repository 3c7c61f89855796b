// WCAG AA contrast of both themes, computed from the CSS variables in theme.css: text
// 4.5:1 on every background it is drawn on, focus rings and the calendar's busiest day
// marks 3:1 (non-text, WCAG 1.4.11). A colour changed in theme.css is checked here.

import { describe, expect, it } from "vitest";
import css from "./theme.css?raw";

type Theme = Record<string, string>;

/** The custom properties declared in the block that starts at `selector`. */
function block(selector: string): Theme {
  const at = css.indexOf(selector);
  if (at < 0) throw new Error(`theme.css has no ${selector} block`);
  const body = css.slice(css.indexOf("{", at) + 1, css.indexOf("}", at));
  const vars: Theme = {};
  for (const m of body.matchAll(/--([\w-]+)\s*:\s*([^;]+);/g)) vars[m[1]!] = m[2]!.trim();
  return vars;
}

function channel(hex: string, i: number): number {
  const v = parseInt(hex.slice(1 + i * 2, 3 + i * 2), 16) / 255;
  return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
}

function luminance(hex: string): number {
  if (!/^#[0-9a-f]{6}$/i.test(hex)) throw new Error(`not a #rrggbb colour: ${hex}`);
  return 0.2126 * channel(hex, 0) + 0.7152 * channel(hex, 1) + 0.0722 * channel(hex, 2);
}

export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

const light = block(":root {");
const dark = block(':root[data-theme="dark"] {');
const systemDark = block(":root:not([data-theme]) {");
const THEMES: Array<[string, Theme]> = [
  ["light", light],
  ["dark", { ...light, ...dark }],
];

/** [foreground, background, minimum ratio] as the UI pairs them. */
const PAIRS: Array<[string, string, number]> = [
  ...["bg", "bg-raised", "bg-sunken"].flatMap((bg): Array<[string, string, number]> => [
    ["text", bg, 4.5],
    ["text-soft", bg, 4.5],
    ["muted", bg, 4.5],
    ["accent", bg, 4.5],
    ["danger", bg, 4.5],
    ["ok", bg, 4.5],
    ["focus", bg, 3],
  ]),
  ["marker", "bg", 4.5],
  ["marker", "bg-raised", 4.5],
  ["accent-text", "accent", 4.5],
  ["text", "accent-soft", 4.5],
  ["muted", "accent-soft", 4.5],
  ["accent", "accent-soft", 4.5],
  ["text", "selection", 4.5],
  ["text", "mark-bg", 4.5],
  ["ai-text", "ai-bg", 4.5],
  ["focus", "accent-soft", 3],
  ["heat-4", "bg", 3],
  ["heat-4", "bg-sunken", 3],
];

describe("WCAG AA contrast of the themes", () => {
  for (const [name, theme] of THEMES) {
    it(`holds in the ${name} theme`, () => {
      const failures = PAIRS.filter(([fg, bg, min]) => contrast(theme[fg]!, theme[bg]!) < min).map(
        ([fg, bg, min]) => `--${fg} on --${bg}: ${contrast(theme[fg]!, theme[bg]!).toFixed(2)} < ${min}`,
      );
      expect(failures).toEqual([]);
    });
  }

  it("follows the system's dark mode with the same colours as the dark theme", () => {
    expect(systemDark).toEqual(dark);
  });

  it("computes contrast the WCAG way", () => {
    expect(contrast("#000000", "#ffffff")).toBeCloseTo(21, 5);
    expect(contrast("#767676", "#ffffff")).toBeCloseTo(4.54, 2);
  });
});
