// What the support ticket pages (DOC-8) share: the statuses and their words, the status badge, and the columns a list
// of tickets shows (on the customer's page, the staff overview and the customer's own list).
import { Link } from "@tanstack/react-router";
import type { components } from "../api/client";
import { formatDateTime } from "../format";
import type { Translate } from "../i18n";
import { useI18n } from "../i18n";
import type { MessageKey } from "../i18n/messages";
import type { SortableColumn } from "../ui/ShortList";

export type Ticket = components["schemas"]["Ticket"];
export type TicketSummary = components["schemas"]["TicketSummary"];
export type TicketStatus = components["schemas"]["TicketStatus"];

export const TICKET_STATUSES = ["open", "in_progress", "waiting_for_customer", "closed"] as const satisfies readonly TicketStatus[];
export const ticketStatusKey = (status: TicketStatus) => `tickets.status.${status}` as MessageKey;

/** TicketInput: the subject is a name's length, the description and each reply up to 5000 characters. */
export const MAX_SUBJECT = 200;
export const MAX_TEXT = 5000;

/** The status in words, in a badge whose colour only repeats what the words say. */
export function TicketStatusBadge({ status }: { status: TicketStatus }) {
  const { t } = useI18n();
  return <span className={`status-badge ticket-${status.replace(/_/g, "-")}`}>{t(ticketStatusKey(status))}</span>;
}

/** Who spoke last, as a list says it: the vendor's answer waits for the customer, the customer's word for the vendor. */
export function lastWordKey(ticket: TicketSummary): MessageKey {
  if (!ticket.messages) return "tickets.lastWord.none";
  return ticket.last_from_staff ? "tickets.lastWord.staff" : "tickets.lastWord.customer";
}

/** The columns of a list of tickets; `customer` adds the customer's column (the staff overview across customers). */
export function ticketColumns(t: Translate, { customer }: { customer: boolean }): SortableColumn<TicketSummary>[] {
  const columns: SortableColumn<TicketSummary>[] = [
    {
      id: "number", header: t("tickets.column.number"), rowHeader: true, sortValue: (row) => row.number,
      cell: (row) => (
        <Link to="/customers/$customerId/tickets/$ticketId" params={{ customerId: row.customer_id, ticketId: row.ticket_id }}
          aria-label={t("tickets.open", { number: row.number, subject: row.subject })}>{row.number}</Link>
      ),
    },
    { id: "subject", header: t("tickets.column.subject"), cell: (row) => <span className="long-text">{row.subject}</span>, sortValue: (row) => row.subject },
  ];
  if (customer) {
    columns.push({
      id: "customer", header: t("tickets.column.customer"), sortValue: (row) => row.customer_name,
      cell: (row) => <Link to="/customers/$customerId" params={{ customerId: row.customer_id }} className="long-text">{row.customer_name}</Link>,
    });
  }
  columns.push(
    { id: "status", header: t("tickets.column.status"), cell: (row) => <TicketStatusBadge status={row.status} />, sortValue: (row) => TICKET_STATUSES.indexOf(row.status) },
    {
      id: "updated", header: t("tickets.column.updated"), sortValue: (row) => row.updated_at,
      cell: (row) => (
        <>
          <span className="nowrap">{formatDateTime(row.updated_at)}</span>
          <div className="muted">{t(lastWordKey(row), { count: row.messages ?? 0 })}</div>
        </>
      ),
    },
    {
      id: "by", header: t("tickets.column.by"), sortValue: (row) => row.created_by_name,
      cell: (row) => (
        <>
          {row.created_by_name}
          <div className="muted nowrap">{formatDateTime(row.created_at)}</div>
        </>
      ),
    },
  );
  return columns;
}
