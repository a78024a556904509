import { useEffect, useState } from "react";
import { api, type Me, type components } from "../api/client";
import { formatDateTime } from "../format";
import { useI18n } from "../i18n";
import type { MessageKey } from "../i18n/messages";

/** "Du er logget inn som …": who is logged in, and for which customers. */
export function HomePage({ me }: { me: Me }) {
  const { t } = useI18n();
  const [customers, setCustomers] = useState<string[]>([]);
  const [objects, setObjects] = useState<components["schemas"]["ServiceObject"][]>([]);

  useEffect(() => {
    if (me.kind === "staff") return;
    void api.GET("/me/customers").then(({ data }) => setCustomers((data ?? []).map((customer) => customer.name)));
    void api.GET("/me/objects").then(({ data }) => setObjects(data ?? []));
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
      {objects.length ? (
        <section className="card" aria-labelledby="objects-heading">
          <h2 id="objects-heading">{t("home.objects")}</h2>
          <ul className="plain-list">
            {objects.map((item) => (
              <li key={item.object_id}>
                <strong>{item.name}</strong>{item.number ? ` (${item.number})` : ""}
                {item.city ? ` — ${[item.address, item.city].filter(Boolean).join(", ")}` : ""}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
