import { Link } from "@tanstack/react-router";
import { useState } from "react";
import { z } from "zod";
import type { components } from "../api/client";
import { problemOf } from "../api/problems";
import { $api, byCursor, refusalOf, usePages } from "../api/query";
import { ordersRoute } from "../app/router";
import { hasRole } from "../app/sections";
import { usePrincipal } from "../app/session";
import { Form, TextField } from "../forms/Form";
import { encode } from "../forms/messages";
import { useApiForm } from "../forms/useApiForm";
import { formatDate } from "../format";
import { useI18n } from "../i18n";
import { textOr } from "../i18n/messages";
import { DataTable, type ListColumn } from "../ui/DataTable";
import { GetInTouch } from "../ui/GetInTouch";
import { LoadMore } from "../ui/LoadMore";
import { notify } from "../ui/Toasts";
import { linesOnTheForm } from "./orderLines";
import { OrdersHeader, useOrderCustomer } from "./OrdersHeader";

type Order = components["schemas"]["SuppliesOrderView"];
type Product = components["schemas"]["Product"];
type Customer = components["schemas"]["CustomerView"];

const FORM_ID = "supplies-order";
const MAX_QUANTITY = 10_000; // MAX_QUANTITY in portal.catalogue.models

const orderSchema = z.object({
  quantities: z.record(z.string(), z.union([z.literal(""), z.coerce.number<string | number>().int().min(0).max(MAX_QUANTITY)])),
  notes: z.string().trim().max(1000),
  delivery_address: z.object({
    recipient: z.string().trim().min(1).max(200),
    address: z.string().trim().min(1).max(200),
    postal_code: z.string().trim().min(1).max(20),
    city: z.string().trim().min(1).max(200),
  }),
});
type Values = z.input<typeof orderSchema>;

/** The customer's saved address fills in the delivery address; the orderer checks it every time (seed 000). */
function emptyOrder(customer: Customer, offered: Product[] = []): Values {
  return {
    quantities: Object.fromEntries(offered.map((product) => [product.product_id, ""])),
    notes: "",
    delivery_address: {
      recipient: customer.name,
      address: customer.address ?? "",
      postal_code: customer.postal_code ?? "",
      city: customer.city ?? "",
    },
  };
}

function SuppliesOrderForm({ customer, onPlaced }: { customer: Customer; onPlaced: (order: Order) => void }) {
  const { t } = useI18n();
  const products = $api.useQuery("get", "/products");
  const place = $api.useMutation("post", "/customers/{customer_id}/supplies-orders");
  const form = useApiForm(orderSchema, emptyOrder(customer));
  // One key per order being placed: pressed again after a lost answer, it places the order once.
  const [key, setKey] = useState(() => crypto.randomUUID());
  const offered: Product[] = products.data?.items ?? [];

  async function submit(values: Values) {
    const lines = offered
      .map((product) => ({ product_id: product.product_id, quantity: Number(values.quantities[product.product_id] || 0) }))
      .filter((line) => line.quantity > 0);
    if (lines.length === 0) {
      form.setError("lines" as never, { type: "client", message: encode({ key: "orders.noLines" }) });
      return;
    }
    const address = values.delivery_address;
    let placed: Order;
    try {
      placed = await place.mutateAsync({
        params: { path: { customer_id: customer.customer_id } },
        body: { lines, notes: values.notes || null, delivery_address: { ...address, country: customer.country } },
        headers: { "Idempotency-Key": key },
      });
    } catch (refused) {
      return form.refuse(linesOnTheForm(problemOf(refused), lines.map((line) => line.product_id), "quantities"));
    }
    setKey(crypto.randomUUID());
    form.reset(emptyOrder(customer, offered));
    onPlaced(placed);
  }

  const nameOf = (id: string) => offered.find((product) => product.product_id === id)?.name ?? id;
  const labelOf = (field: string) => field.startsWith("quantities.")
    ? nameOf(field.slice("quantities.".length))
    : textOr(t, `field.${field.replace(/^delivery_address\./, "")}`, field);

  return (
    <section className="card" aria-labelledby="new-order-heading">
      <h2 id="new-order-heading">{t("orders.new")}</h2>
      <Form form={form} id={FORM_ID} onSubmit={submit} label={t("orders.new")} labelOf={labelOf}>
        <fieldset className="group" id={`${FORM_ID}-lines`} tabIndex={-1}>
          <legend>{t("orders.products")}</legend>
          {offered.length === 0 && products.data ? <p className="muted">{t("orders.noProducts")}</p> : null}
          <div className="grid">
            {offered.map((product) => (
              <TextField key={product.product_id} name={`quantities.${product.product_id}`} inputMode="numeric" autoComplete="off"
                label={product.unit ? `${product.name} (${product.unit})` : product.name}
                hint={`${product.article_number} · ${t("orders.most", { max: product.max_quantity ?? 100 })}`} />
            ))}
          </div>
        </fieldset>
        <TextField name="notes" label={t("field.notes")} hint={t("orders.notesHint")} multiline className="field wide" />
        <fieldset className="group">
          <legend>{t("orders.address")}</legend>
          <p className="hint">{t("orders.addressHint")}</p>
          <div className="grid">
            <TextField name="delivery_address.recipient" label={t("field.recipient")} required autoComplete="organization" />
            <TextField name="delivery_address.address" label={t("field.address")} required autoComplete="street-address" />
            <TextField name="delivery_address.postal_code" label={t("field.postal_code")} required inputMode="numeric" autoComplete="postal-code" />
            <TextField name="delivery_address.city" label={t("field.city")} required autoComplete="address-level2" />
          </div>
        </fieldset>
        <p className="muted">{t("orders.checkBeforePlacing")}</p>
        <div className="actions">
          <button type="submit" disabled={offered.length === 0}>{t("orders.place")}</button>
        </div>
      </Form>
    </section>
  );
}

