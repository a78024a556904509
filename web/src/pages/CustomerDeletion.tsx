// AUTH-3 "Delete": a customer nothing uses any more is deleted for good (its history stays, under a pseudonym); one
// still in use is refused with what uses it, in words, and is deactivated instead.
import { useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { api, type components } from "../api/client";
import { problemOf } from "../api/problems";
import { useI18n } from "../i18n";
import { textOr } from "../i18n/messages";
import { ConfirmButton } from "../ui/ConfirmButton";
import { notify } from "../ui/Toasts";

type Customer = components["schemas"]["CustomerView"];

/** The kinds of use in the order they are read out: the customer's traffic first, then who and what is tied to it. */
const USES = [
  "orders", "contracts", "deposits", "documents", "quotes", "invoice_specifications", "cases", "files", "support_tickets",
  "users", "contacts", "subsidiaries", "api_keys",
];

/** What keeps a customer from being deleted, as the API's refusal lists it (`details[0].in_use`), in `USES` order. */
export function inUseOf(refusal: unknown): string[] {
  if (problemOf(refusal).code !== "customer_in_use") return [];
  const details = (refusal as { error?: { details?: { in_use?: unknown }[] } }).error?.details ?? [];
  const kinds = details.flatMap((detail) => (Array.isArray(detail.in_use) ? detail.in_use : []))
    .filter((kind): kind is string => typeof kind === "string");
  const place = (kind: string) => (USES.includes(kind) ? USES.indexOf(kind) : USES.length);
  return [...new Set(kinds)].sort((a, b) => place(a) - place(b));
}

/** The refusal's list in words: "The customer has orders, cases and contacts." */
export function InUse({ refusal }: { refusal: unknown }) {
  const { t, intl } = useI18n();
  const kinds = inUseOf(refusal);
  if (!kinds.length) return null;
  const words = kinds.map((kind) => textOr(t, `customer.inUse.${kind}`, kind.replace(/_/g, " ")));
  return <p>{t("customer.inUseList", { kinds: intl.formatList(words, { type: "conjunction" }) })}</p>;
}

/** "Delete customer", asked first with what it means; deleted, the register opens with a confirmation. */
export function DeleteCustomerButton({ customer, onRefused }: { customer: Customer; onRefused: (refusal: unknown) => void }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  async function run() {
    onRefused(null);
    let refusal: unknown = null;
    try {
      // Straight through the client: an accepted mutation would read every query of this page again, and the
      // customer is gone (the register is read again below, once the page has left).
      const { error } = await api.DELETE("/customers/{customer_id}", {
        params: { path: { customer_id: customer.customer_id }, query: { version: customer.version } },
      });
      refusal = error ?? null;
    } catch (unanswered) {
      refusal = unanswered ?? new Error("unanswered");
    }
    if (refusal) {
      onRefused(refusal);
      return;
    }
    notify(t("toast.customerDeleted", { name: customer.name }));
    await navigate({ to: "/customers" });
    await queryClient.invalidateQueries();
  }

  return (
    <ConfirmButton label={t("customer.delete")} title={t("customer.deleteTitle", { name: customer.name })} confirmLabel={t("customer.delete")}
      onConfirm={run}>
      <p><strong>{t("customer.deleteWarning")}</strong></p>
      <p>{t("customer.deleteInUse")}</p>
    </ConfirmButton>
  );
}
