import { useEffect, useState } from "react";
import { api, type Me } from "../api/client";
import { formatDateTime } from "../format";
import { useI18n } from "../i18n";
import type { MessageKey } from "../i18n/messages";

/** "Du er logget inn som …": who is logged in, and for which customers. */
export function HomePage({ me }: { me: Me }) {
  const { t } = useI18n();
  const [customers, setCustomers] = useState<string[]>([]);

  useEffect(() => {
    if (me.kind === "staff") return;
    void api.GET("/me/customers").then(({ data }) => setCustomers((data ?? []).map((customer) => customer.name)));
  }, [me]);

  const greeting =
    me.kind === "staff"
      ? t("home.staff", { name: me.display_name, role: t(`role.${me.role ?? "technician"}` as MessageKey) })
      : `${t("home.loggedInAs", { name: me.display_name })}${
          customers.length ? ` ${t("home.forCustomers", { customers: customers.join(", ") })}` : ""
        }`;

  return (
    <>
      <section className="card" id="info" aria-labelledby="home-heading">
        <h1 id="home-heading">{greeting}</h1>
        {me.session_expires_at ? <p>{t("home.sessionEnds", { time: formatDateTime(me.session_expires_at) })}</p> : null}
      </section>
    </>
  );
}
