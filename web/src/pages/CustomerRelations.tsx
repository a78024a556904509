import { $api, byCursor, usePages } from "../api/query";
import { LoadMore } from "../ui/LoadMore";
import { ContactsCard } from "./relations/ContactsCard";
import { DepartmentsCard } from "./relations/DepartmentsCard";
import { ObjectsCard } from "./relations/ObjectsCard";

/** ORG-1/ORG-2 on a customer's page: its objects, contacts and departments, to add to and to change for those who
 * may change the customer. */
export function CustomerRelations({ customerId, editable }: { customerId: string; editable: boolean }) {
  const path = { customer_id: customerId };
  // Undefined until loaded: "none yet" must never be said about a list that has not arrived.
  const objectPages = usePages("get", "/customers/{customer_id}/objects", { params: { path, query: { limit: 100 } } }, byCursor);
  const objects = objectPages.data?.pages.flatMap((page) => page.items);
  const contacts = $api.useQuery("get", "/customers/{customer_id}/contacts", { params: { path } }).data;
  const departments = $api.useQuery("get", "/customers/{customer_id}/departments", { params: { path } }).data;
  return (
    <>
      <ObjectsCard customerId={customerId} objects={objects ?? null} editable={editable} more={<LoadMore pages={objectPages} />} />
      <ContactsCard customerId={customerId} contacts={contacts ?? null} objects={objects ?? []} editable={editable} />
      <DepartmentsCard customerId={customerId} departments={departments ?? null} editable={editable} />
    </>
  );
}
