import { Link, useNavigate } from "@tanstack/react-router";
import { useCallback, useEffect, useMemo, useState, type FormEvent, type ReactNode } from "react";
import { problemOf } from "../api/problems";
import { $api } from "../api/query";
import { caseDashboardRoute } from "../app/router";
import type { CaseDashboardSearch } from "../app/searches";
import { usePrincipal } from "../app/session";
import { formatAmount } from "../format";
import { useI18n } from "../i18n";
import type { MessageKey } from "../i18n/messages";
import { Chart, type Series } from "../ui/Chart";
import { DataTable, type ListColumn } from "../ui/DataTable";
import {
  ARTICLE_TYPES, CASE_TYPES, WORK_ORDER_TYPES, articleTypeKey, typeKey, workOrderTypeKey,
  type ArticleType, type CaseType, type WorkOrderType,
} from "./caseParts";
import {
  LEAD_BANDS, MAX_MONTHS, TOTAL, NO_ACTION_CODE, NO_ARTICLE_TYPE, OFFERED_MONTHS, addMonths, amountIn, amountSeries, bandValues, countRows,
  countSeries, currenciesOf, rowsSeries, dashboardQuery, days, monthName, monthOf, narrowsByPlace, shownMonths, withTotal,
  type CountRow, type Dashboard, type DashboardView, type MonthCounts, type RowGroup,
} from "./caseDashboard";
import { StaffCustomerFilter } from "./StaffCustomerFilter";

type Choice = { id: string; label: string; customerId?: string };
type Known = Pick<Dashboard, "view" | "views" | "action_codes">;

const caseTypeLabel = (type: string) => typeKey(type as CaseType);
const workOrderTypeLabel = (type: string) => workOrderTypeKey(type as WorkOrderType);
const viewKey = (view: DashboardView) => `dashboard.view.${view}` as MessageKey;
const bandKey = (band: string) => `dashboard.band.${band}` as MessageKey;

/** CASE-6 (seed 002, "Se dashboard"): four dashboards of the cases the login follows — cases and work orders filed
 * per month by their type, how long the cases closed were open, and the article rows registered with their prices —
 * for the last three months unless other months are chosen, narrowed to a customer, an object, a type and an action
 * code, each as charts with the same figures as tables, and printable (styles.css: "CASE-6 … on paper"). */
