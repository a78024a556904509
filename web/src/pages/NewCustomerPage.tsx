import { useI18n } from "../i18n";
import { CustomerForm } from "./CustomerForm";
import { useCustomFields } from "./customFields";

/** ORG-3: a new customer in the register; once saved, its own page opens. */
export function NewCustomerPage() {
  const { t } = useI18n();
  const definitions = useCustomFields();
  return (
    <section className="card" aria-labelledby="new-customer-heading">
      <h1 id="new-customer-heading" tabIndex={-1}>{t("customer.newHeading")}</h1>
      <CustomerForm
        definitions={definitions}
        onCancel={() => (window.location.hash = "#customers")}
        onSaved={(created) => (window.location.hash = `#customers/${created.customer_id}`)}
      />
    </section>
  );
}
