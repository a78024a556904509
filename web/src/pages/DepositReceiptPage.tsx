import { Link } from "@tanstack/react-router";
import { useState } from "react";
import { z } from "zod";
import type { components } from "../api/client";
import { problemOf } from "../api/problems";
import { $api, isConflict, refusalOf } from "../api/query";
import { countingReceiptRoute, depositReceiptRoute } from "../app/router";
import { hasRole } from "../app/sections";
import { usePrincipal } from "../app/session";
import { Form, TextField } from "../forms/Form";
import { encode } from "../forms/messages";
import { useApiForm } from "../forms/useApiForm";
import { formatAmount, formatDate, formatDateTime, minorUnits } from "../format";
import { useI18n } from "../i18n";
import { textOr, type MessageKey } from "../i18n/messages";
import { PdfDownload } from "../ui/PdfDownload";
import { ReasonButton } from "../ui/ReasonButton";
import { notify } from "../ui/Toasts";
import { DepositSlipView } from "./DepositSlipView";
import { denominationName } from "./denominations";
import { linesOnTheForm } from "./orderLines";

type Deposit = components["schemas"]["Deposit"];
type Denomination = components["schemas"]["DenominationInfo"];

const COUNT_FORM = "counting";
const countingSchema = z.object({
  counts: z.record(z.string(), z.string().trim().max(9)),
  cheques: z.string().trim().max(20),
  fallbacks: z.string().trim().max(20),
});
type CountingValues = z.input<typeof countingSchema>;

function useDeposit(customerId: string, depositId: string) {
  return $api.useQuery("get", "/customers/{customer_id}/deposits/{deposit_id}", { params: { path: { customer_id: customerId, deposit_id: depositId } } });
}

function BackToHistory({ deposit, document }: { deposit: Deposit; document: "deposit_receipt" | "counting_receipt" }) {
  const { t } = useI18n();
  return (
    <div className="actions">
      <button type="button" onClick={() => window.print()}>{t("deposits.print")}</button>
      <PdfDownload customerId={deposit.customer_id} document={document} subjectId={deposit.deposit_id} />
      <Link to="/deposits/history" search={{ customer: deposit.customer_id }}>{t("deposits.backToHistory")}</Link>
    </div>
  );
}

/** Reversing withdraws a slip not yet counted (DEP-1); it stays, marked reversed, and a new slip may use its bag. */
function ReverseSlip({ deposit }: { deposit: Deposit }) {
  const { t } = useI18n();
  const reverse = $api.useMutation("post", "/customers/{customer_id}/deposits/{deposit_id}/reversal");
  const [refusal, setRefusal] = useState<unknown>(null);
  const label = t("deposits.reverse");

  async function run(reason: string | null, close: () => void) {
    const refused = await refusalOf(reverse.mutateAsync({
      params: { path: { customer_id: deposit.customer_id, deposit_id: deposit.deposit_id } },
      body: { reason: reason ?? "", version: deposit.version },
    }));
    setRefusal(refused);
    if (!refused) {
      close();
      notify(t("toast.depositReversed", { bag: deposit.bag_number }));
    }
  }

  const shown = refusal ? <p className="error" role="alert">{t(problemOf(refusal).summary)} {isConflict(refusal) ? t("service.reload") : null}</p> : null;
  return (
    <ReasonButton id={deposit.deposit_id} label={label} title={t("deposits.reverseTitle", { bag: deposit.bag_number })}
      className="button secondary-outline" refusal={shown} onOpen={() => setRefusal(null)} onSubmit={(reason, close) => void run(reason, close)} />
  );
}

