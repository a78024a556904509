import { useParams } from "@tanstack/react-router";
import { useEffect, useRef, useState, type FormEvent } from "react";
import type { components } from "../api/client";
import { problemOf } from "../api/problems";
import { $api, byCursor, refusalOf, usePages } from "../api/query";
import { usePrincipal } from "../app/session";
import { formatDate, formatOrganisationNumber } from "../format";
import { useI18n } from "../i18n";
import type { MessageKey } from "../i18n/messages";
import { LoadMore } from "../ui/LoadMore";
import { notify } from "../ui/Toasts";

type Request = components["schemas"]["RegistrationRequest"];

const KNOWN_FAILURES = new Set(["customer_number_taken"]);

function RequestCard({ request, opened, decides }: { request: Request; opened: boolean; decides: boolean }) {
  const { t } = useI18n();
  const decide = $api.useMutation("post", "/registration-requests/{request_id}/decision");
  const [refusal, setRefusal] = useState<unknown>(null);
  const element = useRef<HTMLElement>(null);

  useEffect(() => {
    if (!opened) return;
    element.current?.scrollIntoView({ block: "start" });
    element.current?.focus();
  }, [opened]);

  function failureText(): string {
    const key = KNOWN_FAILURES.has(request.failure ?? "") ? request.failure : "unknown";
    return t(`registrations.failure.${key}` as MessageKey, { number: request.customer_number ?? "" });
  }

  async function submit(event: FormEvent<HTMLFormElement>, approved: boolean) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim() || null;
    const refused = await refusalOf(decide.mutateAsync({
      params: { path: { request_id: request.request_id } },
      body: approved ? { approved, customer_number: text("customer_number") } : { approved, reason: text("reason") },
    }));
    setRefusal(refused);
    if (!refused) notify(t(approved ? "registrations.approved" : "registrations.rejected", { company: request.company_name }));
  }

  const problem = refusal ? problemOf(refusal) : null;
  return (
    <article className={opened ? "request opened" : "request"} aria-label={request.company_name} tabIndex={opened ? -1 : undefined} ref={element}>
      <h2>{request.company_name}</h2>
      {request.status === "failed" ? <p className="error">{t("registrations.failed", { reason: failureText() })}</p> : null}
      <p>
        {t("field.organisation_number")}: {formatOrganisationNumber(request.organisation_number, request.country)} · {request.contact_person} ·{" "}
        <a href={`mailto:${request.email}`}>{request.email}</a> · {t("registrations.received", { date: formatDate(request.created_at) })}
      </p>
      {request.message ? <blockquote>{request.message}</blockquote> : null}
      {problem ? <p className="error" role="alert">{t(problem.code === "not_ready" ? "registrations.notReady" : problem.summary)}</p> : null}
      {decides ? (
        <div className="decisions">
          <form onSubmit={(event) => void submit(event, true)}>
            <label htmlFor={`number-${request.request_id}`}>{t("registrations.customerNumber")}</label>
            <input id={`number-${request.request_id}`} name="customer_number" required maxLength={40} />
            <button type="submit">{request.status === "failed" ? t("registrations.approveAgain") : t("registrations.approve")}</button>
          </form>
          <form onSubmit={(event) => void submit(event, false)}>
            <label htmlFor={`reason-${request.request_id}`}>{t("registrations.reason")}</label>
            <input id={`reason-${request.request_id}`} name="reason" maxLength={1000} />
            <button type="submit" className="secondary-outline">{t("registrations.reject")}</button>
          </form>
        </div>
      ) : null}
    </article>
  );
}

/** AUTH-1: staff see the companies asking for access, and approvals that failed; an administrator approves
 * (again, after a failure) or rejects. A staff e-mail's link opens its request. */
export function RegistrationsPage() {
  const { t } = useI18n();
  const me = usePrincipal();
  const { requestId } = useParams({ strict: false });
  const decides = me.role === "administrator"; // the API refuses others; they only follow the list
  const failed = usePages("get", "/registration-requests", { params: { query: { status: "failed" } } }, byCursor);
  const pending = usePages("get", "/registration-requests", { params: { query: { status: "pending" } } }, byCursor);
  const requests = failed.data && pending.data
    ? [...failed.data.pages, ...pending.data.pages].flatMap((page) => page.items)
    : null;
  const error = failed.error ?? pending.error;

  return (
    <section className="card" aria-labelledby="registrations-heading">
      <h1 id="registrations-heading" tabIndex={-1}>{t("registrations.heading")}</h1>
      {error ? <p className="error" role="alert">{t(problemOf(error).summary)}</p> : null}
      {requests === null && !error ? <p role="status">{t("loading")}</p> : null}
      {requests?.length === 0 ? <p>{t("registrations.none")}</p> : null}
      {requests?.map((request) => (
        <RequestCard key={request.request_id} request={request} opened={request.request_id === requestId} decides={decides} />
      ))}
      <LoadMore pages={[failed, pending]} />
    </section>
  );
}
