import { Link, useNavigate } from "@tanstack/react-router";
import type { components } from "../api/client";
import { problemOf } from "../api/problems";
import { byCursor, usePages } from "../api/query";
import { tradingPartnersRoute } from "../app/router";
import { formatDateTime, formatOrganisationNumber } from "../format";
import { useI18n } from "../i18n";
import type { MessageKey } from "../i18n/messages";
import { DataTable, type ListColumn } from "../ui/DataTable";
import { LoadMore } from "../ui/LoadMore";
import { DocumentsHeader, useDocumentCustomer } from "./DocumentsHeader";

type Partner = components["schemas"]["TradingPartner"];
type PartnerStatus = components["schemas"]["PartnerStatus"];

const PARTNER_STATUSES = ["connected", "peppol", "off_network"] as const satisfies readonly PartnerStatus[];

/** The country of an organisation number, from the scheme of the electronic address it came with (ISO 6523). */
function countryOf(partnerKey: string): string | null {
  if (partnerKey.startsWith("0192:")) return "NO";
  if (partnerKey.startsWith("0007:")) return "SE";
  return null;
}

/** DOC-2 (seed 001): the companies the customer is connected to, their status, and how many documents went each way;
 * a partner's name opens the overview of the documents exchanged with it. DOC-5: or only the partners the customer's
 * documents were stopped with, most often first (all at once), so a sender sees which of its customers get documents
 * stopped and how often. */
export function TradingPartnersPage() {
  const { t, intl } = useI18n();
  const search = tradingPartnersRoute.useSearch();
  const navigate = useNavigate({ from: "/documents/partners" });
  const { customerId, customer } = useDocumentCustomer(search.customer);
  const query = search.stopped ? { stopped: true } : {};
  const pages = usePages("get", "/customers/{customer_id}/trading-partners", { params: { path: { customer_id: customerId }, query } },
    { ...byCursor, enabled: Boolean(customerId) });
  const rows = pages.data?.pages.flatMap((page) => page.items) ?? [];
  const count = (value: number | undefined) => intl.formatNumber(value ?? 0);

  const columns: ListColumn<Partner>[] = [
    {
      id: "name", header: t("field.name"), rowHeader: true,
      cell: (row) => (
        <Link to="/documents" search={{ customer: customerId, partner: row.partner_key }}
          aria-label={t("documents.partnerDocuments", { partner: row.name })}>{row.name}</Link>
      ),
    },
    {
      id: "numbers", header: t("field.organisation_number"),
      cell: (row) => (
        <>
          {row.organisation_number ? <div>{formatOrganisationNumber(row.organisation_number, countryOf(row.partner_key))}</div> : null}
          {row.vat_number ? <div className="muted">{t("field.vat_number")}: {row.vat_number}</div> : null}
          {!row.organisation_number && !row.vat_number ? <div className="muted">{row.email ?? row.partner_key}</div> : null}
        </>
      ),
    },
    { id: "status", header: t("documents.partner.status"), cell: (row) => t(`documents.partnerStatus.${row.status ?? "off_network"}` as MessageKey) },
    { id: "sent", header: t("documents.partner.sent"), cell: (row) => <span className="count">{count(row.sent)}</span> },
    { id: "delivered", header: t("documents.partner.delivered"), cell: (row) => <span className="count">{count(row.delivered)}</span> },
    { id: "received", header: t("documents.partner.received"), cell: (row) => <span className="count">{count(row.received)}</span> },
    {
      id: "stopped", header: t("documents.partner.stopped"),
      cell: (row) => (row.stopped ? <span className="badge">{count(row.stopped)}</span> : <span className="count">{count(row.stopped)}</span>),
    },
    { id: "last", header: t("documents.partner.last"), cell: (row) => (row.last_document_at ? <span className="nowrap">{formatDateTime(row.last_document_at)}</span> : "") },
  ];

  return (
    <>
      <DocumentsHeader current="partners" customerId={customerId} customer={customer} />
      {customer ? (
        <section className="card" aria-labelledby="partners-heading">
          <h2 id="partners-heading">{t("documents.partners")}</h2>
          <p className="muted">{t("documents.partnersIntro")}</p>
          <div className="choice-row" role="radiogroup" aria-labelledby="partners-shown">
            <span id="partners-shown">{t("documents.partnersShown")}</span>
            <label>
              <input type="radio" name="partners-shown" checked={!search.stopped}
                onChange={() => void navigate({ search: (previous) => ({ ...previous, stopped: false }), resetScroll: false })} />
              {t("documents.partnersAll")}
            </label>
            <label>
              <input type="radio" name="partners-shown" checked={search.stopped}
                onChange={() => void navigate({ search: (previous) => ({ ...previous, stopped: true }), resetScroll: false })} />
              {t("documents.partnersStopped")}
            </label>
          </div>
          {search.stopped ? <p className="muted">{t("documents.partnersStoppedHint")}</p> : null}
          {pages.error ? <p className="error" role="alert">{t(problemOf(pages.error).summary)}</p> : null}
          {pages.data ? (
            <DataTable labelledBy="partners-heading" columns={columns} rows={rows} rowId={(row) => row.partner_key}
              visibleColumns={columns.map((column) => column.id)} empty={t(search.stopped ? "documents.partnersNoneStopped" : "documents.partnersEmpty")} />
          ) : null}
          <LoadMore pages={pages} />
          <h3>{t("documents.partnerStatuses")}</h3>
          <dl className="legend">
            {PARTNER_STATUSES.map((status) => (
              <div key={status}>
                <dt>{t(`documents.partnerStatus.${status}` as MessageKey)}</dt>
                <dd>{t(`documents.partnerStatus.${status}.about` as MessageKey)}</dd>
              </div>
            ))}
          </dl>
        </section>
      ) : null}
    </>
  );
}
