import { Link } from "@tanstack/react-router";
import { problemOf } from "../api/problems";
import { $api, refusalOf } from "../api/query";
import { formatDateTime } from "../format";
import { useI18n } from "../i18n";
import { ScrollArea } from "../ScrollArea";
import { notify } from "../ui/Toasts";

/**
 * DOC-7 for administrators: Smartmail's print jobs the print service failed on every retry, kept in the print queue's
 * dead-letter queue rather than dropped; once the cause is put right, all of them are sent to print again.
 */
export function FailedPrintJobs() {
  const { t } = useI18n();
  const failed = $api.useQuery("get", "/print-jobs/failed");
  const redrive = $api.useMutation("post", "/print-jobs/redrive");
  const items = failed.data?.items ?? null;

  async function printAgain() {
    let count = 0;
    const refused = await refusalOf(redrive.mutateAsync({}).then((answer) => {
      count = answer.redriven;
    }));
    if (refused) {
      notify(t(problemOf(refused).summary), "error");
      return;
    }
    notify(t("printJobs.redriven", { count }));
    void failed.refetch();
  }

  return (
    <section className="card" aria-labelledby="print-jobs-heading">
      <h2 id="print-jobs-heading">{t("printJobs.heading")}</h2>
      <p className="muted">{t("printJobs.intro")}</p>
      {failed.error ? <p className="error" role="alert">{t(problemOf(failed.error).summary)}</p> : null}
      {items === null ? (failed.error ? null : <p role="status">{t("loading")}</p>) : items.length === 0 ? <p>{t("printJobs.none")}</p> : (
        <>
          <ScrollArea labelledBy="print-jobs-heading">
            <table className="stacked">
              <thead>
                <tr>
                  <th scope="col">{t("printJobs.failedAt")}</th>
                  <th scope="col">{t("printJobs.document")}</th>
                  <th scope="col">{t("printJobs.recipient")}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((item) => (
                  <tr key={`${item.customer_id}-${item.document_id}`}>
                    <td>{formatDateTime(item.failed_at)}</td>
                    <td>
                      <Link to="/documents/$customerId/$documentId" params={{ customerId: item.customer_id, documentId: item.document_id }}>
                        {item.number ?? item.document_id}
                      </Link>
                    </td>
                    <td>{item.recipient ?? "–"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollArea>
          <div className="actions">
            <button type="button" disabled={redrive.isPending} onClick={() => void printAgain()}>{t("printJobs.redrive")}</button>
          </div>
        </>
      )}
    </section>
  );
}
