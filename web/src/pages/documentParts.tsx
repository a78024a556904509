// What a document's page and the page an e-mailed document opens (DOC-7) show alike: the parties, the amounts and
// lines as written in the document, and the rules a document breaks.
import type { components } from "../api/client";
import { formatDecimal, formatDecimalAmount, formatOrganisationNumber } from "../format";
import { useI18n } from "../i18n";
import { textOr, type MessageKey } from "../i18n/messages";

type DocumentContent = components["schemas"]["DocumentContent"];
type Party = components["schemas"]["Party"];
type Totals = components["schemas"]["Totals"];
type BrokenRule = components["schemas"]["BrokenRule"];

const TOTALS = ["line_extension", "tax_exclusive", "tax", "tax_inclusive", "payable"] as const satisfies readonly (keyof Totals)[];

/** A country's name in the reader's language, from its ISO 3166 code; the code itself where Intl has no name. */
function countryName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: "region" }).of(code) ?? code;
  } catch {
    return code;
  }
}

export function PartyFacts({ id, heading, party }: { id: string; heading: string; party: Party }) {
  const { t, intl } = useI18n();
  const address = party.address;
  const place = [address?.postal_code, address?.city].filter(Boolean).join(" ");
  return (
    <div className="party" role="group" aria-labelledby={id}>
      <h3 id={id}>{heading}</h3>
      <p>
        <strong>{party.name ?? "–"}</strong>
        {(address?.lines ?? []).map((line, index) => <span key={index}><br />{line}</span>)}
        {place ? <><br />{place}</> : null}
        {address?.country ? <><br />{countryName(address.country, intl.locale)}</> : null}
      </p>
      <dl className="facts compact">
        {party.organisation_number ? (
          <div><dt>{t("field.organisation_number")}</dt><dd>{formatOrganisationNumber(party.organisation_number, address?.country)}</dd></div>
        ) : null}
        {party.vat_number ? <div><dt>{t("field.vat_number")}</dt><dd>{party.vat_number}</dd></div> : null}
        {party.endpoint ? <div><dt>{t("field.endpoint")}</dt><dd>{party.endpoint}</dd></div> : null}
        {party.email ? <div><dt>{t("field.email")}</dt><dd>{party.email}</dd></div> : null}
      </dl>
    </div>
  );
}

/** The seller and the buyer side by side. */
export function Parties({ content }: { content: DocumentContent }) {
  const { t } = useI18n();
  return (
    <section className="card" aria-labelledby="parties-heading">
      <h2 id="parties-heading">{t("documents.parties")}</h2>
      <div className="parties">
        <PartyFacts id="seller-heading" heading={t("documents.seller")} party={content.seller} />
        <PartyFacts id="buyer-heading" heading={t("documents.buyer")} party={content.buyer} />
      </div>
    </section>
  );
}

/** What the document says: its amounts (exact, as written in it) and its lines. */
export function Content({ content }: { content: DocumentContent }) {
  const { t, language } = useI18n();
  const money = (value: string) => formatDecimalAmount(value, content.currency, language);
  const totals = TOTALS.filter((name) => content.totals?.[name]);
  const lines = content.lines ?? [];
  return (
    <section className="card" aria-labelledby="content-heading">
      <h2 id="content-heading">{t("documents.totals")}</h2>
      {totals.length ? (
        <table className="amounts document-table totals-table">
          <caption className="visually-hidden">{t("documents.totals")}</caption>
          <tbody>
            {totals.map((name) => (
              <tr key={name}>
                <th scope="row">{t(`documents.total.${name}` as MessageKey)}</th>
                <td>{name === "payable" ? <strong>{money(content.totals?.[name] ?? "")}</strong> : money(content.totals?.[name] ?? "")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {lines.length ? (
        <div className="table-wrap">
          <table className="amounts document-table lines">
            <caption><h3>{t("documents.lines")}</h3></caption>
            <thead>
              <tr>
                <th scope="col">{t("documents.line.id")}</th>
                <th scope="col">{t("documents.line.name")}</th>
                <th scope="col" className="number">{t("documents.line.quantity")}</th>
                <th scope="col">{t("documents.line.unit")}</th>
                <th scope="col" className="number">{t("documents.line.vat")}</th>
                <th scope="col" className="number">{t("documents.line.net")}</th>
              </tr>
            </thead>
            <tbody>
              {lines.map((line, index) => (
                <tr key={`${line.line_id ?? ""}-${index}`}>
                  <td className="text">{line.line_id ?? index + 1}</td>
                  <th scope="row">{line.name ?? ""}</th>
                  <td>{line.quantity ? formatDecimal(line.quantity, language) : ""}</td>
                  <td className="text">{line.unit ? textOr(t, `documents.unit.${line.unit}`, line.unit) : ""}</td>
                  <td>{line.vat_percent ? t("documents.percent", { percent: formatDecimal(line.vat_percent, language) }) : ""}</td>
                  <td>{line.net_amount ? money(line.net_amount) : ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

/** Each broken rule in the reader's language, with its id, where it is broken and the business terms it reads. */
export function RuleList({ reasons }: { reasons: BrokenRule[] }) {
  const { t, language } = useI18n();
  if (!reasons.length) return null;
  return (
    <ul className="rules">
      {reasons.map((reason, index) => (
        <li key={`${reason.rule}-${index}`}>
          <p className="rule-message">{reason.messages[language] ?? reason.messages.nb ?? reason.messages.en ?? reason.rule}</p>
          <p className="rule-facts">
            <span>{t("documents.rule", { rule: reason.rule })}</span>
            {reason.where ? <span>{t("documents.where", { where: reason.where })}</span> : null}
            {reason.reads.length ? <span>{t("documents.reads", { terms: reason.reads.join(", ") })}</span> : null}
          </p>
        </li>
      ))}
    </ul>
  );
}