/** The cash centre's count of the bag, per note and coin (DEP-2). */
function CountingForm({ deposit, series }: { deposit: Deposit; series: Denomination[] }) {
  const { t, language } = useI18n();
  const count = $api.useMutation("put", "/customers/{customer_id}/deposits/{deposit_id}/counting");
  const form = useApiForm(countingSchema, { counts: Object.fromEntries(series.map(({ code }) => [code, ""])), cheques: "", fallbacks: "" });

  async function submit(values: CountingValues) {
    const counted = series.filter(({ code }) => (values.counts[code] ?? "").trim() !== "");
    const unreadable = counted.find(({ code }) => !/^\d{1,8}$/.test(values.counts[code].trim()));
    if (unreadable) {
      form.setError(`counts.${unreadable.code}` as never, { type: "client", message: encode({ key: "fieldError.not_a_number" }) });
      return;
    }
    for (const name of ["cheques", "fallbacks"] as const) {
      if (values[name] && minorUnits(values[name]) === null) {
        form.setError(name, { type: "client", message: encode({ key: "change.notAnAmount" }) });
        return;
      }
    }
    const lines = counted.map(({ code }) => ({ denomination: code, pieces: Number(values.counts[code]) }));
    const refused = await refusalOf(count.mutateAsync({
      params: { path: { customer_id: deposit.customer_id, deposit_id: deposit.deposit_id } },
      body: { lines, cheques: minorUnits(values.cheques || "0") ?? 0, fallbacks: minorUnits(values.fallbacks || "0") ?? 0, version: deposit.version },
    }));
    if (refused) return form.refuse(linesOnTheForm(problemOf(refused), lines.map((line) => line.denomination), "counts"));
    notify(t("toast.depositCounted", { bag: deposit.bag_number }));
  }

  const labelOf = (field: string) => field.startsWith("counts.") ? denominationName(field.slice("counts.".length), deposit.currency, t, language) : textOr(t, `field.${field}`, field);
  return (
    <section className="card" aria-labelledby="counting-heading">
      <h2 id="counting-heading">{t("deposits.countHeading")}</h2>
      <p className="muted">{t("deposits.countIntro")}</p>
      <Form form={form} id={COUNT_FORM} onSubmit={submit} label={t("deposits.countHeading")} labelOf={labelOf}>
        <fieldset className="group">
          <legend>{t("deposits.counts")}</legend>
          <div className="grid">
            {series.map((denomination) => (
              <TextField key={denomination.code} name={`counts.${denomination.code}`} inputMode="numeric" autoComplete="off"
                label={denominationName(denomination.code, deposit.currency, t, language)} />
            ))}
          </div>
        </fieldset>
        <div className="grid">
          <TextField name="cheques" label={t("field.cheques")} inputMode="decimal" autoComplete="off" />
          <TextField name="fallbacks" label={t("field.fallbacks")} inputMode="decimal" autoComplete="off" />
        </div>
        <div className="actions"><button type="submit">{t("deposits.saveCounting")}</button></div>
      </Form>
    </section>
  );
}

/** DEP-2: the receipt of one slip, printable; its reversal or counting where the reader may do them. */
export function DepositReceiptPage() {
  const { t, language } = useI18n();
  const me = usePrincipal();
  const { customerId, depositId } = depositReceiptRoute.useParams();
  const deposit = useDeposit(customerId, depositId);
  const agreement = $api.useQuery("get", "/customers/{customer_id}/cash-agreement", { params: { path: { customer_id: customerId } } }, { enabled: me.kind === "staff" });
  const found = deposit.data;
  if (!found) return deposit.error ? <section className="card"><p className="error" role="alert">{t(problemOf(deposit.error).summary)}</p></section> : null;
  const open = found.status === "registered";
  const mayReverse = open && (me.kind === "staff" || hasRole(me, customerId, "deposit_registrar"));

  return (
    <>
      <section className="card receipt" aria-labelledby="receipt-heading">
        <h1 id="receipt-heading" tabIndex={-1}>{t("deposits.receiptHeading", { bag: found.bag_number })}</h1>
        <p>
          <strong>{t(`deposits.status.${found.status ?? "registered"}` as MessageKey)}</strong>
          {" · "}{t("deposits.registered", { at: formatDateTime(found.registered_at), by: found.registered_by_name })}
        </p>
        {found.reversal ? (
          <p className="notice">{t("deposits.reversed", { at: formatDateTime(found.reversal.reversed_at), by: found.reversal.reversed_by_name, reason: found.reversal.reason })}</p>
        ) : null}
        <DepositSlipView slip={found} />
        {found.counting ? (
          <p>
            {t("deposits.countedSummary", { amount: formatAmount(found.counting.total, found.currency, language), difference: formatAmount(found.counting.difference, found.currency, language) })}{" "}
            <Link to="/deposits/$customerId/$depositId/counting-receipt" params={{ customerId, depositId }}>{t("deposits.countingReceipt")}</Link>
          </p>
        ) : null}
        <BackToHistory deposit={found} document="deposit_receipt" />
        {mayReverse ? <div className="actions"><ReverseSlip deposit={found} /></div> : null}
      </section>
      {open && me.kind === "staff" && agreement.data ? <CountingForm deposit={found} series={agreement.data.denominations} /> : null}
    </>
  );
}

