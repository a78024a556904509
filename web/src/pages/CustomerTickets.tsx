// DOC-8 on the customer's page: the support tickets its users opened, the ten latest with "Show all", each opening its
// ticket page (where staff answer it and move its status on).
import { Link } from "@tanstack/react-router";
import { useState } from "react";
import { byCursor, usePages } from "../api/query";
import { mayOpen } from "../app/sections";
import { usePrincipal } from "../app/session";
import { useI18n } from "../i18n";
import { ALL_PAGE, SHORT_LIST, ShortList } from "../ui/ShortList";
import { ticketColumns } from "./ticketParts";

export function CustomerTickets({ customerId }: { customerId: string }) {
  const { t } = useI18n();
  const me = usePrincipal();
  const [all, setAll] = useState(false);
  const path = { customer_id: customerId };
  const first = usePages("get", "/customers/{customer_id}/tickets", { params: { path, query: { limit: SHORT_LIST } } }, { ...byCursor, retry: false });
  const rest = usePages("get", "/customers/{customer_id}/tickets", { params: { path, query: { limit: ALL_PAGE } } },
    { ...byCursor, enabled: all, retry: false });

  return (
    <section className="card" aria-labelledby="customer-tickets-heading">
      <h2 id="customer-tickets-heading">{t("tickets.heading")}</h2>
      <p className="muted">{t("tickets.introCustomer")}</p>
      <ShortList labelledBy="customer-tickets-heading" columns={ticketColumns(t, { customer: false })} first={first} rest={rest} all={all}
        onShowAll={() => setAll(true)} rowId={(row) => row.ticket_id} empty={t("tickets.empty")} />
      {mayOpen(me, "tickets") ? <p className="after-list"><Link to="/tickets">{t("tickets.toOverview")}</Link></p> : null}
    </section>
  );
}
