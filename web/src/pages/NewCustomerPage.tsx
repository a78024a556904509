import { useNavigate } from "@tanstack/react-router";
import { useI18n } from "../i18n";
import { notify } from "../ui/Toasts";
import { CustomerForm } from "./CustomerForm";
import { useCustomFields } from "./customFields";

/** ORG-3: a new customer in the register; once saved, its own page opens. */
export function NewCustomerPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const definitions = useCustomFields();
  return (
    <section className="card" aria-labelledby="new-customer-heading">
      <h1 id="new-customer-heading" tabIndex={-1}>{t("customer.newHeading")}</h1>
      {definitions ? (
      <CustomerForm
        definitions={definitions}
        onCancel={() => void navigate({ to: "/customers" })}
        onSaved={(created) => {
          notify(t("toast.created", { name: created.name }));
          void navigate({ to: "/customers/$customerId", params: { customerId: created.customer_id } });
        }}
      />
      ) : <p role="status">{t("loading")}</p>}
    </section>
  );
}
