import { Link } from "@tanstack/react-router";
import { useState } from "react";
import { Controller, useWatch } from "react-hook-form";
import { z } from "zod";
import type { components } from "../api/client";
import { problemOf, word } from "../api/problems";
import { $api, byCursor, refusalOf, usePages } from "../api/query";
import { changeOrdersRoute } from "../app/router";
import { hasRole } from "../app/sections";
import { usePrincipal } from "../app/session";
import { Form, TextField, inputIdOf } from "../forms/Form";
import { decode, encode } from "../forms/messages";
import { useApiForm } from "../forms/useApiForm";
import { formatAmount, formatDate, minorUnits } from "../format";
import { useI18n, type Values as Values18n } from "../i18n";
import { textOr, type Language, type MessageKey } from "../i18n/messages";
import { ConfirmButton } from "../ui/ConfirmButton";
import { DataTable, type ListColumn } from "../ui/DataTable";
import { DateField } from "../ui/DateField";
import { LoadMore } from "../ui/LoadMore";
import { notify } from "../ui/Toasts";
import { linesOnTheForm } from "./orderLines";
import { OrdersHeader, useOrderCustomer } from "./OrdersHeader";

type Order = components["schemas"]["ChangeOrderView"];
type Agreement = components["schemas"]["CashAgreementView"];
type Denomination = components["schemas"]["DenominationInfo"];
type Customer = components["schemas"]["CustomerView"];
type Currency = NonNullable<Agreement["currency"]>;

const FORM_ID = "change-order";

const orderSchema = z.object({
  delivery_date: z.string().min(1),
  mode: z.enum(["pieces", "amount"]),
  counts: z.record(z.string(), z.string().trim().max(20)),
  notes: z.string().trim().max(1000),
});
type Values = z.input<typeof orderSchema>;

/** An empty form with a field for every note and coin (so a reset clears what was typed in each). */
function emptyOrder(series: Denomination[]): Values {
  return { delivery_date: "", mode: "pieces", counts: Object.fromEntries(series.map(({ code }) => [code, ""])), notes: "" };
}

/** A typed count or amount as minor units, exactly; null when it is not one. */
function lineAmount(typed: string | undefined, minor: number, mode: Values["mode"]): number | null {
  const text = (typed ?? "").trim();
  if (!text) return 0;
  if (mode === "pieces") return /^\d{1,8}$/.test(text) ? Number(text) * minor : null;
  return minorUnits(text);
}

type Detail = { code?: string; allowed?: { limit?: number; excess?: number } };

/** The limit and the excess of a refusal for a total over the credit limit, in minor units. */
function overLimitOf(refused: unknown): { limit: number; excess: number } | null {
  const details = ((refused as { error?: { details?: Detail[] } })?.error?.details ?? []);
  const found = details.find((detail) => detail.code === "over_credit_limit")?.allowed;
  return found && typeof found.limit === "number" && typeof found.excess === "number" ? { limit: found.limit, excess: found.excess } : null;
}

function denominationName(code: string, minor: number, currency: Currency, t: (key: MessageKey, values?: Values18n) => string, language: Language) {
  return t(code.startsWith("note") ? "change.note" : "change.coin", { value: formatAmount(minor, currency, language) });
}

