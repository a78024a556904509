// The one chart component the dashboards and statistics pages use: Apache ECharts (loaded only where a chart is
// shown, drawn as SVG so it prints sharply) with the same figures as a table for screen readers and on paper.
import { useEffect, useId, useRef, useState } from "react";
import { useI18n } from "../i18n";

export type Series = { name: string; values: number[] };

type Props = {
  title: string;
  kind: "bar" | "line";
  categories: string[];
  series: Series[];
  /** How a value reads (an amount in its currency, a count): used by the axis, the tooltip and the table. */
  format: (value: number) => string;
  /** Bars of the series stacked on each other (parts of one whole per category) rather than side by side. */
  stacked?: boolean;
  /** Counts: the axis marks whole numbers only. */
  integers?: boolean;
};

async function loadECharts() {
  const [core, charts, components, renderers] = await Promise.all([
    import("echarts/core"),
    import("echarts/charts"),
    import("echarts/components"),
    import("echarts/renderers"),
  ]);
  core.use([charts.BarChart, charts.LineChart, components.GridComponent, components.TooltipComponent,
    components.LegendComponent, renderers.SVGRenderer]);
  return core;
}

export function Chart({ title, kind, categories, series, format, stacked = false, integers = false }: Props) {
  const { t, language } = useI18n();
  const id = useId();
  const canvas = useRef<HTMLDivElement>(null);
  const [showTable, setShowTable] = useState(false);

  useEffect(() => {
    let disposed = false;
    let dispose = () => undefined as void;
    void loadECharts().then((echarts) => {
      if (disposed || !canvas.current) return;
      const chart = echarts.init(canvas.current, undefined, { renderer: "svg" });
      // ECharts draws its SVG at the box's size in pixels, without a viewBox: given one (after each drawing, a resize's
      // too), the drawing scales with its box when a print stylesheet makes that narrower than the screen it was for.
      const fit = () => canvas.current?.querySelector("svg")?.setAttribute("viewBox", `0 0 ${chart.getWidth()} ${chart.getHeight()}`);
      chart.on?.("finished", fit);
      chart.setOption({
        animation: false,
        tooltip: { trigger: "axis", valueFormatter: (value: unknown) => format(Number(value)) },
        legend: { show: series.length > 1, bottom: 0 },
        grid: { left: 8, right: 8, top: 16, bottom: series.length > 1 ? 32 : 8, containLabel: true },
        xAxis: { type: "category", data: categories },
        yAxis: { type: "value", minInterval: integers ? 1 : undefined, axisLabel: { formatter: (value: number) => format(value) } },
        series: series.map((one) => ({ name: one.name, type: kind, data: one.values, stack: stacked ? "total" : undefined })),
      });
      fit();
      const resize = () => chart.resize();
      window.addEventListener("resize", resize);
      dispose = () => {
        window.removeEventListener("resize", resize);
        chart.dispose();
      };
    });
    return () => {
      disposed = true;
      dispose();
    };
  }, [kind, categories, series, format, stacked, integers, language]);

  return (
    <figure className="chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}>{title}</figcaption>
      {/* The drawing repeats the table below, which is what assistive technology reads. */}
      <div ref={canvas} className="chart-canvas" aria-hidden="true" />
      <button type="button" className="link chart-toggle" aria-expanded={showTable} onClick={() => setShowTable(!showTable)}>
        {showTable ? t("chart.hideTable") : t("chart.showTable")}
      </button>
      {/* Hidden by its wrapper, which clips it: a table never shrinks to a hidden element's 1 px, and would widen the page. */}
      <div className={showTable ? "chart-table-wrap table-wrap" : "chart-table-wrap visually-hidden"}
        {...(showTable ? { role: "group", "aria-label": title, tabIndex: 0 } : {})}>
        <table className="chart-table">
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t("chart.category")}</th>
              {series.map((one) => <th scope="col" key={one.name}>{one.name}</th>)}
            </tr>
          </thead>
          <tbody>
            {categories.map((category, index) => (
              <tr key={category}>
                <th scope="row">{category}</th>
                {series.map((one) => <td key={one.name}>{format(one.values[index] ?? 0)}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
