import { mailto, tel, useSupportContacts } from "../app/support";
import { useI18n, type Values } from "../i18n";
import type { MessageKey } from "../i18n/messages";

/** Where the user guides send people to customer service; each topic has its lead, subject and text in the catalogues. */
export type Topic = "login" | "reset" | "late_order";

/** "Get in touch": why, and an e-mail to customer service with the subject and the known details filled in. */
export function GetInTouch({ topic, values = {} }: { topic: Topic; values?: Values }) {
  const { t } = useI18n();
  const contacts = useSupportContacts();
  if (!contacts) return null;
  const subject = t(`contact.${topic}.subject` as MessageKey, values);
  const body = t(`contact.${topic}.body` as MessageKey, values);
  return (
    <p className="get-in-touch">
      {t(`contact.${topic}.lead` as MessageKey, values)}{" "}
      <a href={mailto(contacts.email, subject, body)}>{t("contact.write")}</a>{" "}
      {t("contact.or")} <a href={tel(contacts.phone)}>{t("contact.call", { phone: contacts.phone })}</a>.
    </p>
  );
}
