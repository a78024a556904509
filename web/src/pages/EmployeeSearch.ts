// The employee list's search (EMP-1, seed 004 "Finn ansatte"), validated as app/searches.ts validates the others: a
// bookmarked or shared address reopens the same search. zod's small build: the router loads this with every page.
import * as z from "zod/mini";

/** A value that falls back to `fallback` when the address has none or one the app cannot use. */
function or<T extends z.core.SomeType>(schema: T, fallback: z.core.output<T>) {
  return z.catch(z._default(schema, fallback as never), fallback as never);
}

const entityId = z.catch(z.optional(z.string().check(z.regex(/^[0-9A-Za-z]{1,26}$/))), undefined);

/** Whose employees (portal users who administer several customers choose; staff come with it from the customer's
 * page), the free text (words of the name or e-mail), the department, and active or deactivated ones. */
export const employeesSearch = z.object({
  customer: entityId,
  q: or(z.string().check(z.maxLength(100)), ""),
  department: or(z.string().check(z.regex(/^[0-9A-Za-z]{0,26}$/)), ""),
  status: or(z.enum(["active", "inactive"]), "active"),
});
export type EmployeesSearch = z.infer<typeof employeesSearch>;

/** The new employee's form: for which customer. */
export const newEmployeeSearch = z.object({ customer: entityId });
