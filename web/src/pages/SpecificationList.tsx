import { Link } from "@tanstack/react-router";
import { problemOf } from "../api/problems";
import { byCursor, usePages } from "../api/query";
import { formatDate } from "../format";
import { useI18n } from "../i18n";
import { DataTable, type ListColumn } from "../ui/DataTable";
import { LoadMore } from "../ui/LoadMore";
import { periodText, specificationStatusKey, totalsText, type SpecificationSummary } from "./specificationParts";

/** CASE-4: a customer's invoice specifications, newest first; the period opens one — on the customer's page for
 * staff, under Cases for the customer's contacts. */
export function SpecificationList({ customerId, staff, labelledBy }: { customerId: string; staff: boolean; labelledBy: string }) {
  const { t, language } = useI18n();
  const pages = usePages("get", "/customers/{customer_id}/invoice-specifications",
    { params: { path: { customer_id: customerId } } }, { ...byCursor, retry: false });
  const rows = pages.data?.pages.flatMap((page) => page.items) ?? [];

  const open = (row: SpecificationSummary) => {
    const words = periodText(row.period_from, row.period_to);
    const label = t("specifications.open", { period: words });
    const params = { customerId, specificationId: row.specification_id };
    return staff
      ? <Link to="/customers/$customerId/specifications/$specificationId" params={params} aria-label={label} className="nowrap">{words}</Link>
      : <Link to="/cases/specifications/$customerId/$specificationId" params={params} aria-label={label} className="nowrap">{words}</Link>;
  };
  const columns: ListColumn<SpecificationSummary>[] = [
    { id: "period", header: t("specifications.column.period"), rowHeader: true, cell: open },
    { id: "title", header: t("specifications.column.title"), cell: (row) => <span className="long-text">{row.title ?? ""}</span> },
    { id: "status", header: t("specifications.column.status"), cell: (row) => t(specificationStatusKey(row.status)) },
    { id: "total", header: t("specifications.column.total"), cell: (row) => <span className="amount">{totalsText(row.totals, language)}</span> },
    { id: "published", header: t("specifications.column.published"), cell: (row) => <span className="nowrap">{formatDate(row.published_at)}</span> },
  ];

  return (
    <>
      {pages.error ? <p className="error" role="alert">{t(problemOf(pages.error).summary)}</p> : null}
      {!pages.data && !pages.error ? <p role="status">{t("loading")}</p> : null}
      {pages.data ? (
        <DataTable labelledBy={labelledBy} columns={columns} rows={rows} rowId={(row) => row.specification_id}
          visibleColumns={columns.map((column) => column.id)} empty={t("specifications.empty")} />
      ) : null}
      <LoadMore pages={pages} />
    </>
  );
}
