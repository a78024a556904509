import { Link, useNavigate } from "@tanstack/react-router";
import { useEffect, useState } from "react";
import { useWatch } from "react-hook-form";
import { z } from "zod";
import type { components } from "../api/client";
import { problemOf } from "../api/problems";
import { $api, byCursor, isConflict, refusalOf, usePages } from "../api/query";
import { serviceOrdersRoute } from "../app/router";
import { hasRole } from "../app/sections";
import { usePrincipal } from "../app/session";
import { Form, SelectField, TextField } from "../forms/Form";
import { useApiForm } from "../forms/useApiForm";
import { formatDate, formatDateTime } from "../format";
import { useI18n } from "../i18n";
import { PdfDownload } from "../ui/PdfDownload";
import { BookingSlots } from "./BookingSlots";
import type { MessageKey } from "../i18n/messages";
import { ConfirmButton } from "../ui/ConfirmButton";
import { DataTable, type ListColumn } from "../ui/DataTable";
import { LoadMore } from "../ui/LoadMore";
import { ReasonButton } from "../ui/ReasonButton";
import { notify } from "../ui/Toasts";
import { OrdersHeader, useOrderCustomer } from "./OrdersHeader";

type Order = components["schemas"]["ServiceOrderView"];
type Action = components["schemas"]["ServiceOrderAction"];
type Progress = components["schemas"]["OrderProgress"];
type Customer = components["schemas"]["CustomerView"];

const FORM_ID = "service-order";
const NEEDS_REASON: Action[] = ["reject", "confirm_on_behalf"];

const orderSchema = z.object({
  department_id: z.string().min(1),
  contract_id: z.string().min(1),
  product_group: z.string().min(1),
  customer_reference: z.string().trim().max(100),
  description: z.string().trim().min(1).max(4000),
});
type Values = z.input<typeof orderSchema>;
const EMPTY: Values = { department_id: "", contract_id: "", product_group: "", customer_reference: "", description: "" };

function ServiceOrderForm({ customer, onPlaced }: { customer: Customer; onPlaced: (order: Order) => void }) {
  const { t } = useI18n();
  const path = { customer_id: customer.customer_id };
  const contracts = ($api.useQuery("get", "/customers/{customer_id}/contracts", { params: { path } }).data?.items ?? [])
    .filter((contract) => contract.active !== false);
  const departments = ($api.useQuery("get", "/customers/{customer_id}/departments", { params: { path } }).data ?? [])
    .filter((department) => department.active !== false);
  const place = $api.useMutation("post", "/customers/{customer_id}/service-orders");
  const form = useApiForm(orderSchema, EMPTY);
  const [key, setKey] = useState(() => crypto.randomUUID());
  const contractId = useWatch({ control: form.control, name: "contract_id" });
  const contract = contracts.find((found) => found.contract_id === contractId);

  useEffect(() => {
    // The contract's own reference fills in the customer's order reference (seed 004); the user may change it.
    form.setValue("customer_reference", contract?.default_reference ?? "");
    form.setValue("product_group", contract?.product_groups.length === 1 ? contract.product_groups[0] : "");
  }, [contract, form]);

  async function submit(values: Values) {
    let placed: Order;
    try {
      placed = await place.mutateAsync({
        params: { path },
        body: { ...values, customer_reference: values.customer_reference || null },
        headers: { "Idempotency-Key": key },
      });
    } catch (refused) {
      return form.refuse(refused);
    }
    setKey(crypto.randomUUID());
    form.reset(EMPTY);
    onPlaced(placed);
  }

  const choose = (options: { value: string; label: string }[]) => [{ value: "", label: t("choice.none") }, ...options];
  return (
    <section className="card" aria-labelledby="new-service-heading">
      <h2 id="new-service-heading">{t("service.new")}</h2>
      <Form form={form} id={FORM_ID} onSubmit={submit} label={t("service.new")}>
        <div className="grid">
          <SelectField name="department_id" label={t("field.department_id")} required
            options={choose(departments.map((department) => ({ value: department.department_id, label: department.name })))} />
          <SelectField name="contract_id" label={t("field.contract_id")} required
            options={choose(contracts.map((found) => ({ value: found.contract_id, label: found.name })))} />
          <SelectField name="product_group" label={t("field.product_group")} required
            options={choose((contract?.product_groups ?? []).map((group) => ({ value: group, label: group })))} />
          <TextField name="customer_reference" label={t("field.customer_reference")} autoComplete="off"
            hint={contract?.default_reference ? t("service.referenceHint") : undefined} />
        </div>
        <TextField name="description" label={t("field.description")} required multiline className="field wide"
          hint={t("service.sensitive")} />
        {contract ? (
          <p className="muted">{t(contract.customer_approval === false ? "service.sellerOnly" : "service.bothApprove")}</p>
        ) : null}
        <div className="actions">
          <button type="submit">{t("service.send")}</button>
        </div>
      </Form>
    </section>
  );
}