/** DEP-2: the counting receipt — what was declared, what the cash centre counted, and the difference. */
export function CountingReceiptPage() {
  const { t, language } = useI18n();
  const { customerId, depositId } = countingReceiptRoute.useParams();
  const deposit = useDeposit(customerId, depositId);
  const found = deposit.data;
  if (!found) return deposit.error ? <section className="card"><p className="error" role="alert">{t(problemOf(deposit.error).summary)}</p></section> : null;
  const counting = found.counting;
  const money = (minor: number) => formatAmount(minor, found.currency, language);
  const declared = (list: { amount: number }[]) => list.reduce((sum, entry) => sum + entry.amount, 0);

  return (
    <section className="card receipt" aria-labelledby="counting-receipt-heading">
      <h1 id="counting-receipt-heading" tabIndex={-1}>{t("deposits.countingReceiptHeading", { bag: found.bag_number })}</h1>
      <p>{t("deposits.countingOf", { date: formatDate(found.deposit_date) })}</p>
      {counting ? (
        <>
          <p>{t("deposits.countedBy", { at: formatDateTime(counting.counted_at), by: counting.counted_by_name })}</p>
          <table className="amounts">
            <caption>{t("deposits.counts")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("deposits.column.denomination")}</th>
                <th scope="col">{t("deposits.column.declared")}</th>
                <th scope="col">{t("deposits.column.counted")}</th>
                <th scope="col">{t("deposits.column.difference")}</th>
              </tr>
            </thead>
            <tbody>
              {counting.lines.map((line) => (
                <tr key={line.denomination}>
                  <th scope="row">{denominationName(line.denomination, found.currency, t, language)}</th>
                  <td>{money(line.declared)}</td><td>{money(line.counted)}</td><td>{money(line.difference)}</td>
                </tr>
              ))}
              <tr>
                <th scope="row">{t("deposits.cheques")}</th>
                <td>{money(declared(found.cheques))}</td><td>{money(counting.cheques)}</td><td>{money(counting.cheques - declared(found.cheques))}</td>
              </tr>
              <tr>
                <th scope="row">{t("deposits.fallbacks")}</th>
                <td>{money(declared(found.fallbacks))}</td><td>{money(counting.fallbacks)}</td><td>{money(counting.fallbacks - declared(found.fallbacks))}</td>
              </tr>
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t("deposits.sum", { currency: found.currency })}</th>
                <td>{money(found.total)}</td><td>{money(counting.total)}</td><td><strong>{money(counting.difference)}</strong></td>
              </tr>
            </tfoot>
          </table>
          <p className={counting.difference ? "notice" : "muted"}>
            {counting.difference ? t("deposits.differenceExplained", { amount: money(counting.difference) }) : t("deposits.noDifference")}
          </p>
        </>
      ) : <p className="muted">{t("deposits.notCounted")}</p>}
      <BackToHistory deposit={found} document="counting_receipt" />
    </section>
  );
}