export function CaseDashboardPage() {
  const { t, language } = useI18n();
  const me = usePrincipal();
  const staff = me.kind === "staff";
  const search = caseDashboardRoute.useSearch();
  const navigate = useNavigate({ from: "/cases/dashboard" });
  const thisMonth = monthOf(new Date());
  // The figures shown stay until the next answer is there (no empty page between two choices).
  const found = $api.useQuery("get", "/case-dashboard", { params: { query: dashboardQuery(search, thisMonth) } },
    { retry: false, placeholderData: (previous) => previous });
  const board = found.data;
  // The views and action codes of the last answer: the filters stay while a new choice is refused.
  const [known, setKnown] = useState<Known | null>(null);
  useEffect(() => {
    if (board) setKnown({ view: board.view, views: board.views, action_codes: board.action_codes });
  }, [board]);
  // The view asked for (the radio shows it at once, while its figures load), else the one the API answered with.
  const view: DashboardView | undefined = search.view || board?.view || known?.view;
  const views = board?.views ?? known?.views ?? [];
  const byPlace = narrowsByPlace(view);

  // The customers and objects to choose: staff search the register; a portal login chooses among its own (AUTH-4,
  // the new-case form's choices), in the objects view those of its objects.
  const [customer, setCustomer] = useState(search.customer);
  useEffect(() => setCustomer(search.customer), [search.customer]);
  const choices = $api.useQuery("get", "/case-choices", {}, { enabled: !staff });
  const staffObjects = $api.useQuery("get", "/customers/{customer_id}/objects", { params: { path: { customer_id: customer }, query: { limit: 100 } } },
    { enabled: staff && byPlace && Boolean(customer) });
  const named = $api.useQuery("get", "/customers/{customer_id}", { params: { path: { customer_id: search.customer } } },
    { enabled: staff && byPlace && Boolean(search.customer) });
  const portalObjects: Choice[] = (choices.data?.objects ?? [])
    .map((link) => ({ id: link.object_id ?? "", label: link.object_name ?? "", customerId: link.customer_id ?? "" }));
  const customerChoices: Choice[] = view === "objects"
    ? [...new Map((choices.data?.objects ?? []).map((link) => [link.customer_id ?? "", { id: link.customer_id ?? "", label: link.customer_name ?? "" }])).values()]
    : (choices.data?.customers ?? []).map((link) => ({ id: link.customer_id ?? "", label: link.customer_name ?? "" }));
  const objectChoices: Choice[] = staff
    ? (customer ? (staffObjects.data?.items ?? []).map((item) => ({ id: item.object_id, label: item.name, customerId: customer })) : [])
    : portalObjects.filter((choice) => !customer || choice.customerId === customer);
  const customerName = staff ? named.data?.name : customerChoices.find((choice) => choice.id === search.customer)?.label;
  const objectName = objectChoices.find((choice) => choice.id === search.object)?.label;

  const months = board?.months ?? [];
  const { from, to } = board ? { from: months[0], to: months[months.length - 1] } : shownMonths(search, thisMonth);
  // The months offered: the last four years, newest first (and a month from an older address).
  const offered = useMemo(() => {
    const recent = Array.from({ length: OFFERED_MONTHS }, (_, index) => addMonths(thisMonth, -index));
    return [...new Set([...recent, from, to])].sort().reverse();
  }, [thisMonth, from, to]);
  const actionCodes = [...new Set([...(board?.action_codes ?? known?.action_codes ?? []), ...(search.actionCode ? [search.actionCode] : [])])];

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim();
    const object = objectChoices.find((choice) => choice.id === text("object"));
    const next: Partial<CaseDashboardSearch> = {
      from: offered.find((month) => month === text("from")) ?? "",
      to: offered.find((month) => month === text("to")) ?? "",
      // An object is counted with its customer: chosen alone, its customer comes with it.
      customer: byPlace ? (staff ? customer : customerChoices.find((choice) => choice.id === text("customer"))?.id ?? object?.customerId ?? "") : "",
      object: byPlace ? object?.id ?? "" : "",
      caseType: CASE_TYPES.find((known) => known === text("caseType")) ?? "",
      workOrderType: WORK_ORDER_TYPES.find((known) => known === text("workOrderType")) ?? "",
      articleType: ARTICLE_TYPES.find((known) => known === text("articleType")) ?? "",
      actionCode: actionCodes.find((code) => code === text("actionCode")) ?? "",
    };
    void navigate({ search: (previous) => ({ ...previous, ...next }), resetScroll: false });
  }

  function chooseView(chosen: DashboardView) {
    // The cases a contact is the contact of are not split by customer or object.
    const place = narrowsByPlace(chosen) ? {} : { customer: "", object: "" };
    void navigate({ search: (previous) => ({ ...previous, ...place, view: chosen }), resetScroll: false });
  }

  const problem = found.error ? problemOf(found.error) : null;
  const back = <Link to="/cases">{t("cases.back")}</Link>;
  // A login without dashboards (seed 002: a login linked to a contact follows its cases) is told why, not refused.
  if (problem?.code === "dashboard_not_available" && !search.view && !known) {
    return (
      <section className="card" aria-labelledby="dashboard-heading">
        {back}
        <h1 id="dashboard-heading" tabIndex={-1}>{t("dashboard.heading")}</h1>
        <p>{t("dashboard.unavailable")}</p>
        <p className="muted">{t("dashboard.unavailableHint")}</p>
      </section>
    );
  }
  const refusal = !problem ? null
    : problem.code === "not_found" ? t("dashboard.notCovered")
    : t(problem.summary);

  // What the figures are narrowed to, said on the page and on paper (where the filters are left out).
  const narrowed = [
    byPlace && search.customer ? `${t("cases.field.customer_id")}: ${customerName ?? "…"}` : null,
    byPlace && search.customer && search.object ? `${t("cases.field.object_id")}: ${objectName ?? "…"}` : null,
    search.caseType ? `${t("cases.field.type")}: ${t(typeKey(search.caseType))}` : null,
    search.workOrderType ? `${t("cases.workOrder.type")}: ${t(workOrderTypeKey(search.workOrderType))}` : null,
    search.articleType ? `${t("cases.articleColumn.article_type")}: ${t(articleTypeKey(search.articleType))}` : null,
    search.actionCode ? `${t("cases.articleColumn.action_code")}: ${search.actionCode}` : null,
  ].filter(Boolean).join(", ");
  const formKey = `${JSON.stringify(search)} ${view ?? ""} ${choices.data ? "" : "loading"} ${actionCodes.join(",")}`;

  return (
    <div className="case-dashboard">
      <section className="card" aria-labelledby="dashboard-heading">
        {back}
        <div className="card-header">
          <h1 id="dashboard-heading" tabIndex={-1}>{t("dashboard.heading")}</h1>
          <div className="actions compact">
            <button type="button" onClick={() => window.print()} disabled={!board}>{t("dashboard.print")}</button>
          </div>
        </div>
        <p className="muted">{t("dashboard.intro")}</p>
        {views.length > 1 && view ? (
          <div className="choice-row view-switch" role="radiogroup" aria-labelledby="dashboard-view-label">
            <span id="dashboard-view-label">{t("dashboard.view")}</span>
            {views.map((one) => (
              <label key={one}>
                <input type="radio" name="dashboard-view" value={one} checked={one === view} onChange={() => chooseView(one)} />
                {t(viewKey(one))}
              </label>
            ))}
          </div>
        ) : null}
        <form key={formKey} className="filters" aria-label={t("dashboard.filters")} onSubmit={submit}>
          <div>
            <label htmlFor="dashboard-from">{t("statistics.from")}</label>
            <select id="dashboard-from" name="from" defaultValue={from}>
              {offered.map((month) => <option key={month} value={month}>{monthName(month, language)}</option>)}
            </select>
          </div>
          <div>
            <label htmlFor="dashboard-to">{t("statistics.to")}</label>
            <select id="dashboard-to" name="to" defaultValue={to}>
              {offered.map((month) => <option key={month} value={month}>{monthName(month, language)}</option>)}
            </select>
          </div>
          {byPlace && staff ? <StaffCustomerFilter id="dashboard-customer" chosen={customer} onChoose={setCustomer} /> : null}
          {byPlace && !staff && customerChoices.length ? (
            <div>
              <label htmlFor="dashboard-customer">{t("cases.field.customer_id")}</label>
              <select id="dashboard-customer" name="customer" defaultValue={search.customer} onChange={(event) => setCustomer(event.target.value)}>
                <option value="">{t("cases.anyCustomer")}</option>
                {customerChoices.map((choice) => <option key={choice.id} value={choice.id}>{choice.label}</option>)}
              </select>
            </div>
          ) : null}
          {byPlace && objectChoices.length ? (
            <div>
              <label htmlFor="dashboard-object">{t("cases.field.object_id")}</label>
              <select id="dashboard-object" name="object" defaultValue={search.object}>
                <option value="">{t("cases.anyObject")}</option>
                {objectChoices.map((choice) => <option key={choice.id} value={choice.id}>{choice.label}</option>)}
              </select>
            </div>
          ) : null}
          <div>
            <label htmlFor="dashboard-case-type">{t("cases.field.type")}</label>
            <select id="dashboard-case-type" name="caseType" defaultValue={search.caseType}>
              <option value="">{t("cases.anyType")}</option>
              {CASE_TYPES.map((type) => <option key={type} value={type}>{t(typeKey(type))}</option>)}
            </select>
          </div>
          <div>
            <label htmlFor="dashboard-work-order-type">{t("cases.workOrder.type")}</label>
            <select id="dashboard-work-order-type" name="workOrderType" defaultValue={search.workOrderType}>
              <option value="">{t("dashboard.anyWorkOrderType")}</option>
              {WORK_ORDER_TYPES.map((type) => <option key={type} value={type}>{t(workOrderTypeKey(type))}</option>)}
            </select>
          </div>
          <div>
            <label htmlFor="dashboard-article-type">{t("cases.articleColumn.article_type")}</label>
            <select id="dashboard-article-type" name="articleType" defaultValue={search.articleType}>
              <option value="">{t("dashboard.anyArticleType")}</option>
              {ARTICLE_TYPES.map((type) => <option key={type} value={type}>{t(articleTypeKey(type))}</option>)}
            </select>
          </div>
          {actionCodes.length ? (
            <div>
              <label htmlFor="dashboard-action-code">{t("cases.articleColumn.action_code")}</label>
              <select id="dashboard-action-code" name="actionCode" defaultValue={search.actionCode}>
                <option value="">{t("dashboard.anyActionCode")}</option>
                {actionCodes.map((code) => <option key={code} value={code}>{code}</option>)}
              </select>
            </div>
          ) : null}
          <button type="submit">{t("statistics.show")}</button>
        </form>
        <p className="muted dashboard-hint">
          {t("dashboard.filtersHint", { max: MAX_MONTHS })}{staff && byPlace ? ` ${t("cases.customerSearchHint")}` : ""}
          {!byPlace && views.length > 1 ? ` ${t("dashboard.mineHint")}` : ""}
        </p>
        {board ? (
          <p className="dashboard-shown">
            {t("dashboard.shown", { view: t(viewKey(board.view)), from: monthName(from, language), to: monthName(to, language) })}
            {narrowed ? ` ${t("dashboard.narrowed", { filters: narrowed })}` : ""}
          </p>
        ) : null}
        {refusal ? (
          <div role="alert">
            <p className="error">{refusal}</p>
            <p><Link to="/cases/dashboard" search={{}}>{t("dashboard.reset")}</Link></p>
          </div>
        ) : null}
        {!board && !refusal ? <p role="status">{t("loading")}</p> : null}
        {choices.error ? <p className="error" role="alert">{t(problemOf(choices.error).summary)}</p> : null}
      </section>
      {board ? (
        <>
          <CountsSection id="dashboard-cases" board={board} counts={board.cases} types={CASE_TYPES}
            labelOf={caseTypeLabel} heading={t("dashboard.cases.heading")} about={t("dashboard.cases.about")}
            summary={t("dashboard.cases.total", { count: board.cases_total })} chart={t("dashboard.cases.chart")} table={t("dashboard.cases.table")}
            none={t("dashboard.cases.series")} />
          <CountsSection id="dashboard-work-orders" board={board} counts={board.work_orders} types={WORK_ORDER_TYPES}
            labelOf={workOrderTypeLabel} heading={t("dashboard.workOrders.heading")}
            about={t("dashboard.workOrders.about")} summary={t("dashboard.workOrders.total", { count: board.work_orders_total })}
            chart={t("dashboard.workOrders.chart")} table={t("dashboard.workOrders.table")} none={t("dashboard.workOrders.series")} />
          <LeadTimesSection board={board} />
          <ArticleRowsSection board={board} />
        </>
      ) : null}
    </div>
  );
}

