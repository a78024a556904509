import { describe, expect, it } from "vitest";
import type { components } from "../api/client";
import { addMonths, channelSeries, monthName, volumeSeries } from "./DocumentStatisticsPage";
import { daysUntil } from "./SmartmailPage";

const statistics: components["schemas"]["DocumentStatistics"] = {
  customers: [{ customer_id: "G", name: "Nordlys Gruppen AS" }, { customer_id: "B", name: "Nordlys Bergen AS" }],
  months: ["2026-11", "2026-12"],
  // A month without traffic has no figures at all.
  figures: [
    { customer_id: "B", month: "2026-11", outgoing: 2, incoming: 1, stopped: 1, opened: 0, channels: { peppol: 1 } },
    { customer_id: "G", month: "2026-12", outgoing: 1, incoming: 0, stopped: 0, opened: 1, channels: { email: 1 } },
    { customer_id: "B", month: "2026-12", outgoing: 3, incoming: 0, stopped: 0, opened: 0, channels: { peppol: 2, email: 1 } },
  ],
};

describe("document statistics", () => {
  it("sum each channel over the customers shown, month by month, a missing month as none", () => {
    const series = channelSeries(statistics, (channel) => channel);
    expect(series.map((one) => [one.name, one.values])).toEqual([
      ["peppol", [1, 2]], ["bank", [0, 0]], ["email", [0, 2]], ["post", [0, 0]],
    ]);
  });

  it("count what each customer sent and received per month", () => {
    expect(volumeSeries(statistics).map((one) => [one.name, one.values])).toEqual([
      ["Nordlys Gruppen AS", [0, 1]], ["Nordlys Bergen AS", [3, 3]],
    ]);
  });

  it("step months across a new year, and name them in the reader's language", () => {
    expect(addMonths("2026-12", 1)).toBe("2027-01");
    expect(addMonths("2026-03", -11)).toBe("2025-04");
    expect(monthName("2026-12", "nb")).toBe("desember 2026");
    expect(monthName("2026-12", "en")).toBe("December 2026");
  });
});

describe("Smartmail", () => {
  it("counts whole calendar days left until a document is posted, today as none", () => {
    const now = new Date(2026, 11, 3, 15, 0);
    expect(daysUntil(new Date(2026, 11, 17, 9, 0).toISOString(), now)).toBe(14);
    expect(daysUntil(new Date(2026, 11, 3, 23, 0).toISOString(), now)).toBe(0);
    expect(daysUntil(new Date(2026, 11, 1, 9, 0).toISOString(), now)).toBe(0);
  });
});
