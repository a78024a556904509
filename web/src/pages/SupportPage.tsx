import { useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { z } from "zod";
import { problemOf } from "../api/problems";
import { $api, byCursor, usePages } from "../api/query";
import { supportRoute } from "../app/router";
import { Form, TextField } from "../forms/Form";
import { useApiForm } from "../forms/useApiForm";
import { useI18n } from "../i18n";
import { DataTable } from "../ui/DataTable";
import { LoadMore } from "../ui/LoadMore";
import { notify } from "../ui/Toasts";
import { CustomerChooser } from "./customerChoice";
import { MAX_SUBJECT, MAX_TEXT, ticketColumns, type Ticket } from "./ticketParts";

const FORM_ID = "new-ticket";
const ticketSchema = z.object({
  subject: z.string().trim().min(1).max(MAX_SUBJECT),
  description: z.string().trim().min(1).max(MAX_TEXT),
});
type TicketValues = z.input<typeof ticketSchema>;
const EMPTY: TicketValues = { subject: "", description: "" };

/** "Ny henvendelse": subject and description; once sent, the ticket's page opens. */
function NewTicketForm({ customerId }: { customerId: string }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const open = $api.useMutation("post", "/customers/{customer_id}/tickets");
  const form = useApiForm(ticketSchema, EMPTY);
  // One key per ticket being opened: sent again after a lost answer, it opens the ticket once.
  const [key, setKey] = useState(() => crypto.randomUUID());

  async function submit(values: TicketValues) {
    let opened: Ticket;
    try {
      opened = await open.mutateAsync({
        params: { path: { customer_id: customerId } },
        body: { subject: values.subject.trim(), description: values.description.trim() },
        headers: { "Idempotency-Key": key },
      });
    } catch (refused) {
      return form.refuse(refused);
    }
    setKey(crypto.randomUUID());
    form.reset(EMPTY);
    notify(t("toast.ticketOpened", { number: opened.number }));
    void navigate({ to: "/customers/$customerId/tickets/$ticketId", params: { customerId, ticketId: opened.ticket_id } });
  }

  const labels: Record<string, string> = { subject: t("tickets.field.subject"), description: t("tickets.field.description") };
  return (
    <Form form={form} id={FORM_ID} onSubmit={submit} label={t("tickets.new")} labelOf={(field) => labels[field] ?? field}>
      <TextField name="subject" label={labels.subject} required autoComplete="off" hint={t("tickets.subjectHint")} />
      <TextField name="description" label={labels.description} required multiline hint={t("tickets.descriptionHint")} />
      <div className="actions">
        <button type="submit">{t("tickets.send")}</button>
      </div>
    </Form>
  );
}

/** DOC-8, the customer's side: the tickets of a customer the login acts for (a choice when it acts for several),
 * newest activity first, and a new one. Every portal login that works for the customer sees them all. */
export function SupportPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const search = supportRoute.useSearch();
  const mine = $api.useQuery("get", "/me/customers");
  const customers = mine.data ?? [];
  const customer = customers.find((choice) => choice.customer_id === search.customer) ?? customers[0];
  const customerId = customer?.customer_id ?? "";
  const pages = usePages("get", "/customers/{customer_id}/tickets", { params: { path: { customer_id: customerId }, query: { limit: 50 } } },
    { ...byCursor, enabled: Boolean(customerId), retry: false });
  const rows = pages.data?.pages.flatMap((page) => page.items) ?? [];
  const columns = ticketColumns(t, { customer: false });

  return (
    <>
      <section className="card" aria-labelledby="support-heading">
        <h1 id="support-heading" tabIndex={-1}>{t("tickets.heading")}</h1>
        <p>{t("tickets.introPortal")}</p>
        <CustomerChooser id="support-customer" seen={customers.map((choice) => choice.customer_id)} customerId={customerId}
          onChoose={(chosen) => void navigate({ to: "/support", search: { customer: chosen } })} />
        {mine.error ? <p className="error" role="alert">{t(problemOf(mine.error).summary)}</p> : null}
        {mine.data && !customer ? <p>{t("tickets.noCustomer")}</p> : null}
      </section>
      {customer ? (
        <>
          <section className="card" aria-labelledby="support-list-heading">
            <h2 id="support-list-heading">{t("tickets.listOfCustomer", { customer: customer.name })}</h2>
            {pages.error ? <p className="error" role="alert">{t(problemOf(pages.error).summary)}</p> : null}
            {!pages.data && !pages.error ? <p role="status">{t("loading")}</p> : null}
            {pages.data ? (
              <DataTable labelledBy="support-list-heading" columns={columns} rows={rows} rowId={(row) => row.ticket_id}
                visibleColumns={columns.map((column) => column.id)} empty={t("tickets.emptyPortal")} />
            ) : null}
            <LoadMore pages={pages} />
          </section>
          <section className="card" aria-labelledby="new-ticket-heading">
            <h2 id="new-ticket-heading">{t("tickets.new")}</h2>
            <p className="muted">{t("tickets.newIntro", { customer: customer.name })}</p>
            {/* A new form for another customer: nothing typed for one is sent to the other. */}
            <NewTicketForm key={customerId} customerId={customerId} />
          </section>
        </>
      ) : null}
    </>
  );
}
