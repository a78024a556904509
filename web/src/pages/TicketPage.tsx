import { Link } from "@tanstack/react-router";
import { useState } from "react";
import { z } from "zod";
import { problemOf } from "../api/problems";
import { $api, isConflict, refusalOf } from "../api/query";
import { ticketRoute } from "../app/router";
import { usePrincipal } from "../app/session";
import { Form, SelectField, TextField } from "../forms/Form";
import { useApiForm } from "../forms/useApiForm";
import { formatDateTime } from "../format";
import { useI18n } from "../i18n";
import { notify } from "../ui/Toasts";
import { FilesCard } from "./FilesCard";
import { MAX_TEXT, TICKET_STATUSES, TicketStatusBadge, ticketStatusKey, type Ticket, type TicketStatus } from "./ticketParts";

type Message = { id: string; at: string; by: string; fromStaff: boolean; text: string; first: boolean };

/** The description, then every reply in the order written: the vendor's set apart by a label in words (and drawn
 * indented with a coloured edge), so who said what is clear without seeing colours. */
function Conversation({ ticket }: { ticket: Ticket }) {
  const { t } = useI18n();
  const messages: Message[] = [
    { id: "description", at: ticket.created_at, by: ticket.created_by_name, fromStaff: false, text: ticket.description, first: true },
    ...(ticket.replies ?? []).map((reply) => ({
      id: reply.message_id, at: reply.at, by: reply.by_name, fromStaff: reply.from_staff, text: reply.text, first: false,
    })),
  ];
  return (
    <section className="card" aria-labelledby="ticket-conversation-heading">
      <h2 id="ticket-conversation-heading">{t("tickets.conversation")}</h2>
      <ol className="conversation">
        {messages.map((message) => {
          const headingId = `ticket-message-${message.id}`;
          return (
            <li key={message.id} className={message.fromStaff ? "from-staff" : "from-customer"}>
              <article aria-labelledby={headingId}>
                <h3 id={headingId}>
                  <span className="message-by">{message.by}</span>{" "}
                  <span className="message-side">{t(message.fromStaff ? "tickets.fromStaff" : message.first ? "tickets.description" : "tickets.fromCustomer")}</span>
                </h3>
                <p className="muted"><time dateTime={message.at}>{formatDateTime(message.at)}</time></p>
                <p className="prewrap long-text">{message.text}</p>
              </article>
            </li>
          );
        })}
      </ol>
      {(ticket.replies ?? []).length === 0 ? <p className="muted">{t("tickets.noReplies")}</p> : null}
    </section>
  );
}

const REPLY_FORM = "ticket-reply";
const replySchema = z.object({
  text: z.string().trim().min(1).max(MAX_TEXT),
  status: z.enum(TICKET_STATUSES),
});
type ReplyValues = z.input<typeof replySchema>;
const EMPTY_REPLY: ReplyValues = { text: "", status: "waiting_for_customer" };

/** A reply, against the version read: staff also choose the status it leaves the ticket in (with the customer,
 * unless said otherwise); the customer's reply puts it back with the vendor. Refused when someone wrote meanwhile. */
function ReplyForm({ ticket, staff, onReload }: { ticket: Ticket; staff: boolean; onReload: () => void }) {
  const { t } = useI18n();
  const reply = $api.useMutation("post", "/customers/{customer_id}/tickets/{ticket_id}/replies");
  const form = useApiForm(replySchema, EMPTY_REPLY);
  const [refusal, setRefusal] = useState<unknown>(null);

  async function submit(values: ReplyValues) {
    const refused = await refusalOf(reply.mutateAsync({
      params: { path: { customer_id: ticket.customer_id, ticket_id: ticket.ticket_id } },
      body: { text: values.text.trim(), version: ticket.version, ...(staff ? { status: values.status } : {}) },
    }));
    setRefusal(refused);
    if (refused) {
      // Closed meanwhile: read again, and the page says so where the form was.
      if (problemOf(refused).code === "ticket_closed") onReload();
      return form.refuse(refused);
    }
    form.reset(EMPTY_REPLY);
    notify(t("toast.ticketReplied", { number: ticket.number }));
  }

  const labels: Record<string, string> = { text: t("tickets.field.text"), status: t("tickets.field.statusAfter") };
  return (
    <Form form={form} id={REPLY_FORM} onSubmit={submit} label={t("tickets.reply")} labelOf={(field) => labels[field] ?? field}>
      {isConflict(refusal) ? (
        <p className="notice">
          {t("tickets.changedMeanwhile")}{" "}
          <button type="button" className="secondary-outline small" onClick={() => { setRefusal(null); form.clearProblem(); onReload(); }}>
            {t("conflict.reload")}
          </button>
        </p>
      ) : null}
      <TextField name="text" label={labels.text} required multiline hint={t(staff ? "tickets.replyHintStaff" : "tickets.replyHintCustomer")} />
      {staff ? (
        <SelectField name="status" label={labels.status} hint={t("tickets.statusAfterHint")}
          options={TICKET_STATUSES.map((status) => ({ value: status, label: t(ticketStatusKey(status)) }))} />
      ) : null}
      <div className="actions">
        <button type="submit">{t("tickets.sendReply")}</button>
      </div>
    </Form>
  );
}

const STATUS_FORM = "ticket-status";
const statusSchema = z.object({ status: z.enum(TICKET_STATUSES) });

