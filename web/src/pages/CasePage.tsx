import { Link } from "@tanstack/react-router";
import { useState } from "react";
import { Controller } from "react-hook-form";
import { z } from "zod";
import type { components } from "../api/client";
import { problemOf, word } from "../api/problems";
import { $api, isConflict, refusalOf } from "../api/query";
import { caseRoute } from "../app/router";
import { usePrincipal } from "../app/session";
import { Form, SelectField, TextField, inputIdOf } from "../forms/Form";
import { decode, encode } from "../forms/messages";
import { useApiForm } from "../forms/useApiForm";
import { exactAmount, formatAmount, formatDate, formatDateTime, formatDecimal, minorUnits } from "../format";
import { useI18n, type Translate } from "../i18n";
import { textOr, type MessageKey } from "../i18n/messages";
import { DateField } from "../ui/DateField";
import { FilesCard } from "./FilesCard";
import { PdfDownload } from "../ui/PdfDownload";
import { notify } from "../ui/Toasts";
import {
  ARTICLE_TYPES, CASE_STATUSES, CASE_TYPES, CURRENCIES, VAT_RATES, WORK_ORDER_TYPES, articleColumnKey, articleTypeKey, statusKey,
  typeKey, workOrderStatusKey, workOrderTypeKey, type ArticleColumn, type CaseTimelineEntry,
} from "./caseParts";
import { staffChoices } from "./staffDirectory";

type CaseView = components["schemas"]["CaseView"];
type Case = components["schemas"]["Case"];
type WorkOrder = components["schemas"]["WorkOrderView"];
type ArticleRow = components["schemas"]["ArticleRow"];

/** The largest quantity the API takes (ArticleRowInput.quantity), in hundredths. */
const MAX_QUANTITY_HUNDREDTHS = 100_000 * 100;
/** The largest unit price the API takes, in minor units. */
const MAX_PRICE_MINOR = 100_000_000_00;

/** A refusal of a small form on this page: its words, and a way to read the case again when someone was first. */
function Refusal({ refusal, onReload }: { refusal: unknown; onReload: () => void }) {
  const { t } = useI18n();
  if (!refusal || !isConflict(refusal)) return null;
  return (
    <p className="notice">
      {t("cases.changedMeanwhile")}{" "}
      <button type="button" className="secondary-outline small" onClick={onReload}>{t("conflict.reload")}</button>
    </p>
  );
}

// -- the case's status and type (staff) ------------------------------------------------------------------------------

const changeSchema = z.object({ status: z.enum(CASE_STATUSES), type: z.enum(CASE_TYPES) });

function ChangeCase({ item, onReload }: { item: Case; onReload: () => void }) {
  const { t } = useI18n();
  const change = $api.useMutation("patch", "/cases/{case_id}");
  const form = useApiForm(changeSchema, { status: item.status, type: item.type });
  const [refusal, setRefusal] = useState<unknown>(null);

  async function submit(values: z.infer<typeof changeSchema>) {
    const refused = await refusalOf(change.mutateAsync({
      params: { path: { case_id: item.case_id } },
      body: { version: item.version, status: values.status, type: values.type },
    }));
    setRefusal(refused);
    if (refused) return form.refuse(refused);
    notify(t("toast.caseChanged", { number: item.number }));
  }

  const labels: Record<string, string> = { status: t("cases.field.status"), type: t("cases.field.type") };
  return (
    <section className="card" aria-labelledby="case-handle-heading">
      <h2 id="case-handle-heading">{t("cases.handle")}</h2>
      <Form form={form} id="case-change" onSubmit={submit} label={t("cases.handle")} labelOf={(field) => labels[field] ?? field}>
        <Refusal refusal={refusal} onReload={onReload} />
        <div className="grid wide-fields">
          <SelectField name="status" label={labels.status} options={CASE_STATUSES.map((status) => ({ value: status, label: t(statusKey(status)) }))} />
          <SelectField name="type" label={labels.type} options={CASE_TYPES.map((type) => ({ value: type, label: t(typeKey(type)) }))} />
        </div>
        <div className="actions">
          <button type="submit">{t("cases.saveChange")}</button>
        </div>
      </Form>
    </section>
  );
}

