import { render, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { I18nProvider } from "../i18n";
import { Chart } from "./Chart";

// The chart's words come from the catalogue, as on a page (bokmål, the default language).
function inNorwegian(node: React.ReactNode) {
  return render(<I18nProvider>{node}</I18nProvider>);
}

describe("chart", () => {
  it("gives screen readers and paper the same figures as a table, worded by the page", async () => {
    const format = (value: number) => `${value} kr`;
    inNorwegian(
      <Chart title="Innskudd per måned" kind="bar" categories={["jan", "feb"]} format={format}
        series={[{ name: "Oslo", values: [1200, 900] }, { name: "Bergen", values: [300, 0] }]} />,
    );
    const table = screen.getByRole("table", { name: "Innskudd per måned" });
    expect(within(table).getAllByRole("columnheader").map((cell) => cell.textContent)).toEqual(["Kategori", "Oslo", "Bergen"]);
    expect(within(table).getAllByRole("row")[1].textContent).toBe("jan1200 kr300 kr");
    expect(screen.getByRole("figure", { name: "Innskudd per måned" })).toBeTruthy();
    // ECharts draws an SVG for sighted users, hidden from assistive technology (the table says it all)
    await waitFor(() => expect(document.querySelector(".chart-canvas svg")).not.toBeNull(), { timeout: 5000 });
    expect(document.querySelector(".chart-canvas")?.getAttribute("aria-hidden")).toBe("true");
  });
});