/** A cell of a table's last row, the period's totals, in bold. */
function totalOr(key: string, cell: ReactNode): ReactNode {
  return key === TOTAL ? <strong>{cell}</strong> : cell;
}

function useMonthLabel() {
  const { t, language } = useI18n();
  return useCallback((key: string) => (key === TOTAL ? t("dashboard.total") : monthName(key, language, "short")), [t, language]);
}

function useCount() {
  const { intl } = useI18n();
  return useCallback((value: number) => intl.formatNumber(value), [intl]);
}

/** Cases, and work orders: filed per month, stacked by their type, and the same counts as a table with the totals. */
function CountsSection({ id, board, counts, types, labelOf, heading, about, summary, chart, table, none }: {
  id: string;
  board: Dashboard;
  counts: MonthCounts[];
  types: readonly string[];
  /** The catalogue key of a type's name. */
  labelOf: (type: string) => MessageKey;
  heading: string;
  about: string;
  summary: string;
  chart: string;
  table: string;
  none: string;
}) {
  const { t } = useI18n();
  const count = useCount();
  const monthLabel = useMonthLabel();
  const categories = useMemo(() => board.months.map(monthLabel), [board.months, monthLabel]);
  const typeName = useCallback((type: string) => t(labelOf(type)), [t, labelOf]);
  const series = useMemo(() => countSeries(counts, types, typeName, none), [counts, types, typeName, none]);
  const rows = useMemo(() => countRows(counts, types), [counts, types]);
  const number = (value: number | undefined) => <span className="count">{count(value ?? 0)}</span>;
  const columns: ListColumn<CountRow>[] = [
    { id: "month", header: t("statistics.month"), rowHeader: true, cell: (row) => totalOr(row.key, <span className="nowrap">{monthLabel(row.key)}</span>) },
    ...types.map((type): ListColumn<CountRow> => ({ id: type, header: typeName(type), cell: (row) => totalOr(row.key, number(row.counts[type])) })),
    { id: "total", header: t("dashboard.total"), cell: (row) => <strong>{number(row.total)}</strong> },
  ];
  return (
    <section className="card dashboard-section" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{heading}</h2>
      <p className="muted">{about}</p>
      <p className="dashboard-summary">{summary}</p>
      <div className="charts">
        <Chart title={chart} kind="bar" stacked integers categories={categories} series={series} format={count} />
      </div>
      <h3 id={`${id}-table`}>{table}</h3>
      <div className="compact-table">
        <DataTable labelledBy={`${id}-table`} columns={columns} rows={rows} rowId={(row) => row.key}
          visibleColumns={columns.map((column) => column.id)} empty={t("statistics.empty")} />
      </div>
    </section>
  );
}