// -- a new work order (staff) ----------------------------------------------------------------------------------------

const WORK_ORDER_FORM = "work-order";
const workOrderSchema = z.object({
  type: z.enum(WORK_ORDER_TYPES),
  description: z.string().trim().min(1).max(4000),
  technician: z.string().trim().max(254),
  planned_on: z.string(),
});
type WorkOrderValues = z.input<typeof workOrderSchema>;

/** The technician from the staff directory's groups (ORG-4), or none; staff who may not read the directory (a
 * technician) write the username instead, as they do when the directory is refused. */
function TechnicianField({ label }: { label: string }) {
  const { t } = useI18n();
  const me = usePrincipal();
  const readsDirectory = me.kind === "staff" && (me.permissions.includes("assign") || me.role === "administrator");
  const directory = $api.useQuery("get", "/staff-groups", {}, { enabled: readsDirectory });
  if (!readsDirectory || directory.error) {
    return <TextField name="technician" label={label} autoComplete="off" hint={t("cases.technicianHint")} />;
  }
  return (
    <SelectField name="technician" label={label} hint={t("cases.technicianChoiceHint")}
      options={[{ value: "", label: t("cases.noTechnician") }]} groups={directory.data ? staffChoices(directory.data, t) : []} />
  );
}

function AddWorkOrder({ item, onReload }: { item: Case; onReload: () => void }) {
  const { t } = useI18n();
  const add = $api.useMutation("post", "/cases/{case_id}/work-orders");
  const form = useApiForm(workOrderSchema, { type: "repair", description: "", technician: "", planned_on: "" });
  const [refusal, setRefusal] = useState<unknown>(null);

  async function submit(values: WorkOrderValues) {
    let added: CaseView;
    try {
      added = await add.mutateAsync({
        params: { path: { case_id: item.case_id } },
        body: {
          version: item.version,
          type: values.type,
          description: values.description.trim(),
          technician: values.technician.trim() || null,
          planned_on: values.planned_on || null,
        },
      });
    } catch (refused) {
      setRefusal(refused);
      return form.refuse(refused);
    }
    // The work orders come in the order they were added: the new one is the last.
    notify(t("toast.workOrderAdded", { number: added.work_orders.at(-1)?.number ?? "" }));
  }

  const labels: Record<string, string> = {
    type: t("cases.workOrder.type"), description: t("cases.workOrder.description"), technician: t("cases.workOrder.technician"),
    planned_on: t("cases.workOrder.planned_on"),
  };
  return (
    <section className="card" aria-labelledby="add-work-order-heading">
      <h2 id="add-work-order-heading">{t("cases.addWorkOrder")}</h2>
      <Form form={form} id={WORK_ORDER_FORM} onSubmit={submit} label={t("cases.addWorkOrder")} labelOf={(field) => labels[field] ?? field}>
        <Refusal refusal={refusal} onReload={onReload} />
        <div className="grid wide-fields">
          <SelectField name="type" label={labels.type} required
            options={WORK_ORDER_TYPES.map((type) => ({ value: type, label: t(workOrderTypeKey(type)) }))} />
          <TechnicianField label={labels.technician} />
          <Controller control={form.control} name="planned_on" render={({ field, fieldState }) => {
            const text = decode(fieldState.error?.message);
            return (
              <DateField id={inputIdOf(WORK_ORDER_FORM, "planned_on")} label={labels.planned_on}
                value={field.value || null} onChange={(value) => field.onChange(value ?? "")} onBlur={field.onBlur}
                error={text ? word(text, t) : null} hint={t("date.hint")} />
            );
          }} />
        </div>
        <TextField name="description" label={labels.description} required multiline />
        <div className="actions">
          <button type="submit">{t("cases.addWorkOrderSubmit")}</button>
        </div>
      </Form>
    </section>
  );
}

// -- an article row on an open work order (staff) --------------------------------------------------------------------

