// What the employee pages (EMP-1, seed 004 "Ansatte") share: the types, genders and their words, whose employees a
// page shows, and the customer's departments (for the filter, the form's choice and the list's column).
import type { components } from "../api/client";
import { $api } from "../api/query";
import { customersWhoseEmployeesItAdministers, hasRole } from "../app/sections";
import { usePrincipal } from "../app/session";
import type { MessageKey } from "../i18n/messages";
import { useAreaCustomer } from "./customerChoice";

export type Employee = components["schemas"]["EmployeeView"];
export type EmployeeSummary = components["schemas"]["EmployeeSummary"];
export type Gender = components["schemas"]["Gender"];
export type Department = components["schemas"]["Department"];

export const GENDERS = ["female", "male", "other"] as const satisfies readonly Gender[];
export const genderKey = (gender: Gender) => `employees.gender.${gender}` as MessageKey;

/** EmployeeInput's limits. */
export const MAX_NAME = 200;
export const MAX_EMAIL = 254;
export const MAX_NATIONAL_ID = 20;

/** Whose employees a page shows: the customer in the address, else (portal users) the one the login is linked to
 * among those it administers employees for. `mayAdd`: the login is that customer's employee administrator (staff
 * only read). */
export function useEmployeeCustomer(requested: string | undefined) {
  const me = usePrincipal();
  const administered = customersWhoseEmployeesItAdministers(me);
  const { customerId, customer } = useAreaCustomer(requested, administered);
  return { customerId, customer, administered, mayAdd: Boolean(customerId) && hasRole(me, customerId, "employee_administrator") };
}

/** The customer's departments, inactive ones too (an employee may still be in one); none while there is no customer. */
export function useDepartments(customerId: string): Department[] {
  return $api.useQuery("get", "/customers/{customer_id}/departments", { params: { path: { customer_id: customerId } } },
    { enabled: Boolean(customerId) }).data ?? [];
}

export function fullName(employee: { first_name: string; last_name: string }): string {
  return `${employee.first_name} ${employee.last_name}`;
}