/** One step the reader may take; rejecting and confirming on the customer's behalf ask for the reason. */
function StepButton({ order, action }: { order: Order; action: Action }) {
  const { t } = useI18n();
  const move = $api.useMutation("post", "/customers/{customer_id}/service-orders/{order_id}/transitions");
  const [refusal, setRefusal] = useState<unknown>(null);
  const path = { customer_id: order.customer_id, order_id: order.order_id };
  const label = t(`service.action.${action}` as MessageKey);

  async function run(reason: string | null, close?: () => void) {
    const refused = await refusalOf(move.mutateAsync({ params: { path }, body: { action, version: order.version, reason } }));
    setRefusal(refused);
    if (!refused) {
      close?.();
      notify(t("toast.serviceMoved", { number: order.number, step: t(`service.step.${action}` as MessageKey) }));
    }
  }

  const shown = refusal ? (
    <p className="error" role="alert">
      {t(problemOf(refusal).summary)} {isConflict(refusal) ? t("service.reload") : null}
    </p>
  ) : null;
  if (NEEDS_REASON.includes(action)) {
    return (
      <ReasonButton id={order.order_id} label={label} title={t("service.reasonTitle", { step: label, number: order.number })}
        className={`button small ${action === "reject" ? "danger" : "secondary-outline"}`} refusal={shown}
        onOpen={() => setRefusal(null)} onSubmit={(reason, close) => void run(reason, close)} />
    );
  }
  if (action === "cancel") {
    return (
      <>
        <ConfirmButton className="button secondary-outline small" label={label} title={t("service.cancelTitle", { number: order.number })}
          confirmLabel={label} onConfirm={() => run(null)}>
          <p>{t("service.cancelConfirm", { number: order.number })}</p>
        </ConfirmButton>
        {shown}
      </>
    );
  }
  return (
    <>
      <button type="button" className="small" onClick={() => void run(null)}>{label}</button>
      {shown}
    </>
  );
}

/** An order as its detail: what was ordered, where it stands, its timeline, and the steps the reader may take. */
function OrderDetail({ customerId, orderId }: { customerId: string; orderId: string }) {
  const { t } = useI18n();
  const found = $api.useQuery("get", "/customers/{customer_id}/service-orders/{order_id}", {
    params: { path: { customer_id: customerId, order_id: orderId } },
  });
  const order = found.data;
  if (!order) return found.error ? <section className="card"><p className="error" role="alert">{t(problemOf(found.error).summary)}</p></section> : null;
  return (
    <section className="card" aria-labelledby="service-detail-heading">
      <h2 id="service-detail-heading">{t("service.detail", { number: order.number })}</h2>
      <dl className="details">
        <div><dt>{t("orders.column.status")}</dt><dd><strong>{t(`status.${order.status}` as MessageKey)}</strong></dd></div>
        <div><dt>{t("service.progress")}</dt><dd>{t(`progress.${order.progress ?? "active"}` as MessageKey)}</dd></div>
        <div><dt>{t("field.contract_id")}</dt><dd>{order.contract_name}</dd></div>
        <div><dt>{t("field.product_group")}</dt><dd>{order.product_group}</dd></div>
        <div><dt>{t("field.department_id")}</dt><dd>{order.department_name}</dd></div>
        <div><dt>{t("field.customer_reference")}</dt><dd>{order.customer_reference ?? "–"}</dd></div>
        <div><dt>{t("field.description")}</dt><dd className="prewrap">{order.description}</dd></div>
      </dl>
      <BookingSlots customerId={customerId} orderId={orderId} />
      <h3>{t("service.timeline")}</h3>
      <ol className="timeline">
        {order.timeline.map((entry, index) => (
          <li key={index}>
            <span className="muted">{formatDateTime(entry.at)}</span> — {entry.by_name}: {t(`service.step.${entry.action}` as MessageKey)}
            {" → "}{t(`status.${entry.status}` as MessageKey)}
            {entry.note ? <div className="muted">{t("service.reason", { reason: entry.note })}</div> : null}
          </li>
        ))}
      </ol>
      <div className="actions">
        <Link to="/orders/$customerId/$orderId" params={{ customerId, orderId }}>{t("orders.open")}</Link>
        <PdfDownload customerId={customerId} document="order_confirmation" subjectId={orderId} />
      </div>
      {order.actions?.length || order.next_progress?.length ? (
        <div className="actions" role="group" aria-label={t("service.steps")}>
          {(order.actions ?? []).map((action) => <StepButton key={action} order={order} action={action} />)}
          {(order.next_progress ?? []).map((progress) => <ProgressButton key={progress} order={order} progress={progress} />)}
        </div>
      ) : null}
    </section>
  );
}

