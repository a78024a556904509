import { Link } from "@tanstack/react-router";
import { useState } from "react";
import type { components } from "../api/client";
import { $api } from "../api/query";
import { useI18n } from "../i18n";
import { searchRefusal } from "./historySearch";

type Filters = components["schemas"]["DepositFilters"] | components["schemas"]["OrderFilters"];

/** "Generate report" (seed 000): the search on screen as a file made in the background, over up to 13 months. */
export function GenerateReport({ customerId, kind, filters }: { customerId: string; kind: "deposits" | "orders"; filters: Filters }) {
  const { t } = useI18n();
  const generate = $api.useMutation("post", "/customers/{customer_id}/reports");
  const [format, setFormat] = useState<"xml" | "csv">("xml");
  const [outcome, setOutcome] = useState<{ queued: boolean; text: string } | null>(null);

  async function run() {
    try {
      await generate.mutateAsync({
        params: { path: { customer_id: customerId } },
        body: kind === "orders"
          ? { kind, format, filters: filters as components["schemas"]["OrderFilters"] }
          : { kind, format, filters: filters as components["schemas"]["DepositFilters"] },
        headers: { "Idempotency-Key": crypto.randomUUID() },
      });
      setOutcome({ queued: true, text: t("reports.queued") });
    } catch (refused) {
      setOutcome({ queued: false, text: searchRefusal(refused, t) });
    }
  }

  return (
    <div className="report-request">
      <label htmlFor="report-format">{t("reports.format")}</label>
      <select id="report-format" value={format} onChange={(event) => setFormat(event.target.value === "csv" ? "csv" : "xml")}>
        <option value="xml">XML</option>
        <option value="csv">CSV</option>
      </select>
      <button type="button" className="secondary-outline" onClick={() => void run()} disabled={generate.isPending}>{t("reports.generate")}</button>
      {outcome ? (
        <p className={outcome.queued ? "notice" : "error"} role={outcome.queued ? "status" : "alert"}>
          {outcome.text} {outcome.queued ? <Link to="/reports">{t("reports.open")}</Link> : null}
        </p>
      ) : null}
    </div>
  );
}