function ChangeOrderForm({ customer, agreement, onPlaced }: { customer: Customer; agreement: Agreement; onPlaced: (order: Order) => void }) {
  const { t, language } = useI18n();
  const place = $api.useMutation("post", "/customers/{customer_id}/change-orders");
  const currency = agreement.currency ?? "NOK";
  // The agreement names its currency's notes and coins (portal.money's closed set), largest first.
  const series = agreement.denominations;
  const form = useApiForm(orderSchema, emptyOrder(series));
  const [key, setKey] = useState(() => crypto.randomUUID());
  const [mode, counts] = useWatch({ control: form.control, name: ["mode", "counts"] });
  const amounts = series.map((denomination) => lineAmount(counts?.[denomination.code], denomination.minor, mode));
  const sum = amounts.reduce<number>((total, amount) => total + (amount ?? 0), 0);
  const limit = agreement.credit_limit ?? 0;
  const remaining = limit - sum;

  async function submit(values: Values) {
    const lines = series
      .map((denomination) => ({ denomination: denomination.code, typed: (values.counts[denomination.code] ?? "").trim(), minor: denomination.minor }))
      .filter((line) => line.typed !== "")
      .map((line) => values.mode === "pieces"
        ? { denomination: line.denomination, pieces: Number(line.typed) }
        : { denomination: line.denomination, amount: minorUnits(line.typed) ?? -1 });
    const unreadable = lines.find((line) => ("pieces" in line ? !/^\d{1,8}$/.test(String(values.counts[line.denomination]).trim()) : line.amount < 0));
    if (unreadable) {
      form.setError(`counts.${unreadable.denomination}` as never, { type: "client", message: encode({ key: values.mode === "pieces" ? "fieldError.not_a_number" : "change.notAnAmount" }) });
      return;
    }
    if (lines.length === 0) {
      form.setError("lines" as never, { type: "client", message: encode({ key: "change.noLines" }) });
      return;
    }
    let placed: Order;
    try {
      placed = await place.mutateAsync({
        params: { path: { customer_id: customer.customer_id } },
        body: { delivery_date: values.delivery_date, lines, notes: values.notes || null },
        headers: { "Idempotency-Key": key },
      });
    } catch (refused) {
      const problem = linesOnTheForm(problemOf(refused), lines.map((line) => line.denomination), "counts");
      const over = overLimitOf(refused);
      if (over) {
        // The limit and the excess in the customer's money, not in øre
        const values = { excess: formatAmount(over.excess, currency, language), limit: formatAmount(over.limit, currency, language) };
        problem.fields.lines = { key: "change.overLimitRefused", values };
      }
      return form.refuse(problem);
    }
    setKey(crypto.randomUUID());
    form.reset(emptyOrder(series));
    onPlaced(placed);
  }

  const nameOf = (code: string) => {
    const found = series.find((denomination) => denomination.code === code);
    return found ? denominationName(found.code, found.minor, currency, t, language) : code;
  };
  const labelOf = (field: string) => field.startsWith("counts.") ? nameOf(field.slice("counts.".length)) : textOr(t, `field.${field}`, field);

  return (
    <section className="card" aria-labelledby="new-change-heading">
      <h2 id="new-change-heading">{t("change.new")}</h2>
      <Form form={form} id={FORM_ID} onSubmit={submit} label={t("change.new")} labelOf={labelOf}>
        <Controller control={form.control} name="delivery_date" render={({ field, fieldState }) => {
          const text = decode(fieldState.error?.message);
          return (
            <DateField id={inputIdOf(FORM_ID, "delivery_date")} label={t("field.delivery_date")} required
              value={field.value || null} onChange={(value) => field.onChange(value ?? "")} onBlur={field.onBlur}
              error={text ? word(text, t) : null}
              hint={t("change.deliveryHint", { days: (agreement.delivery_weekdays ?? []).map((day) => t(`weekday.${day}` as MessageKey)).join(", ") })} />
          );
        }} />
        <fieldset className="group" id={inputIdOf(FORM_ID, "lines")} tabIndex={-1}>
          <legend>{t("change.denominations")}</legend>
          <div className="choice-row" role="radiogroup" aria-labelledby={`${FORM_ID}-mode`}>
            <span id={`${FORM_ID}-mode`}>{t("change.enter")}</span>
            <label><input type="radio" value="pieces" {...form.register("mode")} /> {t("change.byPieces")}</label>
            <label><input type="radio" value="amount" {...form.register("mode")} /> {t("change.byAmount")}</label>
          </div>
          <div className="grid">
            {series.map((denomination, index) => {
              const amount = amounts[index];
              return (
                <TextField key={denomination.code} name={`counts.${denomination.code}`} autoComplete="off"
                  inputMode={mode === "pieces" ? "numeric" : "decimal"}
                  label={denominationName(denomination.code, denomination.minor, currency, t, language)}
                  hint={amount ? t("change.lineAmount", { amount: formatAmount(amount, currency, language) }) : undefined} />
              );
            })}
          </div>
        </fieldset>
        <p className="totals" aria-live="polite">
          <strong>{t("change.total", { amount: formatAmount(sum, currency, language) })}</strong>
          {" · "}
          {remaining >= 0
            ? t("change.remaining", { amount: formatAmount(remaining, currency, language) })
            : <span className="field-error">{t("change.overLimit", { amount: formatAmount(-remaining, currency, language), limit: formatAmount(limit, currency, language) })}</span>}
        </p>
        <TextField name="notes" label={t("field.notes")} hint={t("orders.notesHint")} multiline className="field wide" />
        <div className="actions">
          <button type="submit">{t("change.place")}</button>
        </div>
      </Form>
    </section>
  );
}