type LeadRow = { key: string; closed: number; average: string | null | undefined };
type BandRow = { key: string; closed: number };

/** Lead times: how long the cases closed in the period were open, in bands, and on average month by month. */
function LeadTimesSection({ board }: { board: Dashboard }) {
  const { t, intl } = useI18n();
  const count = useCount();
  const monthLabel = useMonthLabel();
  const lead = board.lead_times;
  const dayFormat = useCallback((value: number) => intl.formatNumber(value, { minimumFractionDigits: 1, maximumFractionDigits: 1 }), [intl]);
  const bandNames = useMemo(() => LEAD_BANDS.map((band) => t(bandKey(band))), [t]);
  const bandSeries = useMemo<Series[]>(() => [{ name: t("dashboard.lead.closed"), values: bandValues(lead.bands) }], [lead.bands, t]);
  const categories = useMemo(() => board.months.map(monthLabel), [board.months, monthLabel]);
  const averageSeries = useMemo<Series[]>(() => [{ name: t("dashboard.lead.average"), values: lead.by_month.map((month) => days(month.average_days)) }],
    [lead.by_month, t]);
  const averageOf = (average: string | null | undefined) => (average ? dayFormat(days(average)) : "–");
  const monthRows: LeadRow[] = [
    ...lead.by_month.map((month) => ({ key: month.month, closed: month.closed, average: month.average_days })),
    { key: TOTAL, closed: lead.closed, average: lead.average_days },
  ];
  const bandRows: BandRow[] = LEAD_BANDS.map((band, index) => ({ key: band, closed: bandValues(lead.bands)[index] }));
  const monthColumns: ListColumn<LeadRow>[] = [
    { id: "month", header: t("statistics.month"), rowHeader: true, cell: (row) => totalOr(row.key, <span className="nowrap">{monthLabel(row.key)}</span>) },
    { id: "closed", header: t("dashboard.lead.closed"), cell: (row) => totalOr(row.key, <span className="count">{count(row.closed)}</span>) },
    { id: "average", header: t("dashboard.lead.averageDays"), cell: (row) => totalOr(row.key, <span className="count">{averageOf(row.average)}</span>) },
  ];
  const bandColumns: ListColumn<BandRow>[] = [
    { id: "band", header: t("dashboard.lead.band"), rowHeader: true, cell: (row) => <span className="nowrap">{t(bandKey(row.key))}</span> },
    { id: "closed", header: t("dashboard.lead.closed"), cell: (row) => <span className="count">{count(row.closed)}</span> },
  ];
  return (
    <section className="card dashboard-section" aria-labelledby="dashboard-lead-heading">
      <h2 id="dashboard-lead-heading">{t("dashboard.lead.heading")}</h2>
      <p className="muted">{t("dashboard.lead.about")}</p>
      <p className="dashboard-summary">
        {lead.closed ? t("dashboard.lead.summary", { closed: lead.closed, average: averageOf(lead.average_days) }) : t("dashboard.lead.none")}
      </p>
      <div className="charts">
        <Chart title={t("dashboard.lead.bandChart")} kind="bar" integers categories={bandNames} series={bandSeries} format={count} />
        <Chart title={t("dashboard.lead.averageChart")} kind="bar" categories={categories} series={averageSeries} format={dayFormat} />
      </div>
      <div className="dashboard-tables">
        <div>
          <h3 id="dashboard-lead-bands">{t("dashboard.lead.bandTable")}</h3>
          <div className="compact-table">
            <DataTable labelledBy="dashboard-lead-bands" columns={bandColumns} rows={bandRows} rowId={(row) => row.key}
              visibleColumns={bandColumns.map((column) => column.id)} empty={t("statistics.empty")} />
          </div>
        </div>
        <div>
          <h3 id="dashboard-lead-months">{t("dashboard.lead.monthTable")}</h3>
          <div className="compact-table">
            <DataTable labelledBy="dashboard-lead-months" columns={monthColumns} rows={monthRows} rowId={(row) => row.key}
              visibleColumns={monthColumns.map((column) => column.id)} empty={t("statistics.empty")} />
          </div>
        </div>
      </div>
    </section>
  );
}

