import { Link } from "@tanstack/react-router";
import type { components } from "../api/client";
import { byCursor, usePages } from "../api/query";
import { depositHistoryRoute } from "../app/router";
import { formatAmount, formatDate } from "../format";
import { useI18n } from "../i18n";
import type { MessageKey } from "../i18n/messages";
import { DataTable, type ListColumn } from "../ui/DataTable";
import { LoadMore } from "../ui/LoadMore";
import { DepositsHeader, useDepositCustomer } from "./DepositsHeader";

type Deposit = components["schemas"]["Deposit"];

/** DEP-2: every slip of the customer, newest first; the bag number opens its receipt, and the counting receipt once
 * the bag is counted. */
export function DepositHistoryPage() {
  const { t, language } = useI18n();
  const search = depositHistoryRoute.useSearch();
  const { customerId, customer } = useDepositCustomer(search.customer);
  const pages = usePages("get", "/customers/{customer_id}/deposits", { params: { path: { customer_id: customerId } } }, { ...byCursor, enabled: Boolean(customerId) });
  const deposits = pages.data?.pages.flatMap((page) => page.items) ?? [];
  const columns: ListColumn<Deposit>[] = [
    {
      id: "bag", header: t("field.bag_number"), rowHeader: true,
      cell: (deposit) => (
        <Link to="/deposits/$customerId/$depositId" params={{ customerId: deposit.customer_id, depositId: deposit.deposit_id }}
          aria-label={t("deposits.receiptOf", { bag: deposit.bag_number })}>{deposit.bag_number}</Link>
      ),
    },
    { id: "date", header: t("field.deposit_date"), cell: (deposit) => formatDate(deposit.deposit_date) },
    { id: "department", header: t("field.department_id"), cell: (deposit) => deposit.department_name ?? "" },
    { id: "total", header: t("deposits.column.declared"), cell: (deposit) => formatAmount(deposit.total, deposit.currency, language) },
    {
      id: "status", header: t("orders.column.status"),
      cell: (deposit) => (
        <>
          {t(`deposits.status.${deposit.status ?? "registered"}` as MessageKey)}
          {deposit.counting ? (
            <div>
              <Link to="/deposits/$customerId/$depositId/counting-receipt" params={{ customerId: deposit.customer_id, depositId: deposit.deposit_id }}
                aria-label={t("deposits.countingReceiptOf", { bag: deposit.bag_number })}>{t("deposits.countingReceipt")}</Link>
              {deposit.counting.difference ? <div className="field-error">{t("deposits.difference", { amount: formatAmount(deposit.counting.difference, deposit.currency, language) })}</div> : null}
            </div>
          ) : null}
        </>
      ),
    },
    { id: "by", header: t("deposits.column.by"), cell: (deposit) => deposit.registered_by_name },
  ];

  return (
    <>
      <DepositsHeader current="history" customerId={customerId} customer={customer} onCustomerChange={() => undefined} />
      {customer ? (
        <section className="card" aria-labelledby="deposit-history-heading">
          <h2 id="deposit-history-heading">{t("deposits.history")}</h2>
          {pages.data ? (
            <DataTable labelledBy="deposit-history-heading" columns={columns} rows={deposits} rowId={(deposit) => deposit.deposit_id}
              visibleColumns={columns.map((column) => column.id)} empty={t("deposits.empty")} />
          ) : null}
          <LoadMore pages={pages} />
        </section>
      ) : null}
    </>
  );
}
