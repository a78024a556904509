// The customer register's custom fields (ORG-3): their definitions, read once and shared by every page.
import type { components } from "../api/client";
import { $api } from "../api/query";
import type { Language } from "../i18n/messages";

export type Definition = components["schemas"]["CustomFieldDefinition"];

/** The definitions, or undefined until they have arrived (a form must not be built without them). */
export function useCustomFields(): Definition[] | undefined {
  const { data } = $api.useQuery("get", "/settings/customer-register", {}, { staleTime: 5 * 60_000 });
  return data?.custom_fields;
}

/** A field's definition; a value of a field that has since been removed reads as plain text under its key. */
export function definitionOf(definitions: Definition[], key: string): Definition {
  return definitions.find((definition) => definition.key === key) ?? { key, label: key, type: "text" };
}

/** A field's label in the reader's language, or the label it was given where that language has none. */
export function labelIn(definition: Definition, language: Language): string {
  return definition.labels?.[language] ?? definition.label;
}
