import { problemOf } from "../api/problems";
import { $api, byCursor, refusalOf, usePages } from "../api/query";
import { formatDateTime } from "../format";
import { useI18n } from "../i18n";
import { ScrollArea } from "../ScrollArea";
import { LoadMore } from "../ui/LoadMore";
import { notify } from "../ui/Toasts";

/**
 * NOT-1 for administrators: e-mails SES refused on every retry, kept rather than dropped; once the cause is put
 * right (an address, the sender identity), each can be sent again, once.
 */
export function FailedDeliveries() {
  const { t } = useI18n();
  const failed = usePages("get", "/deliveries/failed", { params: { query: { limit: 25 } } }, byCursor);
  const retry = $api.useMutation("post", "/deliveries/{delivery_id}/retry");
  const items = failed.data?.pages.flatMap((page) => page.items) ?? null;

  async function sendAgain(deliveryId: string) {
    const refused = await refusalOf(retry.mutateAsync({ params: { path: { delivery_id: deliveryId } } }));
    notify(refused ? t(problemOf(refused).summary) : t("deliveries.retried"));
  }

  return (
    <section className="card" aria-labelledby="deliveries-heading">
      <h2 id="deliveries-heading">{t("deliveries.heading")}</h2>
      <p className="muted">{t("deliveries.intro")}</p>
      {failed.error ? <p className="error" role="alert">{t(problemOf(failed.error).summary)}</p> : null}
      {items === null ? (failed.error ? null : <p role="status">{t("loading")}</p>) : items.length === 0 ? <p>{t("deliveries.none")}</p> : (
        <ScrollArea labelledBy="deliveries-heading">
          <table className="stacked">
            <thead>
              <tr>
                <th scope="col">{t("deliveries.when")}</th>
                <th scope="col">{t("deliveries.to")}</th>
                <th scope="col">{t("deliveries.what")}</th>
                <th scope="col">{t("deliveries.why")}</th>
                <th scope="col"><span className="visually-hidden">{t("deliveries.retry")}</span></th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.delivery_id}>
                  <td>{formatDateTime(item.created_at)}</td>
                  <td>{item.to.join(", ")}</td>
                  <td>{item.subject}</td>
                  <td>
                    {item.last_error ?? ""}
                    <div className="muted">{t("deliveries.attempts", { count: item.attempts })}</div>
                  </td>
                  <td>
                    <button type="button" className="secondary-outline small" disabled={retry.isPending}
                      aria-label={t("deliveries.retryTo", { to: item.to.join(", ") })}
                      onClick={() => void sendAgain(item.delivery_id)}>
                      {t("deliveries.retry")}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollArea>
      )}
      <LoadMore pages={failed} />
    </section>
  );
}
