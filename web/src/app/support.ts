// Customer service as an administrator set it (GET /support-contacts), and links that reach it.
import { $api } from "../api/query";

export function useSupportContacts() {
  return $api.useQuery("get", "/support-contacts", {}, { staleTime: 10 * 60_000 }).data;
}

/** A mailto: link with its subject and text filled in (RFC 6068: percent-encoded, spaces as %20, not +). */
export function mailto(address: string, subject: string, body?: string): string {
  const fields = [`subject=${encodeURIComponent(subject)}`, ...(body ? [`body=${encodeURIComponent(body)}`] : [])];
  return `mailto:${address}?${fields.join("&")}`;
}

/** A tel: link for a phone number as people write it ("+47 21 00 00 00"). */
export function tel(phone: string): string {
  return `tel:${phone.replace(/[^+\d]/g, "")}`;
}