const rowSchema = z.object({
  article_number: z.string().trim().max(200),
  article: z.string().trim().min(1).max(200),
  article_type: z.enum(ARTICLE_TYPES),
  action_code: z.string().trim().max(20),
  quantity: z.string().trim().refine((typed) => {
    const hundredths = minorUnits(typed);
    return hundredths !== null && hundredths > 0 && hundredths <= MAX_QUANTITY_HUNDREDTHS;
  }, { message: encode({ key: "cases.notAQuantity" }) }),
  unit_price: z.string().trim().refine((typed) => {
    const minor = minorUnits(typed);
    return minor !== null && minor <= MAX_PRICE_MINOR;
  }, { message: encode({ key: "change.notAnAmount" }) }),
  currency: z.enum(CURRENCIES),
  vat_rate: z.enum(VAT_RATES),
});
type RowValues = z.input<typeof rowSchema>;
const EMPTY_ROW: RowValues = {
  article_number: "", article: "", article_type: "work", action_code: "", quantity: "", unit_price: "", currency: "NOK", vat_rate: "25",
};

function AddArticleRow({ caseId, workOrder, onReload }: { caseId: string; workOrder: WorkOrder; onReload: () => void }) {
  const { t } = useI18n();
  const add = $api.useMutation("post", "/cases/{case_id}/work-orders/{work_order_id}/rows");
  const form = useApiForm(rowSchema, EMPTY_ROW);
  const [refusal, setRefusal] = useState<unknown>(null);
  const title = t("cases.addRowTo", { number: workOrder.number });

  async function submit(values: RowValues) {
    const refused = await refusalOf(add.mutateAsync({
      params: { path: { case_id: caseId, work_order_id: workOrder.work_order_id } },
      body: {
        version: workOrder.version,
        article_number: values.article_number.trim() || null,
        article: values.article.trim(),
        article_type: values.article_type,
        action_code: values.action_code.trim() || null,
        // Exact decimals: "1,5" goes as "1.50", "950,00" as 95000 øre; never through a float.
        quantity: exactAmount(values.quantity) ?? values.quantity,
        unit_price_minor: minorUnits(values.unit_price) ?? 0,
        currency: values.currency,
        vat_rate: values.vat_rate,
      },
    }));
    setRefusal(refused);
    if (refused) return form.refuse(refused);
    notify(t("toast.articleRowAdded", { article: values.article.trim(), number: workOrder.number }));
  }

  const labels: Record<string, string> = {
    article_number: t("cases.row.article_number"), article: t("cases.row.article"), article_type: t("cases.row.article_type"),
    action_code: t("cases.row.action_code"), quantity: t("cases.row.quantity"), unit_price: t("cases.row.unit_price"),
    currency: t("cases.row.currency"), vat_rate: t("cases.row.vat_rate"),
    unit_price_minor: t("cases.row.unit_price"),
  };
  return (
    <details className="work-order-form">
      <summary>{title}</summary>
      <Form form={form} id={`row-${workOrder.work_order_id}`} onSubmit={submit} label={title} labelOf={(field) => labels[field] ?? field}>
        <Refusal refusal={refusal} onReload={onReload} />
        <div className="grid wide-fields">
          <TextField name="article" label={labels.article} required autoComplete="off" />
          <TextField name="article_number" label={labels.article_number} autoComplete="off" />
          <SelectField name="article_type" label={labels.article_type} required
            options={ARTICLE_TYPES.map((type) => ({ value: type, label: t(articleTypeKey(type)) }))} />
          <TextField name="action_code" label={labels.action_code} autoComplete="off" hint={t("cases.actionCodeHint")} />
          <TextField name="quantity" label={labels.quantity} required inputMode="decimal" autoComplete="off" hint={t("cases.quantityHint")} />
          <TextField name="unit_price" label={labels.unit_price} required inputMode="decimal" autoComplete="off" hint={t("cases.unitPriceHint")} />
          <SelectField name="currency" label={labels.currency} options={CURRENCIES.map((code) => ({ value: code, label: code }))} />
          <SelectField name="vat_rate" label={labels.vat_rate}
            options={VAT_RATES.map((rate) => ({ value: rate, label: t("cases.percent", { percent: rate }) }))} />
        </div>
        <div className="actions">
          <button type="submit">{t("cases.addRowSubmit")}</button>
        </div>
      </Form>
    </details>
  );
}

