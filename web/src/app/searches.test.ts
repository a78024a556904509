import { describe, expect, it } from "vitest";
import { normaliseHash } from "./router";
import { customersSearch, documentStatisticsSearch, documentsSearch, loginSearch, tradingPartnersSearch, usersSearch } from "./searches";

describe("addresses", () => {
  it("give a bookmarked list search back as it was, with defaults for what it leaves out", () => {
    expect(customersSearch.parse({})).toEqual({ q: "", status: "active", assigned: "anyone", sort: "name", order: "asc", pages: [] });
    const shared = { q: "bakeri", status: "inactive", assigned: "me", sort: "number", order: "desc", pages: ["c1", "c2"], columns: ["name", "city"] };
    expect(customersSearch.parse(shared)).toEqual(shared);
  });

  it("replace a tampered or outdated value by its default instead of failing the page", () => {
    const parsed = customersSearch.parse({ status: "deleted", sort: "password", order: 1, pages: "x", columns: [1, 2] });
    expect(parsed).toMatchObject({ status: "active", sort: "name", order: "asc", pages: [] });
    expect(parsed.columns).toBeUndefined();
    expect(usersSearch.parse({ customer: "../../etc" }).customer).toBeUndefined();
  });

  it("return after login only to an address inside the portal", () => {
    expect(loginSearch.parse({ redirect: "/customers?q=a" }).redirect).toBe("/customers?q=a");
    expect(loginSearch.parse({ redirect: "https://evil.example/" }).redirect).toBeUndefined();
    expect(loginSearch.parse({ redirect: "//evil.example/" }).redirect).toBeUndefined();
  });

  it("open links e-mailed before the router (#registrations/<id>) at their page", () => {
    expect(normaliseHash("#registrations/01ABC")).toBe("#/registrations/01ABC");
    expect(normaliseHash("#/password/token")).toBe("#/password/token");
    expect(normaliseHash("")).toBe("");
  });

  it("keep a document search's choices, and forget one the API does not know", () => {
    const shared = {
      customer: "01ABC", from: "2026-11-01", to: "2026-11-30", direction: "outgoing", status: "stopped", channel: "peppol", partner: "0192:974760673",
      number: "2026-1003", amountFrom: "1000", amountTo: "-2000.5", currency: "EUR",
    };
    expect(documentsSearch.parse(shared)).toEqual(shared);
    expect(documentsSearch.parse({ status: "lost", channel: "fax", direction: "sideways", from: "1. mai", amountFrom: "1 250,50", amountTo: "1.234", currency: "USD" }))
      .toEqual({ from: "", to: "", direction: "", status: "", channel: "", partner: "", number: "", amountFrom: "", amountTo: "", currency: "NOK" });
  });

  it("show all trading partners unless the address asks for those with stopped documents", () => {
    expect(tradingPartnersSearch.parse({ customer: "01ABC", stopped: true })).toEqual({ customer: "01ABC", stopped: true });
    expect(tradingPartnersSearch.parse({ stopped: "yes" })).toEqual({ stopped: false });
    expect(tradingPartnersSearch.parse({})).toEqual({ stopped: false });
  });

  it("keep the statistics' months only as YYYY-MM, else the last twelve", () => {
    expect(documentStatisticsSearch.parse({ from: "2026-01", to: "2026-12" })).toMatchObject({ from: "2026-01", to: "2026-12" });
    expect(documentStatisticsSearch.parse({ from: "2026-13", to: "des. 2026" })).toMatchObject({ from: "", to: "" });
    expect(documentStatisticsSearch.parse({})).toMatchObject({ from: "", to: "" });
  });
});
