import { useNavigate } from "@tanstack/react-router";
import { useCallback, useMemo, useState, type FormEvent } from "react";
import type { components } from "../api/client";
import { problemOf } from "../api/problems";
import { $api } from "../api/query";
import { documentStatisticsRoute } from "../app/router";
import { useI18n } from "../i18n";
import { locales, type Language } from "../i18n/messages";
import { Chart, type Series } from "../ui/Chart";
import { DataTable, type ListColumn } from "../ui/DataTable";
import { CHANNELS, DocumentsHeader, channelKey, useDocumentCustomer } from "./DocumentsHeader";

type Statistics = components["schemas"]["DocumentStatistics"];
type Figures = components["schemas"]["MonthFigures"];
type Channel = components["schemas"]["Channel"];
type Row = { customerId: string; name: string; month: string; figures: Figures | undefined };

const SHOWN_MONTHS = 12;
const OFFERED_MONTHS = 48;
const MAX_MONTHS = 24;

/** A month as YYYY-MM, `count` months after `month` (before, when negative). */
export function addMonths(month: string, count: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + count;
  return `${String(Math.floor(index / 12)).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}`;
}

function thisMonth(): string {
  const today = new Date();
  return `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, "0")}`;
}

/** A month in words: "desember 2026" (long), "des. 2026" (short, for the charts' axis). */
export function monthName(month: string, language: Language, length: "long" | "short" = "long"): string {
  const date = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1, 1));
  return new Intl.DateTimeFormat(locales[language], { month: length, year: "numeric", timeZone: "UTC" }).format(date);
}

/** The channels a document went on, counted, for each month: summed over the customers shown. */
export function channelSeries(statistics: Statistics, names: (channel: Channel) => string): Series[] {
  return CHANNELS.map((channel) => ({
    name: names(channel),
    values: statistics.months.map((month) => statistics.figures
      .filter((figure) => figure.month === month)
      .reduce((sum, figure) => sum + (figure.channels?.[channel] ?? 0), 0)),
  }));
}

/** Documents sent and received per month, one series per customer (a month without traffic counts as none). */
export function volumeSeries(statistics: Statistics): Series[] {
  return statistics.customers.map((customer) => ({
    name: customer.name,
    values: statistics.months.map((month) => {
      const figure = statistics.figures.find((one) => one.customer_id === customer.customer_id && one.month === month);
      return (figure?.outgoing ?? 0) + (figure?.incoming ?? 0);
    }),
  }));
}

/** DOC-4 (seed 001: access at group level, with insight into every subsidiary): channels and volumes per month for
 * the customer and the subsidiaries whose documents the reader sees, as charts and as a table of the same figures. */