// -- closing a work order (staff) ------------------------------------------------------------------------------------

const closeSchema = z.object({ findings: z.string().trim().max(4000) });

function CloseWorkOrder({ caseId, workOrder, onReload }: { caseId: string; workOrder: WorkOrder; onReload: () => void }) {
  const { t } = useI18n();
  const close = $api.useMutation("post", "/cases/{case_id}/work-orders/{work_order_id}/close");
  const form = useApiForm(closeSchema, { findings: "" });
  const [refusal, setRefusal] = useState<unknown>(null);
  const title = t("cases.closeWorkOrder", { number: workOrder.number });

  async function submit(values: z.infer<typeof closeSchema>) {
    const refused = await refusalOf(close.mutateAsync({
      params: { path: { case_id: caseId, work_order_id: workOrder.work_order_id } },
      body: { version: workOrder.version, findings: values.findings.trim() || null },
    }));
    setRefusal(refused);
    if (refused) return form.refuse(refused);
    notify(t("toast.workOrderClosed", { number: workOrder.number }));
  }

  return (
    <details className="work-order-form">
      <summary>{title}</summary>
      <Form form={form} id={`close-${workOrder.work_order_id}`} onSubmit={submit} label={title} labelOf={() => t("cases.workOrder.findings")}>
        <Refusal refusal={refusal} onReload={onReload} />
        <TextField name="findings" label={t("cases.workOrder.findings")} multiline hint={t("cases.findingsHint")} />
        <div className="actions">
          <button type="submit">{t("cases.closeSubmit")}</button>
        </div>
      </Form>
    </details>
  );
}

// -- work orders, their article rows and the case's totals -----------------------------------------------------------

