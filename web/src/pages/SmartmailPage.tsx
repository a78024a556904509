import { Link } from "@tanstack/react-router";
import type { components } from "../api/client";
import { problemOf } from "../api/problems";
import { $api, byCursor, usePages } from "../api/query";
import { smartmailRoute } from "../app/router";
import { formatDate, formatDateTime, formatDecimalAmount } from "../format";
import { useI18n } from "../i18n";
import { DataTable, type ListColumn } from "../ui/DataTable";
import { LoadMore } from "../ui/LoadMore";
import { DocumentsHeader, typeKey, useDocumentCustomer } from "./DocumentsHeader";

type Row = components["schemas"]["DocumentRow"];
type Shown = "sent" | "opened" | "posted";

// A document search covers at most 92 days; Smartmail waits at most 60 before posting, so every unopened one is in it.
const DAYS_BACK = 90;
const DAY = 24 * 60 * 60 * 1000;

/** Today's date less `days`, as the API's yyyy-mm-dd, on this computer's calendar. */
function daysAgo(days: number): string {
  const day = new Date(Date.now() - days * DAY);
  return `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, "0")}-${String(day.getDate()).padStart(2, "0")}`;
}

/** Whole calendar days from today until `moment` (0 when it is today or past). */
export function daysUntil(moment: string, now: Date = new Date()): number {
  const then = new Date(moment);
  const start = (date: Date) => Date.UTC(date.getFullYear(), date.getMonth(), date.getDate());
  return Math.max(0, Math.round((start(then) - start(now)) / DAY));
}

/** One of the three lists: the customer's e-mailed documents in one Smartmail state, with what is left of the wait
 * for those not opened yet. */
function SmartmailList({ customerId, status, heading, intro, empty }: {
  customerId: string;
  status: Shown;
  heading: string;
  intro: string;
  empty: string;
}) {
  const { t, language } = useI18n();
  const headingId = `smartmail-${status}-heading`;
  const query = { channel: "email" as const, direction: "outgoing" as const, status, date_from: daysAgo(DAYS_BACK), limit: 50 };
  const pages = usePages("get", "/customers/{customer_id}/documents", { params: { path: { customer_id: customerId }, query } },
    { ...byCursor, enabled: Boolean(customerId), retry: false });
  const rows = pages.data?.pages.flatMap((page) => page.items) ?? [];

  const columns: ListColumn<Row>[] = [
    {
      id: "number", header: t("documents.column.number"), rowHeader: true,
      cell: (row) => (
        <Link to="/documents/$customerId/$documentId" params={{ customerId, documentId: row.document_id }}
          aria-label={t("documents.open", { type: t(typeKey(row.document_type)), number: row.number })} className="nowrap">{row.number}</Link>
      ),
    },
    { id: "partner", header: t("field.partner"), cell: (row) => row.partner_name },
    { id: "sent", header: t("smartmail.sentOn"), cell: (row) => <span className="nowrap">{formatDate(row.received_on)}</span> },
    {
      id: "amount", header: t("documents.column.amount"),
      cell: (row) => (row.payable ? <span className="amount">{formatDecimalAmount(row.payable, row.currency, language)}</span> : ""),
    },
    {
      id: "left", header: t("smartmail.daysLeft"),
      cell: (row) => {
        if (!row.post_after) return "";
        const days = daysUntil(row.post_after);
        return <span className="nowrap" title={t("smartmail.postedAt", { at: formatDateTime(row.post_after) })}>{t("smartmail.days", { days })}</span>;
      },
    },
  ];
  const visible = columns.map((column) => column.id).filter((id) => id !== "left" || status === "sent");

  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{heading}</h2>
      <p className="muted">{intro}</p>
      {pages.error ? <p className="error" role="alert">{t(problemOf(pages.error).summary)}</p> : null}
      {pages.data ? (
        <DataTable labelledBy={headingId} columns={columns} rows={rows} rowId={(row) => row.document_id} visibleColumns={visible} empty={empty} />
      ) : !pages.error ? <p role="status">{t("loading")}</p> : null}
      <LoadMore pages={pages} />
    </section>
  );
}

/** DOC-7 (seed 001): the documents sent by e-mail with Smartmail — those opened, those not opened yet (and how long
 * until they are printed and posted), and those that went by post because they were not opened in time. */
export function SmartmailPage() {
  const { t } = useI18n();
  const search = smartmailRoute.useSearch();
  const { customerId, customer } = useDocumentCustomer(search.customer);
  const settings = $api.useQuery("get", "/customers/{customer_id}/document-settings", { params: { path: { customer_id: customerId } } },
    { enabled: Boolean(customerId) });
  const days = settings.data?.smartmail_days;
  return (
    <>
      <DocumentsHeader current="smartmail" customerId={customerId} customer={customer}>
        <p>{days ? t("smartmail.intro", { days }) : t("smartmail.introNoDays")}</p>
        <p className="muted">{t("smartmail.period", { days: DAYS_BACK })}</p>
      </DocumentsHeader>
      {customer ? (
        <>
          <SmartmailList customerId={customerId} status="sent" heading={t("smartmail.unopened")} intro={t("smartmail.unopenedIntro")}
            empty={t("smartmail.unopenedEmpty")} />
          <SmartmailList customerId={customerId} status="opened" heading={t("smartmail.opened")} intro={t("smartmail.openedIntro")}
            empty={t("smartmail.openedEmpty")} />
          <SmartmailList customerId={customerId} status="posted" heading={t("smartmail.posted")} intro={t("smartmail.postedIntro")}
            empty={t("smartmail.postedEmpty")} />
        </>
      ) : null}
    </>
  );
}