/** The order's own state, moved on by the seller's staff (seed 004: active / started / closed). */
function ProgressButton({ order, progress }: { order: Order; progress: Progress }) {
  const { t } = useI18n();
  const move = $api.useMutation("put", "/customers/{customer_id}/service-orders/{order_id}/progress");
  const [refusal, setRefusal] = useState<unknown>(null);
  async function run() {
    const refused = await refusalOf(move.mutateAsync({
      params: { path: { customer_id: order.customer_id, order_id: order.order_id } },
      body: { progress, version: order.version },
    }));
    setRefusal(refused);
    if (!refused) notify(t("toast.progressMoved", { number: order.number, progress: t(`progress.${progress}` as MessageKey) }));
  }
  return (
    <>
      <button type="button" className="small secondary-outline" onClick={() => void run()}>{t(`service.toProgress.${progress}` as MessageKey)}</button>
      {refusal ? <p className="error" role="alert">{t(problemOf(refusal).summary)} {isConflict(refusal) ? t("service.reload") : null}</p> : null}
    </>
  );
}

function OrderList({ customer, open }: { customer: Customer; open: string | undefined }) {
  const { t } = useI18n();
  const pages = usePages("get", "/customers/{customer_id}/service-orders", { params: { path: { customer_id: customer.customer_id } } }, byCursor);
  const orders = pages.data?.pages.flatMap((page) => page.items) ?? [];
  const columns: ListColumn<Order>[] = [
    {
      id: "number", header: t("orders.column.number"), rowHeader: true,
      cell: (order) => (
        <Link to="/orders/service" search={{ customer: customer.customer_id, order: order.order_id }}
          aria-current={order.order_id === open ? "true" : undefined}>
          {order.number}
        </Link>
      ),
    },
    { id: "placed", header: t("orders.column.placed"), cell: (order) => formatDate(order.placed_at) },
    { id: "contract", header: t("field.contract_id"), cell: (order) => `${order.contract_name} · ${order.product_group}` },
    { id: "reference", header: t("field.customer_reference"), cell: (order) => order.customer_reference ?? "" },
    { id: "by", header: t("orders.column.by"), cell: (order) => order.placed_by_name },
    { id: "status", header: t("orders.column.status"), cell: (order) => t(`status.${order.status}` as MessageKey) },
  ];
  return (
    <section className="card" aria-labelledby="service-orders-heading">
      <h2 id="service-orders-heading">{t("service.list")}</h2>
      {pages.data ? (
        <DataTable labelledBy="service-orders-heading" columns={columns} rows={orders} rowId={(order) => order.order_id}
          visibleColumns={columns.map((column) => column.id)} empty={t("orders.empty")} />
      ) : null}
      <LoadMore pages={pages} />
    </section>
  );
}

/** ORD-3: service orders with approval — the order form for the customer's orderers, each order's status, timeline
 * and the steps the reader may take (seller, customer's approver, orderer). */
export function ServiceOrdersPage() {
  const { t } = useI18n();
  const me = usePrincipal();
  const search = serviceOrdersRoute.useSearch();
  const navigate = useNavigate({ from: "/orders/service" });
  const [placed, setPlaced] = useState<Order | null>(null);
  const { customerId, customer } = useOrderCustomer(search.customer);
  const orderer = hasRole(me, customerId, "orderer");

  function sent(order: Order) {
    setPlaced(order);
    void navigate({ search: { customer: order.customer_id, order: order.order_id } });
  }

  return (
    <>
      <OrdersHeader current="service" customerId={customerId} customer={customer} onCustomerChange={() => setPlaced(null)}>
        {placed ? <p className="notice" role="status">{t("service.placed", { number: placed.number })}</p> : null}
      </OrdersHeader>
      {customer && search.order ? <OrderDetail key={search.order} customerId={customer.customer_id} orderId={search.order} /> : null}
      {customer && orderer ? <ServiceOrderForm key={customer.customer_id} customer={customer} onPlaced={sent} /> : null}
      {customer ? <OrderList customer={customer} open={search.order} /> : null}
    </>
  );
}
