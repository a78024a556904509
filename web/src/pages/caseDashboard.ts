// The case dashboards (CASE-6) worked out from the API's answer: what to ask for (the address's filters as the API's
// query), the months, and the series and rows the charts and tables show. Pure, so the figures are tested alone.
import type { components } from "../api/client";
import type { paths } from "../api/schema";
import type { CaseDashboardSearch } from "../app/searches";
import { locales, type Language } from "../i18n/messages";
import type { Series } from "../ui/Chart";

export type Dashboard = components["schemas"]["CaseDashboardView"];
export type DashboardView = components["schemas"]["DashboardView"];
export type MonthCounts = components["schemas"]["MonthCounts"];
export type RowGroup = components["schemas"]["RowGroup"];
export type LeadBand = components["schemas"]["LeadBand"];
export type DashboardQuery = NonNullable<paths["/case-dashboard"]["get"]["parameters"]["query"]>;

/** "The last three months" (seed 002): this month and the two before it. */
export const DEFAULT_MONTHS = 3;
/** The most months the API counts at once. */
export const MAX_MONTHS = 24;
/** The months offered in the month pickers: the last four years, newest first. */
export const OFFERED_MONTHS = 48;

export const LEAD_BANDS = [
  "under_1_day", "1_3_days", "3_7_days", "7_14_days", "14_30_days", "over_30_days",
] as const satisfies readonly LeadBand[];

/** The key of a table's row of the period's totals: longer than any action code (20 at most), so never one. */
export const TOTAL = "(the period's total row)";

/** How the API names rows without an article type, and without an action code. */
export const NO_ARTICLE_TYPE = "none";
export const NO_ACTION_CODE = "-";

/** A month as YYYY-MM, `count` months after `month` (before, when negative). */
export function addMonths(month: string, count: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + count;
  return `${String(Math.floor(index / 12)).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}`;
}

export function monthOf(day: Date): string {
  return `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, "0")}`;
}

/** A month in words: "desember 2026" (long), "des. 2026" (short, for the charts' axis and the tables). */
export function monthName(month: string, language: Language, length: "long" | "short" = "long"): string {
  const date = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1, 1));
  return new Intl.DateTimeFormat(locales[language], { month: length, year: "numeric", timeZone: "UTC" }).format(date);
}

/** The months shown: those in the address, else the last three (to this month, or three up to the month chosen). */
export function shownMonths(search: Pick<CaseDashboardSearch, "from" | "to">, thisMonth: string): { from: string; to: string } {
  const to = search.to || (search.from && search.from > thisMonth ? search.from : thisMonth);
  const from = search.from || addMonths(to, -(DEFAULT_MONTHS - 1));
  return { from, to };
}

/** Whether a view may be narrowed to a customer or object: the cases a contact is the contact of may not. */
export function narrowsByPlace(view: DashboardView | "" | undefined): boolean {
  return view !== "mine";
}

/** The API's query for the address's filters: months only when chosen (the API's own last three otherwise, by the
 * portal's calendar), no customer or object in a view that is not split by them, an object only with its customer. */
export function dashboardQuery(search: CaseDashboardSearch, thisMonth: string, effectiveView?: DashboardView): DashboardQuery {
  const view = search.view || effectiveView;
  const query: DashboardQuery = {};
  if (search.view) query.view = search.view;
  if (search.from || search.to) {
    const { from, to } = shownMonths(search, thisMonth);
    query.month_from = `${from}-01`;
    query.month_to = `${to}-01`;
  }
  if (narrowsByPlace(view) && search.customer) {
    query.customer_id = search.customer;
    if (search.object) query.object_id = search.object;
  }
  if (search.caseType) query.case_type = search.caseType;
  if (search.workOrderType) query.work_order_type = search.workOrderType;
  if (search.articleType) query.article_type = search.articleType;
  if (search.actionCode) query.action_code = search.actionCode;
  return query;
}

/** Counts per month (cases by case type, work orders by their type): one series per type that occurs, in the
 * types' own order; a period without any has one series of zeros named `none`, so the chart still has its axis. */
export function countSeries(counts: MonthCounts[], types: readonly string[], name: (type: string) => string, none: string): Series[] {
  const occurring = types.filter((type) => counts.some((month) => (month.counts[type] ?? 0) > 0));
  if (!occurring.length) return [{ name: none, values: counts.map(() => 0) }];
  return occurring.map((type) => ({ name: name(type), values: counts.map((month) => month.counts[type] ?? 0) }));
}

/** A table row of counts: the month (or TOTAL) and a number per type, with the row's total. */
export type CountRow = { key: string; counts: Record<string, number>; total: number };

/** The months' counts as table rows, followed by the period's totals per type. */
export function countRows(counts: MonthCounts[], types: readonly string[]): CountRow[] {
  const rows: CountRow[] = counts.map((month) => ({ key: month.month, counts: month.counts, total: month.total }));
  const sums = Object.fromEntries(types.map((type) => [type, counts.reduce((sum, month) => sum + (month.counts[type] ?? 0), 0)]));
  return [...rows, { key: TOTAL, counts: sums, total: counts.reduce((sum, month) => sum + month.total, 0) }];
}

/** Closed cases per lead-time band, in the bands' order (a band the answer leaves out counts none). */
export function bandValues(bands: Partial<Record<LeadBand, number>>): number[] {
  return LEAD_BANDS.map((band) => bands[band] ?? 0);
}

/** An average as the API writes it ("2.5", one decimal) as a number for a chart; none as 0 (nothing closed). */
export function days(average: string | null | undefined): number {
  const value = Number(average ?? 0);
  return Number.isFinite(value) ? value : 0;
}

/** The currencies the rows were priced in, in the API's order; NOK when there are none, so the amounts chart still
 * stands (at zero). */
export function currenciesOf(dashboard: Dashboard): string[] {
  const found = dashboard.article_rows.amounts.map((amount) => amount.currency);
  return found.length ? found : ["NOK"];
}

/** A group's amount in one currency, in minor units (none priced in it: 0). */
export function amountIn(group: Pick<RowGroup, "amounts">, currency: string): number {
  return group.amounts.find((amount) => amount.currency === currency)?.amount_minor ?? 0;
}

/** The rows' amounts per month in one currency (minor units), one value per month of the answer. */
export function amountSeries(dashboard: Dashboard, currency: string): Series[] {
  return [{
    name: currency,
    values: dashboard.months.map((month) => {
      const group = dashboard.article_rows.by_month.find((one) => one.key === month);
      return group ? amountIn(group, currency) : 0;
    }),
  }];
}

/** The period's totals of a grouping (by month, article type or action code) as one more row, keyed TOTAL. */
export function withTotal(groups: RowGroup[], currencies: string[]): RowGroup[] {
  const rows = groups.reduce((sum, group) => sum + group.rows, 0);
  const amounts = currencies.map((currency) => ({
    currency: currency as RowGroup["amounts"][number]["currency"],
    amount_minor: groups.reduce((sum, group) => sum + amountIn(group, currency), 0),
  }));
  return [...groups, { key: TOTAL, rows, amounts }];
}

/** The rows counted per group (by article type, by action code), as one series named `name`. */
export function rowsSeries(groups: RowGroup[], name: string): Series {
  return { name, values: groups.map((group) => group.rows) };
}