export function DocumentStatisticsPage() {
  const { t, language, intl } = useI18n();
  const search = documentStatisticsRoute.useSearch();
  const navigate = useNavigate({ from: "/documents/statistics" });
  const { customerId, customer } = useDocumentCustomer(search.customer);
  const to = search.to || thisMonth();
  const from = search.from || addMonths(to, -(SHOWN_MONTHS - 1));
  const found = $api.useQuery("get", "/customers/{customer_id}/document-statistics",
    { params: { path: { customer_id: customerId }, query: { from, to } } }, { enabled: Boolean(customerId), retry: false });
  const statistics = found.data;

  const [everyMonth, setEveryMonth] = useState(false);
  const count = useCallback((value: number) => intl.formatNumber(value), [intl]);
  const categories = useMemo(() => (statistics?.months ?? []).map((month) => monthName(month, language, "short")), [statistics, language]);
  const byChannel = useMemo(() => (statistics ? channelSeries(statistics, (channel) => t(channelKey(channel))) : []), [statistics, t]);
  const byCustomer = useMemo(() => (statistics ? volumeSeries(statistics) : []), [statistics]);
  const rows = useMemo<Row[]>(() => {
    if (!statistics) return [];
    // Newest month first; within a month the customers in the API's order (the group, then its subsidiaries).
    return [...statistics.months].reverse().flatMap((month) => statistics.customers.map((one) => ({
      customerId: one.customer_id, name: one.name, month,
      figures: statistics.figures.find((figure) => figure.customer_id === one.customer_id && figure.month === month),
    })));
  }, [statistics]);

  // Months without documents are left out unless asked for: they hold only zeros.
  const shownRows = everyMonth ? rows : rows.filter((row) => row.figures);
  const number = (value: number | undefined) => <span className="count">{count(value ?? 0)}</span>;
  const columns: ListColumn<Row>[] = [
    { id: "month", header: t("statistics.month"), cell: (row) => <span className="nowrap">{monthName(row.month, language, "short")}</span> },
    { id: "customer", header: t("statistics.company"), rowHeader: true, cell: (row) => <span className="nowrap">{row.name}</span> },
    { id: "outgoing", header: t("statistics.outgoing"), cell: (row) => number(row.figures?.outgoing) },
    { id: "incoming", header: t("statistics.incoming"), cell: (row) => number(row.figures?.incoming) },
    ...CHANNELS.map((channel): ListColumn<Row> => ({
      id: channel, header: t(channelKey(channel)), cell: (row) => number(row.figures?.channels?.[channel]),
    })),
    { id: "stopped", header: t("statistics.stopped"), cell: (row) => number(row.figures?.stopped) },
    { id: "opened", header: t("statistics.opened"), cell: (row) => number(row.figures?.opened) },
  ];

  // The months offered: the last four years, newest first.
  const offered = Array.from({ length: OFFERED_MONTHS }, (_, index) => addMonths(thisMonth(), -index));
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const month = (name: string) => (offered.find((known) => known === String(form.get(name) ?? "")) ?? "");
    void navigate({ search: (previous) => ({ ...previous, from: month("from"), to: month("to") }), resetScroll: false });
  }
  const problem = found.error ? problemOf(found.error) : null;
  const refusal = !problem ? null
    : problem.code === "date_range_too_long" ? t("statistics.tooLong", { max: MAX_MONTHS })
    : problem.code === "invalid_date_range" ? t("statistics.backwards")
    : t(problem.summary);

  return (
    <>
      <DocumentsHeader current="statistics" customerId={customerId} customer={customer}>
        <p>{t("statistics.intro")}</p>
      </DocumentsHeader>
      {customer ? (
        <section className="card" aria-labelledby="statistics-heading">
          <h2 id="statistics-heading">{t("statistics.heading", { from: monthName(from, language), to: monthName(to, language) })}</h2>
          <form key={`${from} ${to}`} className="filters" aria-label={t("statistics.months")} onSubmit={submit}>
            <div>
              <label htmlFor="statistics-from">{t("statistics.from")}</label>
              <select id="statistics-from" name="from" defaultValue={from}>
                {offered.map((month) => <option key={month} value={month}>{monthName(month, language)}</option>)}
              </select>
            </div>
            <div>
              <label htmlFor="statistics-to">{t("statistics.to")}</label>
              <select id="statistics-to" name="to" defaultValue={to}>
                {offered.map((month) => <option key={month} value={month}>{monthName(month, language)}</option>)}
              </select>
            </div>
            <button type="submit">{t("statistics.show")}</button>
          </form>
          <p className="muted">{t("statistics.rangeHint", { max: MAX_MONTHS })}</p>
          {refusal ? <p className="error" role="alert">{refusal}</p> : null}
          {!statistics && !refusal ? <p role="status">{t("loading")}</p> : null}
          {statistics ? (
            <>
              {statistics.customers.length > 1
                ? <p>{t("statistics.customers", { names: statistics.customers.map((one) => one.name).join(", ") })}</p>
                : null}
              <div className="charts">
                <Chart title={t("statistics.byChannel")} kind="bar" stacked integers categories={categories} series={byChannel} format={count} />
                <Chart title={t("statistics.byCompany")} kind="line" integers categories={categories} series={byCustomer} format={count} />
              </div>
            </>
          ) : null}
        </section>
      ) : null}
      {statistics ? (
        <section className="card" aria-labelledby="statistics-table-heading">
          <h2 id="statistics-table-heading">{t("statistics.table")}</h2>
          <p className="muted">{t("statistics.tableIntro")}</p>
          <div className="field check">
            <label htmlFor="statistics-every-month">
              <input id="statistics-every-month" type="checkbox" checked={everyMonth} onChange={(event) => setEveryMonth(event.target.checked)} />
              {t("statistics.everyMonth")}
            </label>
          </div>
          {!everyMonth && rows.length > shownRows.length
            ? <p className="muted">{t("statistics.quietLeftOut", { count: rows.length - shownRows.length })}</p>
            : null}
          <div className="compact-table">
            <DataTable labelledBy="statistics-table-heading" columns={columns} rows={shownRows} rowId={(row) => `${row.customerId}-${row.month}`}
              visibleColumns={columns.map((column) => column.id)} empty={t("statistics.empty")} />
          </div>
        </section>
      ) : null}
    </>
  );
}