/** A row's columns as the API shows them: the columns it names, in its order (staff see every one). */
function RowsTable({ workOrder, columns }: { workOrder: WorkOrder; columns: ArticleColumn[] }) {
  const { t, language } = useI18n();
  const rows = workOrder.rows ?? [];
  if (!rows.length) return <p className="muted">{t("cases.noRows")}</p>;
  const money = (minor: number | null | undefined, row: ArticleRow) => (minor === null || minor === undefined ? "" : formatAmount(minor, row.currency, language));
  const numeric = new Set<ArticleColumn>(["quantity", "unit_price", "vat", "amount"]);
  const cell = (column: ArticleColumn, row: ArticleRow) => {
    switch (column) {
      case "article":
        return <>{row.article ?? ""}{row.article_number ? <div className="muted">{row.article_number}</div> : null}</>;
      case "article_type":
        return row.article_type ? t(articleTypeKey(row.article_type)) : "";
      case "action_code":
        return row.action_code ?? "";
      case "quantity":
        return row.quantity ? formatDecimal(row.quantity, language) : "";
      case "unit_price":
        return money(row.unit_price_minor, row);
      case "vat":
        return (
          <>
            {money(row.vat_minor, row)}
            {row.vat_rate ? <div className="muted">{t("cases.percent", { percent: formatDecimal(row.vat_rate, language) })}</div> : null}
          </>
        );
      case "amount":
        return money(row.amount_minor, row);
    }
  };
  return (
    <div className="table-wrap">
      <table className="amounts document-table lines">
        <caption className="visually-hidden">{t("cases.rowsOf", { number: workOrder.number })}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col" className={numeric.has(column) ? "number" : undefined}>{t(articleColumnKey(column))}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.row_id}>
              {columns.map((column) => (
                column === "article"
                  ? <th key={column} scope="row">{cell(column, row)}</th>
                  : <td key={column} className={numeric.has(column) ? undefined : "text"}>{cell(column, row)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function WorkOrderPart({ caseId, workOrder, view, onReload }: { caseId: string; workOrder: WorkOrder; view: CaseView; onReload: () => void }) {
  const { t } = useI18n();
  const open = workOrder.status === "open";
  const facts: [string, string | null | undefined][] = [
    [t("cases.workOrder.type"), t(workOrderTypeKey(workOrder.type))],
    [t("cases.workOrder.status"), open ? t(workOrderStatusKey(workOrder.status))
      : `${t(workOrderStatusKey(workOrder.status))}${workOrder.closed_at ? ` ${formatDate(workOrder.closed_at)}` : ""}`],
    [t("cases.workOrder.technician"), workOrder.technician_name],
    [t("cases.workOrder.planned_on"), workOrder.planned_on ? formatDate(workOrder.planned_on) : null],
  ];
  const headingId = `work-order-${workOrder.work_order_id}-heading`;
  return (
    <article className="work-order" aria-labelledby={headingId}>
      <h3 id={headingId}>{t("cases.workOrderNumber", { number: workOrder.number })}</h3>
      <dl className="facts">
        {facts.filter(([, value]) => value).map(([label, value]) => <div key={label}><dt>{label}</dt><dd>{value}</dd></div>)}
      </dl>
      <p className="prewrap long-text">{workOrder.description}</p>
      {workOrder.findings ? (
        <>
          <h4>{t("cases.workOrder.findings")}</h4>
          <p className="prewrap long-text">{workOrder.findings}</p>
        </>
      ) : null}
      <RowsTable workOrder={workOrder} columns={view.article_columns} />
      {/* Seed 003: a customer's closed work order has its service protocol, made when it closed. */}
      {!open && view.case.customer_id ? (
        <div className="actions">
          <PdfDownload customerId={view.case.customer_id} document="service_protocol" subjectId={workOrder.work_order_id} caseId={caseId}
            label={t("cases.protocol")} downloadLabel={(size) => t("cases.protocolDownload", { size })}
            about={t("cases.workOrderNumber", { number: workOrder.number })} />
        </div>
      ) : null}
      {view.may_handle && open ? (
        <div className="work-order-actions">
          {/* A new key once the work order is read again: the forms start empty from its new version. */}
          <AddArticleRow key={`row-${workOrder.version}`} caseId={caseId} workOrder={workOrder} onReload={onReload} />
          <CloseWorkOrder key={`close-${workOrder.version}`} caseId={caseId} workOrder={workOrder} onReload={onReload} />
        </div>
      ) : null}
    </article>
  );
}

function Totals({ view }: { view: CaseView }) {
  const { t, language } = useI18n();
  const totals = view.totals;
  if (!totals.length) return null;
  const withVat = view.article_columns.includes("vat");
  return (
    <div className="table-wrap">
      <table className="amounts document-table totals-table">
        <caption><h3>{t("cases.totals")}</h3></caption>
        <thead>
          <tr>
            <th scope="col">{t("cases.total.currency")}</th>
            <th scope="col" className="number">{t("cases.total.amount")}</th>
            {withVat ? <th scope="col" className="number">{t("cases.total.vat")}</th> : null}
            {withVat ? <th scope="col" className="number">{t("cases.total.inclusive")}</th> : null}
          </tr>
        </thead>
        <tbody>
          {totals.map((total) => (
            <tr key={total.currency}>
              <th scope="row">{total.currency}</th>
              <td>{formatAmount(total.amount_minor, total.currency, language)}</td>
              {withVat ? <td>{formatAmount(total.vat_minor, total.currency, language)}</td> : null}
              {withVat ? <td><strong>{formatAmount(total.amount_minor + total.vat_minor, total.currency, language)}</strong></td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function WorkOrders({ view, onReload }: { view: CaseView; onReload: () => void }) {
  const { t } = useI18n();
  return (
    <section className="card" aria-labelledby="work-orders-heading">
      <h2 id="work-orders-heading">{t("cases.workOrders")}</h2>
      {view.work_orders.length ? null : <p className="muted">{t("cases.noWorkOrders")}</p>}
      {view.work_orders.map((workOrder) => (
        <WorkOrderPart key={workOrder.work_order_id} caseId={view.case.case_id} workOrder={workOrder} view={view} onReload={onReload} />
      ))}
      <Totals view={view} />
    </section>
  );
}

// -- the case's timeline ---------------------------------------------------------------------------------------------

function stepText(entry: CaseTimelineEntry, t: Translate): string {
  const detail = entry.detail ?? "";
  switch (entry.action) {
    case "status_changed":
      return t("cases.step.status_changed", { status: entry.status ? t(statusKey(entry.status)) : "" });
    case "type_changed":
      return t("cases.step.type_changed", { type: entry.type ? t(typeKey(entry.type)) : "" });
    case "assigned":
      return t("cases.step.assigned", { names: detail });
    case "work_order_added":
    case "work_order_closed":
      return t(`cases.step.${entry.action}` as MessageKey, { number: detail });
    case "file_added":
    case "file_deleted":
      return t(`cases.step.${entry.action}` as MessageKey, { name: detail });
    default:
      return textOr(t, `cases.step.${entry.action}`, entry.action);
  }
}

function Timeline({ view }: { view: CaseView }) {
  const { t } = useI18n();
  return (
    <section className="card" aria-labelledby="case-timeline-heading">
      <h2 id="case-timeline-heading">{t("cases.timeline")}</h2>
      <ol className="steps">
        {(view.case.timeline ?? []).map((entry, index) => (
          <li key={index}>
            <strong>{stepText(entry, t)}</strong>
            <div className="step-facts">
              <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
              <span>{t("cases.by", { name: entry.by_name })}</span>
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** CASE-1..3 (seed 002): one case — what was reported, on whom and what, where it stands, its work orders with their
 * article rows (Åtgärder, in the columns the vendor shows the customer) and its totals, its files (CASE-5) and its timeline. Staff who
 * may change its customer move it on, add work orders, register rows and close work orders here. */
export function CasePage() {
  const { t } = useI18n();
  const { caseId } = caseRoute.useParams();
  const found = $api.useQuery("get", "/cases/{case_id}", { params: { path: { case_id: caseId } } });
  const view = found.data;
  const reload = () => void found.refetch();
  const back = <Link to="/cases">{t("cases.back")}</Link>;
  if (!view) {
    return (
      <section className="card">
        {back}
        <h1 tabIndex={-1}>{t("cases.heading")}</h1>
        {found.error ? (
          // A case the login may not see answers as one that does not exist (AUTH-4).
          <p className="error" role="alert">{problemOf(found.error).code === "not_found" ? t("cases.notFound") : t(problemOf(found.error).summary)}</p>
        ) : <p role="status">{t("loading")}</p>}
      </section>
    );
  }
  const item = view.case;
  const facts: [string, string | null | undefined][] = [
    [t("cases.field.customer_id"), item.customer_name],
    [t("cases.field.object_id"), item.object_name],
    [t("cases.contact"), item.contact_name],
    [t("cases.field.work_site_address"), item.work_site_address],
    [t("cases.field.reference_name"), item.reference_name],
    [t("cases.filed"), t("cases.filedBy", { at: formatDateTime(item.created_at), name: item.created_by_name })],
    [t("cases.closedAt"), item.closed_at ? formatDateTime(item.closed_at) : null],
  ];

  return (
    <>
      <section className="card" aria-labelledby="case-heading">
        {back}
        <h1 id="case-heading" tabIndex={-1} className="long-text">{t("cases.caseHeading", { number: item.number, title: item.title })}</h1>
        <p className="document-status">
          <strong>{t(statusKey(item.status))}</strong>
          <span>{t(typeKey(item.type))}</span>
        </p>
        <dl className="facts">
          {facts.filter(([, value]) => value).map(([label, value]) => <div key={label}><dt>{label}</dt><dd>{value}</dd></div>)}
        </dl>
        {item.description ? (
          <>
            <h2>{t("cases.field.description")}</h2>
            <p className="prewrap long-text">{item.description}</p>
          </>
        ) : null}
      </section>
      {/* A new key once the case is read again (after a save or a reload): the forms start from it. */}
      {view.may_handle ? <ChangeCase key={`change-${item.version}`} item={item} onReload={reload} /> : null}
      <WorkOrders view={view} onReload={reload} />
      {view.may_handle ? <AddWorkOrder key={`work-order-${item.version}`} item={item} onReload={reload} /> : null}
      {/* CASE-5: the case's files; not there for a login that may not read them. */}
      <FilesCard target={{ caseId: item.case_id }} />
      <Timeline view={view} />
    </>
  );
}