/** Article rows with their prices: the amounts per month in each currency, the rows by article type and by action
 * code, and the same figures as tables with the period's totals. */
function ArticleRowsSection({ board }: { board: Dashboard }) {
  const { t, language } = useI18n();
  const count = useCount();
  const monthLabel = useMonthLabel();
  const rows = board.article_rows;
  const currencies = useMemo(() => currenciesOf(board), [board]);
  const categories = useMemo(() => board.months.map(monthLabel), [board.months, monthLabel]);
  const amountCharts = useMemo(() => currencies.map((currency) => ({
    currency,
    series: amountSeries(board, currency).map((one) => ({ ...one, name: t("dashboard.rows.amount", { currency }) })),
    format: (value: number) => formatAmount(Math.round(value), currency, language),
  })), [board, currencies, language, t]);
  const typeName = useCallback((key: string) => (key === TOTAL ? t("dashboard.total")
    : key === NO_ARTICLE_TYPE ? t("dashboard.rows.noArticleType")
    : t(articleTypeKey(key as ArticleType))), [t]);
  const codeName = useCallback((key: string) => (key === TOTAL ? t("dashboard.total") : key === NO_ACTION_CODE ? t("dashboard.rows.noActionCode") : key), [t]);
  const rowsName = t("dashboard.rows.rows");
  const byType = useMemo(() => ({
    categories: rows.by_article_type.map((group) => typeName(group.key)), series: [rowsSeries(rows.by_article_type, rowsName)],
  }), [rows.by_article_type, typeName, rowsName]);
  const byCode = useMemo(() => ({
    categories: rows.by_action_code.map((group) => codeName(group.key)), series: [rowsSeries(rows.by_action_code, rowsName)],
  }), [rows.by_action_code, codeName, rowsName]);
  const monthGroups = withTotal(board.months.map((month) => rows.by_month.find((group) => group.key === month) ?? { key: month, rows: 0, amounts: [] }), currencies);
  const summary = rows.rows
    ? t("dashboard.rows.summary", { rows: rows.rows, amounts: rows.amounts.map((amount) => formatAmount(amount.amount_minor, amount.currency, language)).join(" + ") })
    : t("dashboard.rows.none");
  return (
    <section className="card dashboard-section" aria-labelledby="dashboard-rows-heading">
      <h2 id="dashboard-rows-heading">{t("dashboard.rows.heading")}</h2>
      <p className="muted">{t("dashboard.rows.about")}</p>
      <p className="dashboard-summary">{summary}</p>
      <div className="charts">
        {amountCharts.map((chart) => (
          <Chart key={chart.currency} title={t("dashboard.rows.amountChart", { currency: chart.currency })} kind="bar" categories={categories}
            series={chart.series} format={chart.format} />
        ))}
      </div>
      <div className="charts dashboard-charts">
        <Chart title={t("dashboard.rows.typeChart")} kind="bar" integers categories={byType.categories} series={byType.series} format={count} />
        <Chart title={t("dashboard.rows.codeChart")} kind="bar" integers categories={byCode.categories} series={byCode.series} format={count} />
      </div>
      <GroupTable id="dashboard-rows-months" heading={t("dashboard.rows.monthTable")} first={t("statistics.month")} groups={monthGroups}
        name={monthLabel} currencies={currencies} />
      <div className="dashboard-tables">
        <GroupTable id="dashboard-rows-types" heading={t("dashboard.rows.typeTable")} first={t("cases.articleColumn.article_type")}
          groups={withTotal(rows.by_article_type, currencies)} name={typeName} currencies={currencies} />
        <GroupTable id="dashboard-rows-codes" heading={t("dashboard.rows.codeTable")} first={t("cases.articleColumn.action_code")}
          groups={withTotal(rows.by_action_code, currencies)} name={codeName} currencies={currencies} />
      </div>
    </section>
  );
}

