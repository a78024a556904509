import { useNavigate } from "@tanstack/react-router";
import { problemOf } from "../api/problems";
import { byCursor, usePages } from "../api/query";
import { ticketsRoute } from "../app/router";
import { useI18n } from "../i18n";
import { DataTable } from "../ui/DataTable";
import { LoadMore } from "../ui/LoadMore";
import { TICKET_STATUSES, ticketColumns, ticketStatusKey } from "./ticketParts";

/** How many tickets a page of the overview reads. */
const PAGE = 50;

/** DOC-8, staff: every customer's support tickets of one status (open first: they wait for us), newest activity
 * first, a page at a time; the status chosen is in the address, so a bookmark reopens the same list. */
export function TicketsPage() {
  const { t } = useI18n();
  const { status } = ticketsRoute.useSearch();
  const navigate = useNavigate({ from: "/tickets" });
  const pages = usePages("get", "/tickets", { params: { query: { status, limit: PAGE } } }, { ...byCursor, retry: false });
  const rows = pages.data?.pages.flatMap((page) => page.items) ?? [];
  const columns = ticketColumns(t, { customer: true });

  return (
    <section className="card" aria-labelledby="tickets-heading">
      <h1 id="tickets-heading" tabIndex={-1}>{t("tickets.heading")}</h1>
      <p className="muted">{t("tickets.introStaff")}</p>
      <div className="choice-row" role="radiogroup" aria-labelledby="tickets-shown">
        <span id="tickets-shown">{t("tickets.byStatus")}</span>
        {TICKET_STATUSES.map((shown) => (
          <label key={shown}>
            <input type="radio" name="tickets-shown" checked={shown === status}
              onChange={() => void navigate({ search: { status: shown }, resetScroll: false })} />
            {t(ticketStatusKey(shown))}
          </label>
        ))}
      </div>
      <h2 id="tickets-list-heading" className="visually-hidden">{t("tickets.listOf", { status: t(ticketStatusKey(status)) })}</h2>
      {pages.error ? <p className="error" role="alert">{t(problemOf(pages.error).summary)}</p> : null}
      {!pages.data && !pages.error ? <p role="status">{t("loading")}</p> : null}
      {pages.data ? (
        <DataTable labelledBy="tickets-list-heading" columns={columns} rows={rows} rowId={(row) => row.ticket_id}
          visibleColumns={columns.map((column) => column.id)} empty={t("tickets.noneWithStatus", { status: t(ticketStatusKey(status)) })} />
      ) : null}
      <LoadMore pages={pages} />
    </section>
  );
}
