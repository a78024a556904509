// The customer register's custom fields (ORG-3): their definitions, read once per page that shows them.
import { useEffect, useState } from "react";
import { api, type components } from "../api/client";

export type Definition = components["schemas"]["CustomFieldDefinition"];

export function useCustomFields(): Definition[] {
  const [definitions, setDefinitions] = useState<Definition[]>([]);
  useEffect(() => {
    void api.GET("/settings/customer-register").then(({ data }) => setDefinitions(data?.custom_fields ?? []));
  }, []);
  return definitions;
}

/** A field's definition; a value of a field that has since been removed reads as plain text under its key. */
export function definitionOf(definitions: Definition[], key: string): Definition {
  return definitions.find((definition) => definition.key === key) ?? { key, label: key, type: "text" };
}