function DeleteOrder({ order }: { order: Order }) {
  const { t } = useI18n();
  const remove = $api.useMutation("delete", "/customers/{customer_id}/change-orders/{order_id}");
  const [refusal, setRefusal] = useState<unknown>(null);

  async function run() {
    const refused = await refusalOf(remove.mutateAsync({
      params: { path: { customer_id: order.customer_id, order_id: order.order_id }, query: { version: order.version } },
    }));
    setRefusal(refused);
    if (!refused) notify(t("toast.changeDeleted", { number: order.number }));
  }

  return (
    <>
      <ConfirmButton className="button secondary-outline small" label={t("change.delete")} ariaLabel={t("change.deleteOf", { number: order.number })}
        title={t("change.deleteTitle", { number: order.number })} confirmLabel={t("change.delete")} onConfirm={run}>
        <p>{t("change.deleteConfirm", { number: order.number, date: formatDate(order.delivery_date) })}</p>
      </ConfirmButton>
      {refusal ? <p className="error" role="alert">{t(problemOf(refusal).summary)}</p> : null}
    </>
  );
}

function ChangeOrderList({ customer }: { customer: Customer }) {
  const { t, language } = useI18n();
  const me = usePrincipal();
  const staff = me.kind === "staff";
  const orderer = hasRole(me, customer.customer_id, "orderer");
  const pages = usePages("get", "/customers/{customer_id}/change-orders", { params: { path: { customer_id: customer.customer_id } } }, byCursor);
  const orders = pages.data?.pages.flatMap((page) => page.items) ?? [];
  const columns: ListColumn<Order>[] = [
    {
      id: "number", header: t("orders.column.number"), rowHeader: true,
      cell: (order) => <Link to="/orders/$customerId/$orderId" params={{ customerId: order.customer_id, orderId: order.order_id }}>{order.number}</Link>,
    },
    { id: "delivery", header: t("change.column.delivery"), cell: (order) => formatDate(order.delivery_date) },
    { id: "total", header: t("change.column.total"), cell: (order) => formatAmount(order.total, order.currency, language) },
    { id: "by", header: t("orders.column.by"), cell: (order) => order.placed_by_name },
    {
      id: "status", header: t("orders.column.status"),
      cell: (order) => order.status === "deleted"
        ? t("change.status.deleted", { date: order.deleted_at ? formatDate(order.deleted_at) : "" })
        : (
          <>
            {t("change.status.placed")}
            {order.deletable ? (
              <div className="muted">{t("change.deletableUntil", { date: formatDate(order.deletable_through) })}</div>
            ) : null}
            {order.deletable && orderer ? <div><DeleteOrder order={order} /></div> : null}
          </>
        ),
    },
    ...(staff ? [] : [{ id: "notes", header: t("orders.column.notes"), cell: (order: Order) => order.notes ?? "" }]),
  ];

  return (
    <section className="card" aria-labelledby="change-orders-heading">
      <h2 id="change-orders-heading">{t("change.list")}</h2>
      {pages.data ? (
        <DataTable labelledBy="change-orders-heading" columns={columns} rows={orders} rowId={(order) => order.order_id}
          visibleColumns={columns.map((column) => column.id)} empty={t("orders.empty")} />
      ) : null}
      <LoadMore pages={pages} />
    </section>
  );
}

/** ORD-2: change (notes and coins) — what is agreed, the order form with its running total against the credit
 * limit, and the customer's change orders, each deletable until the last business day before delivery. */
export function ChangeOrdersPage() {
  const { t, language } = useI18n();
  const me = usePrincipal();
  const search = changeOrdersRoute.useSearch();
  const [placed, setPlaced] = useState<Order | null>(null);
  const { customerId, customer } = useOrderCustomer(search.customer);
  const agreement = $api.useQuery("get", "/customers/{customer_id}/cash-agreement", { params: { path: { customer_id: customerId } } }, { enabled: Boolean(customerId) });
  const orderer = hasRole(me, customerId, "orderer");
  const agreed = agreement.data && (agreement.data.version ?? 0) > 0;

  return (
    <>
      <OrdersHeader current="change" customerId={customerId} customer={customer} onCustomerChange={() => setPlaced(null)}>
        {placed ? (
          <p className="notice" role="status">
            {t("change.placed", { number: placed.number, date: formatDate(placed.delivery_date), amount: formatAmount(placed.total, placed.currency, language) })}
          </p>
        ) : null}
        {agreement.data ? (
          agreed ? (
            <p>{t("change.agreement", {
              days: (agreement.data.delivery_weekdays ?? []).map((day) => t(`weekday.${day}` as MessageKey)).join(", "),
              limit: formatAmount(agreement.data.credit_limit ?? 0, agreement.data.currency ?? "NOK", language),
            })}</p>
          ) : <p className="muted">{t("change.noAgreement")}</p>
        ) : null}
      </OrdersHeader>
      {customer && orderer && agreement.data && agreed ? (
        <ChangeOrderForm key={customer.customer_id} customer={customer} agreement={agreement.data} onPlaced={setPlaced} />
      ) : null}
      {customer ? <ChangeOrderList customer={customer} /> : null}
    </>
  );
}

