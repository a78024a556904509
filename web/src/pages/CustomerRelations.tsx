import { useCallback, useEffect, useState } from "react";
import { api, type components } from "../api/client";
import { ContactsCard } from "./relations/ContactsCard";
import { DepartmentsCard } from "./relations/DepartmentsCard";
import { ObjectsCard, type ServiceObject } from "./relations/ObjectsCard";

type ContactSummary = components["schemas"]["ContactSummary"];
type Department = components["schemas"]["Department"];

/** ORG-1/ORG-2 on a customer's page: its objects, contacts and departments, to add to and to change. */
export function CustomerRelations({ customerId, onChanged }: { customerId: string; onChanged: () => void }) {
  // null until loaded: "none yet" must never be said about a list that has not arrived.
  const [objects, setObjects] = useState<ServiceObject[] | null>(null);
  const [contacts, setContacts] = useState<ContactSummary[] | null>(null);
  const [departments, setDepartments] = useState<Department[] | null>(null);

  const load = useCallback(async () => {
    const path = { customer_id: customerId };
    const [found, linked, units] = await Promise.all([
      api.GET("/customers/{customer_id}/objects", { params: { path, query: { limit: 100 } } }),
      api.GET("/customers/{customer_id}/contacts", { params: { path } }),
      api.GET("/customers/{customer_id}/departments", { params: { path } }),
    ]);
    setObjects(found.data?.items ?? []);
    setContacts(linked.data ?? []);
    setDepartments(units.data ?? []);
  }, [customerId]);

  useEffect(() => {
    void load();
  }, [load]);

  async function changed() {
    await load();
    onChanged(); // the customer's history has a new entry
  }

  return (
    <>
      <ObjectsCard customerId={customerId} objects={objects} onChanged={changed} />
      <ContactsCard customerId={customerId} contacts={contacts} objects={objects ?? []} onChanged={changed} />
      <DepartmentsCard customerId={customerId} departments={departments} onChanged={changed} />
    </>
  );
}