/** Article rows grouped (by month, article type or action code): the rows counted and their amount in each currency. */
function GroupTable({ id, heading, first, groups, name, currencies }: {
  id: string;
  heading: string;
  first: string;
  groups: RowGroup[];
  name: (key: string) => string;
  currencies: string[];
}) {
  const { t, language } = useI18n();
  const count = useCount();
  const columns: ListColumn<RowGroup>[] = [
    { id: "key", header: first, rowHeader: true, cell: (group) => totalOr(group.key, <span className="nowrap">{name(group.key)}</span>) },
    { id: "rows", header: t("dashboard.rows.rows"), cell: (group) => totalOr(group.key, <span className="count">{count(group.rows)}</span>) },
    ...currencies.map((currency): ListColumn<RowGroup> => ({
      id: currency, header: t("dashboard.rows.amount", { currency }),
      cell: (group) => totalOr(group.key, <span className="amount">{formatAmount(amountIn(group, currency), currency, language)}</span>),
    })),
  ];
  return (
    <div>
      <h3 id={id}>{heading}</h3>
      <div className="compact-table">
        <DataTable labelledBy={id} columns={columns} rows={groups} rowId={(group) => group.key}
          visibleColumns={columns.map((column) => column.id)} empty={t("dashboard.rows.none")} />
      </div>
    </div>
  );
}
