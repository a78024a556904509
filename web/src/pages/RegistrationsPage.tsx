import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import { api, errorCode, type components, type Me } from "../api/client";
import { problemOf } from "../api/problems";
import { formatDate } from "../format";
import { useI18n } from "../i18n";
import type { MessageKey } from "../i18n/messages";

type Request = components["schemas"]["RegistrationRequest"];

const KNOWN_FAILURES = new Set(["customer_number_taken"]);

/** AUTH-1: staff see the companies asking for access, and approvals that failed; an administrator approves
 * (again, after a failure) or rejects. `requestId` is the request a staff e-mail's link opens. */
export function RegistrationsPage({ me, requestId }: { me: Me; requestId?: string }) {
  const decides = me.role === "administrator"; // the API refuses others; they only follow the list
  const { t } = useI18n();
  const [requests, setRequests] = useState<Request[] | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const opened = useRef<HTMLElement | null>(null);

  const load = useCallback(async () => {
    const [failed, pending] = await Promise.all(
      (["failed", "pending"] as const).map((status) => api.GET("/registration-requests", { params: { query: { status } } })),
    );
    setRequests([...(failed.data?.items ?? []), ...(pending.data?.items ?? [])]);
    const error = failed.error ?? pending.error;
    if (error) setProblem(t(problemOf(error, t).summary));
  }, [t]);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    opened.current?.scrollIntoView({ block: "start" });
    opened.current?.focus();
  }, [requests, requestId]);

  function failureText(request: Request): string {
    const key = KNOWN_FAILURES.has(request.failure ?? "") ? request.failure : "unknown";
    return t(`registrations.failure.${key}` as MessageKey, { number: request.customer_number ?? "" });
  }

  async function decide(event: FormEvent<HTMLFormElement>, request: Request, approved: boolean) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim() || null;
    const { data, error } = await api.POST("/registration-requests/{request_id}/decision", {
      params: { path: { request_id: request.request_id } },
      body: approved ? { approved, customer_number: text("customer_number") } : { approved, reason: text("reason") },
    });
    if (data) {
      setProblem(null);
      setNotice(t(approved ? "registrations.approved" : "registrations.rejected", { company: request.company_name }));
      await load();
    } else {
      setNotice(null);
      const code = errorCode(error);
      setProblem(code === "not_ready" ? t("registrations.notReady") : t(problemOf(error, t).summary));
    }
  }

  return (
    <section className="card" aria-labelledby="registrations-heading">
      <h1 id="registrations-heading" tabIndex={-1}>{t("registrations.heading")}</h1>
      {notice ? <p className="notice" role="status">{notice}</p> : null}
      {problem ? <p className="error" role="alert">{problem}</p> : null}
      {requests === null ? <p role="status">{t("loading")}</p> : null}
      {requests?.length === 0 ? <p>{t("registrations.none")}</p> : null}
      {requests?.map((request) => (
        <article
          key={request.request_id}
          className={request.request_id === requestId ? "request opened" : "request"}
          aria-label={request.company_name}
          tabIndex={request.request_id === requestId ? -1 : undefined}
          ref={request.request_id === requestId ? (element) => { opened.current = element; } : undefined}
        >
          <h2>{request.company_name}</h2>
          {request.status === "failed" ? (
            <p className="error">{t("registrations.failed", { reason: failureText(request) })}</p>
          ) : null}
          <p>
            {t("field.organisation_number")}: {request.organisation_number} · {request.contact_person} ·{" "}
            <a href={`mailto:${request.email}`}>{request.email}</a> · {t("registrations.received", { date: formatDate(request.created_at) })}
          </p>
          {request.message ? <blockquote>{request.message}</blockquote> : null}
          {decides ? (
          <div className="decisions">
            <form onSubmit={(event) => void decide(event, request, true)}>
              <label htmlFor={`number-${request.request_id}`}>{t("registrations.customerNumber")}</label>
              <input id={`number-${request.request_id}`} name="customer_number" required />
              <button type="submit">{t("registrations.approve")}</button>
            </form>
            <form onSubmit={(event) => void decide(event, request, false)}>
              <label htmlFor={`reason-${request.request_id}`}>{t("registrations.reason")}</label>
              <input id={`reason-${request.request_id}`} name="reason" />
              <button type="submit" className="secondary-outline">{t("registrations.reject")}</button>
            </form>
          </div>
          ) : null}
        </article>
      ))}
    </section>
  );
}
