import { describe, expect, it } from "vitest";
import { caseDashboardSearch } from "../app/searches";
import {
  TOTAL, addMonths, amountSeries, bandValues, countRows, countSeries, currenciesOf, dashboardQuery, days, monthName, rowsSeries,
  shownMonths, withTotal, type Dashboard,
} from "./caseDashboard";

// An answer of GET /case-dashboard as tests/integration/test_case_dashboard.py has it: three months, the last with
// a fault, a service and an inspection, one maintenance work order, one case closed within a day and three rows.
const board: Dashboard = {
  view: "all",
  views: ["all"],
  months: ["2026-10", "2026-11", "2026-12"],
  cases: [
    { month: "2026-10", counts: {}, total: 0 },
    { month: "2026-11", counts: { fault: 2 }, total: 2 },
    { month: "2026-12", counts: { fault: 1, inspection: 1, service: 1 }, total: 3 },
  ],
  cases_total: 5,
  work_orders: [
    { month: "2026-10", counts: {}, total: 0 },
    { month: "2026-11", counts: {}, total: 0 },
    { month: "2026-12", counts: { maintenance: 1 }, total: 1 },
  ],
  work_orders_total: 1,
  lead_times: {
    closed: 1,
    average_days: "0.4",
    bands: { under_1_day: 1, "1_3_days": 0 },
    by_month: [{ month: "2026-10", closed: 0 }, { month: "2026-11", closed: 0 }, { month: "2026-12", closed: 1, average_days: "0.4" }],
  },
  article_rows: {
    rows: 3,
    amounts: [{ currency: "NOK", amount_minor: 385_000 }],
    by_month: [{ key: "2026-12", rows: 3, amounts: [{ currency: "NOK", amount_minor: 385_000 }] }],
    by_article_type: [
      { key: "part", rows: 1, amounts: [{ currency: "NOK", amount_minor: 45_000 }] },
      { key: "work", rows: 2, amounts: [{ currency: "NOK", amount_minor: 340_000 }] },
    ],
    by_action_code: [
      { key: "REP", rows: 1, amounts: [{ currency: "NOK", amount_minor: 150_000 }] },
      { key: "SRV", rows: 2, amounts: [{ currency: "NOK", amount_minor: 235_000 }] },
    ],
  },
  action_codes: ["REP", "SRV"],
};

const search = (given: Record<string, string>) => caseDashboardSearch.parse(given);

describe("case dashboards", () => {
  it("ask the API for the last three months by leaving the months out, and send months chosen as their first days", () => {
    expect(dashboardQuery(search({}), "2026-12")).toEqual({});
    expect(dashboardQuery(search({ from: "2026-01", to: "2026-06" }), "2026-12")).toEqual({ month_from: "2026-01-01", month_to: "2026-06-01" });
    // One end chosen: three months from or up to it
    expect(shownMonths(search({ to: "2026-06" }), "2026-12")).toEqual({ from: "2026-04", to: "2026-06" });
    expect(shownMonths(search({ from: "2026-11" }), "2026-12")).toEqual({ from: "2026-11", to: "2026-12" });
    expect(shownMonths(search({}), "2027-01")).toEqual({ from: "2026-11", to: "2027-01" });
  });

  it("send the filters, but no customer or object in the login's own cases, and an object only with its customer", () => {
    const all = search({ view: "customers", customer: "C1", object: "O1", caseType: "fault", workOrderType: "repair", articleType: "part", actionCode: "SRV" });
    expect(dashboardQuery(all, "2026-12")).toEqual({
      view: "customers", customer_id: "C1", object_id: "O1", case_type: "fault", work_order_type: "repair", article_type: "part", action_code: "SRV",
    });
    expect(dashboardQuery(search({ view: "mine", customer: "C1", object: "O1" }), "2026-12")).toEqual({ view: "mine" });
    expect(dashboardQuery(search({ object: "O1" }), "2026-12")).toEqual({});
    // A tampered address falls back to no filter rather than failing the page
    expect(search({ view: "everything", caseType: "murder", customer: "../x" })).toMatchObject({ view: "", caseType: "", customer: "" });
  });

  it("stack only the types that occur, and keep an axis of zeros for a quiet period", () => {
    const series = countSeries(board.cases, ["fault", "service", "installation", "inspection", "other"], (type) => type.toUpperCase(), "Saker");
    expect(series.map((one) => [one.name, one.values])).toEqual([["FAULT", [0, 2, 1]], ["SERVICE", [0, 0, 1]], ["INSPECTION", [0, 0, 1]]]);
    expect(countSeries(board.cases.map((month) => ({ ...month, counts: {}, total: 0 })), ["fault"], String, "Saker"))
      .toEqual([{ name: "Saker", values: [0, 0, 0] }]);
  });

  it("count every type per month in the table, with the period's totals last", () => {
    const rows = countRows(board.work_orders, ["repair", "maintenance"]);
    expect(rows.map((row) => row.key)).toEqual(["2026-10", "2026-11", "2026-12", TOTAL]);
    expect(rows.at(-1)).toEqual({ key: TOTAL, counts: { repair: 0, maintenance: 1 }, total: 1 });
  });

  it("put the lead-time bands in their order, a band left out as none, and read the averages", () => {
    expect(bandValues(board.lead_times.bands)).toEqual([1, 0, 0, 0, 0, 0]);
    expect(board.lead_times.by_month.map((month) => days(month.average_days))).toEqual([0, 0, 0.4]);
  });

  it("sum the rows' amounts per month in each currency, a month without rows as nothing", () => {
    expect(currenciesOf(board)).toEqual(["NOK"]);
    expect(amountSeries(board, "NOK")).toEqual([{ name: "NOK", values: [0, 0, 385_000] }]);
    expect(amountSeries(board, "SEK")[0].values).toEqual([0, 0, 0]);
    expect(currenciesOf({ ...board, article_rows: { ...board.article_rows, amounts: [] } })).toEqual(["NOK"]);
    const types = withTotal(board.article_rows.by_article_type, ["NOK", "SEK"]);
    expect(types.at(-1)).toEqual({
      key: TOTAL, rows: 3, amounts: [{ currency: "NOK", amount_minor: 385_000 }, { currency: "SEK", amount_minor: 0 }],
    });
    expect(rowsSeries(board.article_rows.by_action_code, "Rader")).toEqual({ name: "Rader", values: [1, 2] });
    expect(TOTAL.length).toBeGreaterThan(20); // never an action code
  });

  it("step months across a new year, and name them in the reader's language", () => {
    expect(addMonths("2026-01", -2)).toBe("2025-11");
    expect(monthName("2026-10", "nb")).toBe("oktober 2026");
    expect(monthName("2026-10", "sv", "short")).toMatch(/^okt\.? 2026$/);
    expect(monthName("2026-10", "en")).toBe("October 2026");
  });
});
