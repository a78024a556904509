import type { components } from "../api/client";
import { formatAmount, formatDate } from "../format";
import { useI18n } from "../i18n";
import { denominationName } from "./denominations";

type Slip = components["schemas"]["DepositSlip"];

/** A deposit slip as the registrar reviews it before saving, and as its receipt shows it (DEP-1): every amount
 * computed, the total in the slip's currency, foreign currency listed apart and not added. */
export function DepositSlipView({ slip, headingLevel = 2 }: { slip: Slip; headingLevel?: 2 | 3 }) {
  const { t, language } = useI18n();
  const money = (minor: number) => formatAmount(minor, slip.currency, language);
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <div className="slip">
      <dl className="facts">
        <div><dt>{t("field.deposit_date")}</dt><dd>{formatDate(slip.deposit_date)}</dd></div>
        <div><dt>{t("field.bag_number")}</dt><dd className="number">{slip.bag_number}</dd></div>
        {slip.department_name ? <div><dt>{t("field.department_id")}</dt><dd>{slip.department_name}</dd></div> : null}
        {slip.responsibility_number ? <div><dt>{t("field.responsibility_number")}</dt><dd>{slip.responsibility_number}</dd></div> : null}
        {slip.signature ? <div><dt>{t("field.signature")}</dt><dd>{slip.signature}</dd></div> : null}
      </dl>
      {slip.lines.length ? (
        <table className="amounts">
          <caption><Heading>{t("change.denominations")}</Heading></caption>
          <thead><tr><th scope="col">{t("deposits.column.denomination")}</th><th scope="col">{t("deposits.column.pieces")}</th><th scope="col">{t("deposits.column.amount")}</th></tr></thead>
          <tbody>
            {slip.lines.map((line) => (
              <tr key={line.denomination}>
                <th scope="row">{denominationName(line.denomination, slip.currency, t, language)}</th>
                <td>{line.pieces}</td>
                <td>{money(line.amount)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {slip.cheques.length ? (
        <table className="amounts">
          <caption><Heading>{t("deposits.cheques")}</Heading></caption>
          <thead><tr><th scope="col">{t("field.reference")}</th><th scope="col">{t("deposits.column.amount")}</th></tr></thead>
          <tbody>
            {slip.cheques.map((cheque, index) => (
              <tr key={index}><th scope="row">{cheque.reference ?? t("deposits.cheque", { number: index + 1 })}</th><td>{money(cheque.amount)}</td></tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {slip.fallbacks.length ? (
        <table className="amounts">
          <caption><Heading>{t("deposits.fallbacks")}</Heading></caption>
          <thead><tr><th scope="col">{t("field.description")}</th><th scope="col">{t("deposits.column.amount")}</th></tr></thead>
          <tbody>
            {slip.fallbacks.map((fallback, index) => (
              <tr key={index}><th scope="row">{fallback.description}</th><td>{money(fallback.amount)}</td></tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <p className="totals"><strong>{t("deposits.total", { currency: slip.currency, amount: money(slip.total) })}</strong></p>
      {slip.foreign.length ? (
        <table className="amounts">
          <caption><Heading>{t("deposits.foreign")}</Heading></caption>
          <thead><tr><th scope="col">{t("field.currency")}</th><th scope="col">{t("deposits.column.amount")}</th></tr></thead>
          <tbody>
            {slip.foreign.map((entry, index) => (
              <tr key={index}><th scope="row">{entry.currency}</th><td>{formatAmount(entry.amount, entry.currency, language)}</td></tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {slip.foreign.length ? <p className="muted">{t("deposits.foreignNotAdded", { currency: slip.currency })}</p> : null}
    </div>
  );
}
