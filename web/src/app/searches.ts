// The search parameters of each list, validated: a bookmarked or shared address reopens the same search.
import { z } from "zod";

const cursorTrail = z.array(z.string().max(2048)).max(50).catch([]).default([]);
const columns = z.array(z.string().max(64)).max(40).optional().catch(undefined);

export const customersSearch = z.object({
  q: z.string().max(100).catch("").default(""),
  status: z.enum(["active", "inactive"]).catch("active").default("active"),
  assigned: z.enum(["anyone", "me"]).catch("anyone").default("anyone"),
  sort: z.enum(["name", "number"]).catch("name").default("name"),
  order: z.enum(["asc", "desc"]).catch("asc").default("asc"),
  /** The cursors of the pages before this one, first page first; the last is this page's. */
  pages: cursorTrail,
  columns,
});
export type CustomersSearch = z.infer<typeof customersSearch>;

/** Where to go after logging in: only an address inside the app, never another site. */
export const loginSearch = z.object({
  redirect: z
    .string()
    .max(2048)
    .refine((path) => path.startsWith("/") && !path.startsWith("//"))
    .optional()
    .catch(undefined),
  ended: z.boolean().optional().catch(undefined),
});

export const usersSearch = z.object({
  customer: z.string().regex(/^[0-9A-Za-z]{1,26}$/).optional().catch(undefined),
});
