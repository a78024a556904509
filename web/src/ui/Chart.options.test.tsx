import { render, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { I18nProvider } from "../i18n";
import { Chart } from "./Chart";

// What the chart asks ECharts to draw, caught instead of drawn.
const drawn = vi.hoisted(() => ({ options: [] as Record<string, unknown>[] }));
vi.mock("echarts/core", () => ({
  use: () => undefined,
  init: () => ({
    setOption: (option: Record<string, unknown>) => drawn.options.push(option),
    resize: () => undefined,
    dispose: () => undefined,
  }),
}));

vi.mock("echarts/charts", () => ({ BarChart: {}, LineChart: {} }));
vi.mock("echarts/components", () => ({ GridComponent: {}, TooltipComponent: {}, LegendComponent: {} }));
vi.mock("echarts/renderers", () => ({ SVGRenderer: {} }));

type Drawn = { yAxis: { minInterval?: number }; series: { name: string; type: string; stack?: string; data: number[] }[] };

describe("chart options", () => {
  it("stacks a whole's parts on one bar and keeps counts to whole numbers when asked", async () => {
    drawn.options.length = 0;
    render(
      <I18nProvider>
        <Chart title="Dokumenter per kanal" kind="bar" stacked integers categories={["jan", "feb"]} format={String}
          series={[{ name: "Peppol", values: [3, 1] }, { name: "E-post", values: [0, 2] }]} />
      </I18nProvider>,
    );
    await waitFor(() => expect(drawn.options).toHaveLength(1));
    const option = drawn.options[0] as unknown as Drawn;
    expect(option.series.map((one) => [one.name, one.type, one.stack])).toEqual([["Peppol", "bar", "total"], ["E-post", "bar", "total"]]);
    expect(option.yAxis.minInterval).toBe(1);
  });

  it("draws series side by side, on any scale, by default", async () => {
    drawn.options.length = 0;
    render(
      <I18nProvider>
        <Chart title="Beløp" kind="line" categories={["jan"]} format={String} series={[{ name: "Oslo", values: [1.5] }]} />
      </I18nProvider>,
    );
    await waitFor(() => expect(drawn.options).toHaveLength(1));
    const option = drawn.options[0] as unknown as Drawn;
    expect(option.series[0].stack).toBeUndefined();
    expect(option.yAxis.minInterval).toBeUndefined();
  });
});
