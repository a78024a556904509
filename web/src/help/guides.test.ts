import { describe, expect, it } from "vitest";
import { createAppRouter } from "../app/router";
import { nb } from "../i18n/nb";
import { guideIds, guides, isGuideId } from "./guides";

describe("page guides", () => {
  it("give every page of the portal a guide beside it", () => {
    const router = createAppRouter();
    const pages = Object.values(router.routesById).filter((route) => route.id.startsWith("/portal/"));
    expect(pages.length).toBeGreaterThan(5);
    for (const page of pages) expect(isGuideId(page.options.staticData?.guide), page.id).toBe(true);
  });

  it("explain several things each, in words of their own", () => {
    for (const id of guideIds) {
      const { title, intro, entries } = guides[id];
      expect(entries.length, id).toBeGreaterThanOrEqual(2);
      for (const key of [title, intro, ...entries.flatMap((entry) => [entry.term, entry.text])]) expect(nb[key], key).toBeTruthy();
      expect(new Set(entries.map((entry) => entry.text)).size, id).toBe(entries.length);
    }
  });

  it("refuse an address that names no guide", () => {
    expect(isGuideId("customers")).toBe(true);
    expect(isGuideId("../settings")).toBe(false);
  });
});