/** Staff who may change the customer move the ticket on without a reply (the customer hears of it by e-mail). */
function StatusForm({ ticket, onReload }: { ticket: Ticket; onReload: () => void }) {
  const { t } = useI18n();
  const change = $api.useMutation("put", "/customers/{customer_id}/tickets/{ticket_id}/status");
  const form = useApiForm(statusSchema, { status: ticket.status });
  const [refusal, setRefusal] = useState<unknown>(null);

  async function submit(values: { status: TicketStatus }) {
    if (values.status === ticket.status) return;
    const refused = await refusalOf(change.mutateAsync({
      params: { path: { customer_id: ticket.customer_id, ticket_id: ticket.ticket_id } },
      body: { status: values.status, version: ticket.version },
    }));
    setRefusal(refused);
    if (refused) return form.refuse(refused);
    notify(t("toast.ticketStatus", { number: ticket.number, status: t(ticketStatusKey(values.status)) }));
  }

  return (
    <Form form={form} id={STATUS_FORM} onSubmit={submit} label={t("tickets.changeStatus")} labelOf={() => t("tickets.column.status")}>
      {isConflict(refusal) ? (
        <p className="notice">
          {t("tickets.changedMeanwhile")}{" "}
          <button type="button" className="secondary-outline small" onClick={() => { setRefusal(null); form.clearProblem(); onReload(); }}>
            {t("conflict.reload")}
          </button>
        </p>
      ) : null}
      <div className="filters">
        <SelectField name="status" label={t("tickets.column.status")}
          options={TICKET_STATUSES.map((status) => ({ value: status, label: t(ticketStatusKey(status)) }))} />
        <div className="actions compact">
          <button type="submit">{t("tickets.changeStatus")}</button>
        </div>
      </div>
    </Form>
  );
}

/** DOC-8: one support ticket, for the customer's users and for staff — the address the e-mails of both sides link
 * to (`/customers/<customer>/tickets/<ticket>`). Its subject, status and description, the conversation, a reply, and
 * for staff who may change the customer the status. */
export function TicketPage() {
  const { t } = useI18n();
  const me = usePrincipal();
  const { customerId, ticketId } = ticketRoute.useParams();
  const found = $api.useQuery("get", "/customers/{customer_id}/tickets/{ticket_id}",
    { params: { path: { customer_id: customerId, ticket_id: ticketId } } }, { retry: false });
  const ticket = found.data;
  const staff = me.kind === "staff";
  const back = staff
    ? <Link to="/customers/$customerId" params={{ customerId }}>{t("tickets.backToCustomer")}</Link>
    : <Link to="/support" search={{ customer: customerId }}>{t("tickets.back")}</Link>;
  const reload = () => void found.refetch();

  if (!ticket) {
    return (
      <section className="card">
        {back}
        <h1 tabIndex={-1}>{t("tickets.ticket")}</h1>
        {found.error ? (
          <p className="error" role="alert">
            {problemOf(found.error).code === "not_found" ? t("tickets.notFound") : t(problemOf(found.error).summary)}
          </p>
        ) : <p role="status">{t("loading")}</p>}
      </section>
    );
  }

  const closed = ticket.status === "closed";
  const replies = ticket.replies ?? [];
  const last = replies.at(-1);
  return (
    <>
      <section className="card" aria-labelledby="ticket-heading">
        {back}
        <h1 id="ticket-heading" tabIndex={-1} className="long-text">{t("tickets.headingOf", { number: ticket.number, subject: ticket.subject })}</h1>
        <p className="document-status">
          <span>{t("tickets.column.status")}:</span> <TicketStatusBadge status={ticket.status} />
        </p>
        <dl className="facts">
          <div>
            <dt>{t("tickets.column.customer")}</dt>
            <dd>{staff ? <Link to="/customers/$customerId" params={{ customerId }}>{ticket.customer_name}</Link> : ticket.customer_name}</dd>
          </div>
          <div><dt>{t("tickets.openedBy")}</dt><dd>{t("cases.filedBy", { at: formatDateTime(ticket.created_at), name: ticket.created_by_name })}</dd></div>
          <div>
            <dt>{t("tickets.column.updated")}</dt>
            <dd>{formatDateTime(ticket.updated_at)}{last ? <span className="muted"> {t(last.from_staff ? "tickets.lastFromStaff" : "tickets.lastFromCustomer")}</span> : null}</dd>
          </div>
        </dl>
      </section>
      <Conversation ticket={ticket} />
      <FilesCard target={{ customerId, ticketId: ticket.ticket_id }} heading={t("tickets.attachments")} />
      <section className="card" aria-labelledby="ticket-reply-heading">
        <h2 id="ticket-reply-heading">{t("tickets.reply")}</h2>
        {!staff && closed ? (
          <div className="notice" role="status">
            <p>{t("tickets.closedForCustomer")}</p>
            <p><Link to="/support" search={{ customer: customerId }}>{t("tickets.openAnother")}</Link></p>
          </div>
        ) : staff && !ticket.may_change_status ? (
          <p className="muted">{t("tickets.readOnlyStaff")}</p>
        ) : (
          <ReplyForm ticket={ticket} staff={staff} onReload={reload} />
        )}
      </section>
      {staff && ticket.may_change_status ? (
        <section className="card" aria-labelledby="ticket-status-heading">
          <h2 id="ticket-status-heading">{t("tickets.changeStatus")}</h2>
          <p className="muted">{t("tickets.changeStatusIntro")}</p>
          {/* A new key once read again: the choice starts from the status read. */}
          <StatusForm key={ticket.version} ticket={ticket} onReload={reload} />
        </section>
      ) : null}
    </>
  );
}
