import { useState } from "react";
import type { components } from "../api/client";
import { problemOf } from "../api/problems";
import { $api, byCursor, usePages } from "../api/query";
import { formatDate, formatDateTime } from "../format";
import { useI18n } from "../i18n";
import type { MessageKey } from "../i18n/messages";
import { DataTable, type ListColumn } from "../ui/DataTable";
import { LoadMore } from "../ui/LoadMore";

type Report = components["schemas"]["Report"];

function sizeText(bytes: number | null | undefined, language: string): string {
  if (bytes === null || bytes === undefined) return "";
  const units = ["B", "kB", "MB", "GB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value.toLocaleString(language, { maximumFractionDigits: unit ? 1 : 0 })} ${units[unit]}`;
}

/** A finished report's file, through a link that is valid for a few minutes: asked for when the user clicks. */
function Download({ report }: { report: Report }) {
  const { t } = useI18n();
  const link = $api.useMutation("get", "/customers/{customer_id}/reports/{report_id}/download");
  const [refusal, setRefusal] = useState<string | null>(null);
  async function open() {
    try {
      const answer = await link.mutateAsync({ params: { path: { customer_id: report.customer_id, report_id: report.report_id } } });
      window.location.assign(answer.url);
    } catch (refused) {
      setRefusal(t(problemOf(refused).summary));
    }
  }
  return (
    <>
      <button type="button" className="small" onClick={() => void open()}
        aria-label={t("reports.downloadOf", { period: `${formatDate(report.date_from)}–${formatDate(report.date_to)}`, format: report.format.toUpperCase() })}>
        {t("reports.download")}
      </button>
      {refusal ? <p className="error" role="alert">{refusal}</p> : null}
    </>
  );
}

/** REP-1: the reports the user asked for, newest first, with their status, rows and size; ready ones download. */
export function ReportsPage() {
  const { t, language } = useI18n();
  const pages = usePages("get", "/reports", {}, { ...byCursor, refetchInterval: (query) => {
    const waiting = query.state.data?.pages.some((page) => page.items.some((report) => report.status === "queued" || report.status === "running"));
    return waiting ? 2000 : false;
  } });
  const reports = pages.data?.pages.flatMap((page) => page.items) ?? [];
  const columns: ListColumn<Report>[] = [
    { id: "kind", header: t("reports.column.kind"), rowHeader: true, cell: (report) => t(`reports.kind.${report.kind}` as MessageKey) },
    { id: "period", header: t("reports.column.period"), cell: (report) => `${formatDate(report.date_from)}–${formatDate(report.date_to)}` },
    { id: "format", header: t("reports.column.format"), cell: (report) => report.format.toUpperCase() },
    { id: "requested", header: t("reports.column.requested"), cell: (report) => formatDateTime(report.requested_at) },
    {
      id: "status", header: t("orders.column.status"),
      cell: (report) => (
        <>
          {t(`reports.status.${report.status ?? "queued"}` as MessageKey)}
          {report.status === "failed" ? <div className="muted">{t("reports.failedHint")}</div> : null}
        </>
      ),
    },
    { id: "rows", header: t("reports.column.rows"), cell: (report) => (report.rows ?? "") },
    { id: "size", header: t("reports.column.size"), cell: (report) => sizeText(report.size, language) },
    { id: "expires", header: t("reports.column.expires"), cell: (report) => formatDate(report.expires_at) },
    { id: "download", header: t("reports.column.file"), cell: (report) => (report.status === "ready" ? <Download report={report} /> : null) },
  ];
  return (
    <section className="card" aria-labelledby="reports-heading">
      <h1 id="reports-heading" tabIndex={-1}>{t("reports.heading")}</h1>
      <p className="muted">{t("reports.intro")}</p>
      {pages.data ? (
        <DataTable labelledBy="reports-heading" columns={columns} rows={reports} rowId={(report) => report.report_id}
          visibleColumns={columns.map((column) => column.id)} empty={t("reports.empty")} />
      ) : null}
      <LoadMore pages={pages} />
    </section>
  );
}