function MarkDelivered({ order }: { order: Order }) {
  const { t } = useI18n();
  const deliver = $api.useMutation("post", "/customers/{customer_id}/supplies-orders/{order_id}/delivery");
  const [refusal, setRefusal] = useState<unknown>(null);

  async function run() {
    const refused = await refusalOf(deliver.mutateAsync({
      params: { path: { customer_id: order.customer_id, order_id: order.order_id } }, body: { version: order.version },
    }));
    setRefusal(refused);
    if (!refused) notify(t("toast.orderDelivered", { number: order.number }));
  }

  return (
    <>
      <button type="button" className="secondary-outline small" aria-label={t("orders.markDeliveredOf", { number: order.number })} onClick={() => void run()}>
        {t("orders.markDelivered")}
      </button>
      {refusal ? <p className="error" role="alert">{t(problemOf(refusal).summary)}</p> : null}
    </>
  );
}

function OrderList({ customer }: { customer: Customer }) {
  const { t } = useI18n();
  const me = usePrincipal();
  const staff = me.kind === "staff";
  const pages = usePages("get", "/customers/{customer_id}/supplies-orders", { params: { path: { customer_id: customer.customer_id } } }, byCursor);
  const orders = pages.data?.pages.flatMap((page) => page.items) ?? [];
  const late = orders.filter((order) => order.get_in_touch);
  const handles = staff && (customer.actions ?? []).includes("edit");
  const columns: ListColumn<Order>[] = [
    {
      id: "number", header: t("orders.column.number"), rowHeader: true,
      cell: (order) => <Link to="/orders/$customerId/$orderId" params={{ customerId: order.customer_id, orderId: order.order_id }}>{order.number}</Link>,
    },
    { id: "placed", header: t("orders.column.placed"), cell: (order) => formatDate(order.placed_at) },
    {
      id: "products", header: t("orders.column.products"),
      cell: (order) => order.lines.map((line) => `${line.quantity} × ${line.name}`).join(", "),
    },
    { id: "by", header: t("orders.column.by"), cell: (order) => order.placed_by_name },
    {
      id: "address", header: t("orders.column.address"),
      cell: (order) => `${order.delivery_address.recipient}, ${order.delivery_address.city}`,
    },
    {
      id: "status", header: t("orders.column.status"),
      cell: (order) => order.status === "delivered" && order.delivered_at
        ? t("orders.status.delivered", { date: formatDate(order.delivered_at) })
        : (
          <>
            {t("orders.status.placed", { date: formatDate(order.expected_by) })}
            {order.get_in_touch ? <> <span className="badge">{t("orders.late")}</span></> : null}
            {handles ? <div><MarkDelivered order={order} /></div> : null}
          </>
        ),
    },
    ...(staff ? [] : [{ id: "notes", header: t("orders.column.notes"), cell: (order: Order) => order.notes ?? "" }]),
  ];

  return (
    <section className="card" aria-labelledby="orders-heading">
      <h2 id="orders-heading">{t("orders.list")}</h2>
      {staff ? <p className="muted">{t("orders.staffNotes")}</p> : null}
      {staff ? null : late.map((order) => (
        <GetInTouch key={order.order_id} topic="late_order" values={{
          number: order.number, date: formatDate(order.expected_by), customer: `${customer.name} (${customer.number})`,
          placed: formatDate(order.placed_at),
        }} />
      ))}
      {pages.data ? (
        <DataTable labelledBy="orders-heading" columns={columns} rows={orders} rowId={(order) => order.order_id}
          visibleColumns={columns.map((column) => column.id)} empty={t("orders.empty")} />
      ) : null}
      <LoadMore pages={pages} />
    </section>
  );
}

/** ORD-1: a customer's supplies — the order form for its orderers (confirmation at the top), its orders below,
 * and for the vendor's staff the delivery. */
export function OrdersPage() {
  const { t } = useI18n();
  const me = usePrincipal();
  const search = ordersRoute.useSearch();
  const [placed, setPlaced] = useState<Order | null>(null);
  const { customerId, customer } = useOrderCustomer(search.customer);
  const orderer = hasRole(me, customerId, "orderer");

  return (
    <>
      <OrdersHeader current="supplies" customerId={customerId} customer={customer} onCustomerChange={() => setPlaced(null)}>
        {placed ? (
          <p className="notice" role="status">{t("orders.placed", { number: placed.number, date: formatDate(placed.expected_by) })}</p>
        ) : null}
      </OrdersHeader>
      {customer && orderer ? <SuppliesOrderForm key={customer.customer_id} customer={customer} onPlaced={setPlaced} /> : null}
      {customer ? <OrderList customer={customer} /> : null}
    </>
  );
}
