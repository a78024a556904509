import { Link, useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { Controller } from "react-hook-form";
import { z } from "zod";
import { word } from "../api/problems";
import { $api, isConflict } from "../api/query";
import { newEmployeeRoute } from "../app/router";
import { Form, SelectField, TextField, inputIdOf } from "../forms/Form";
import { optionalPhone } from "../forms/fields";
import { decode } from "../forms/messages";
import { useApiForm } from "../forms/useApiForm";
import { useI18n } from "../i18n";
import { DateField } from "../ui/DateField";
import { notify } from "../ui/Toasts";
import {
  GENDERS, MAX_EMAIL, MAX_NAME, MAX_NATIONAL_ID, fullName, genderKey, useDepartments, useEmployeeCustomer, type Department, type Employee, type Gender,
} from "./EmployeeParts";

const employeeSchema = z.object({
  first_name: z.string().trim().min(1).max(MAX_NAME),
  last_name: z.string().trim().min(1).max(MAX_NAME),
  // Required: appointments and self-declaration forms go to it (seed 004).
  email: z.string().trim().min(1).max(MAX_EMAIL).pipe(z.email()),
  mobile: optionalPhone,
  birth_date: z.string(),
  gender: z.enum(["", ...GENDERS]),
  department_id: z.string(),
  // Write-only: typed, sent, never shown back (the page shows it masked). The API checks its digits.
  national_id: z.string().trim().max(MAX_NATIONAL_ID),
});
type EmployeeValues = z.input<typeof employeeSchema>;
const EMPTY: EmployeeValues = { first_name: "", last_name: "", email: "", mobile: "", birth_date: "", gender: "", department_id: "", national_id: "" };

function valuesOf(employee: Employee): EmployeeValues {
  return {
    first_name: employee.first_name, last_name: employee.last_name, email: employee.email, mobile: employee.mobile ?? "",
    birth_date: employee.birth_date ?? "", gender: employee.gender ?? "", department_id: employee.department_id ?? "", national_id: "",
  };
}

type Sent = {
  first_name: string; last_name: string; email: string; mobile: string | null; birth_date: string | null; gender: Gender | null;
  department_id: string | null;
};

/** The fields an employee's form sends, blanks as none (EmployeeInput; a patch sends only those changed). */
function bodyOf(values: EmployeeValues): Sent {
  return {
    first_name: values.first_name.trim(),
    last_name: values.last_name.trim(),
    email: values.email.trim(),
    mobile: values.mobile.trim() || null,
    birth_date: values.birth_date || null,
    gender: values.gender || null,
    department_id: values.department_id || null,
  };
}

/** The fields of a new or an existing employee (seed 004 "Rediger ansatt"): the number is typed, never shown back. */
function EmployeeFields({ formId, departments, current, companyName }: {
  formId: string;
  departments: Department[];
  /** The employee changed, or none for a new one. */
  current?: Employee;
  /** The customer itself, chosen when the employee is in none of its departments. */
  companyName: string | undefined;
}) {
  const { t } = useI18n();
  const labels = useLabels();
  // Active departments, and the employee's own even when it has been deactivated since.
  const choices = departments.filter((department) => department.active !== false || department.department_id === current?.department_id);
  return (
    <>
      <div className="grid wide-fields">
        <TextField name="first_name" label={labels.first_name} required autoComplete="off" />
        <TextField name="last_name" label={labels.last_name} required autoComplete="off" />
        <TextField name="email" label={labels.email} type="email" required autoComplete="off" hint={t("employees.emailHint")} />
        <TextField name="mobile" label={labels.mobile} type="tel" autoComplete="off" />
        <BirthDateField formId={formId} label={labels.birth_date} />
        <SelectField name="gender" label={labels.gender}
          options={[{ value: "", label: t("employees.gender.none") }, ...GENDERS.map((gender) => ({ value: gender, label: t(genderKey(gender)) }))]} />
        <SelectField name="department_id" label={labels.department_id}
          options={[
            { value: "", label: companyName ?? t("employees.noDepartment") },
            ...choices.map((department) => ({ value: department.department_id, label: department.name })),
          ]} />
        <TextField name="national_id" label={labels.national_id} inputMode="numeric" autoComplete="off"
          hint={current
            ? current.national_id_masked ? t("employees.nationalIdChangeHint", { masked: current.national_id_masked }) : t("employees.nationalIdNoneHint")
            : t("employees.nationalIdHint")} />
      </div>
    </>
  );
}

function BirthDateField({ formId, label }: { formId: string; label: string }) {
  const { t } = useI18n();
  return (
    <Controller name="birth_date" render={({ field, fieldState }) => {
      const text = decode(fieldState.error?.message);
      return (
        <DateField id={inputIdOf(formId, "birth_date")} label={label} value={field.value || null}
          onChange={(value) => field.onChange(value ?? "")} onBlur={field.onBlur}
          error={text ? word(text, t) : null} hint={t("employees.birthDateHint")} />
      );
    }} />
  );
}

function useLabels(): Record<keyof EmployeeValues, string> {
  const { t } = useI18n();
  return {
    first_name: t("employees.field.first_name"), last_name: t("employees.field.last_name"), email: t("employees.field.email"),
    mobile: t("employees.field.mobile"), birth_date: t("employees.field.birth_date"), gender: t("employees.field.gender"),
    department_id: t("employees.field.department_id"), national_id: t("employees.field.national_id"),
  };
}

const NEW_FORM = "new-employee";

/** Seed 004 "Ny ansatt": the employee is added to the customer, and its page opens. */
export function NewEmployeePage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const search = newEmployeeRoute.useSearch();
  const { customerId, customer, mayAdd } = useEmployeeCustomer(search.customer);
  const departments = useDepartments(customerId);
  const create = $api.useMutation("post", "/customers/{customer_id}/employees");
  const form = useApiForm(employeeSchema, EMPTY);
  const labels = useLabels();
  // One key per employee being added: sent again after a lost answer, the employee is added once.
  const [key, setKey] = useState(() => crypto.randomUUID());
  const back = <Link to="/employees" search={{ customer: customerId || undefined }}>{t("employees.back")}</Link>;

  async function submit(values: EmployeeValues) {
    let added: Employee;
    try {
      added = await create.mutateAsync({
        params: { path: { customer_id: customerId } },
        body: { ...bodyOf(values), national_id: values.national_id.trim() || null },
        headers: { "Idempotency-Key": key },
      });
    } catch (refused) {
      // The number typed stays in its field to be corrected; it is never shown anywhere else.
      return form.refuse(refused);
    }
    setKey(crypto.randomUUID());
    form.reset(EMPTY);
    notify(t("toast.employeeAdded", { name: fullName(added) }));
    void navigate({ to: "/employees/$customerId/$employeeId", params: { customerId, employeeId: added.employee_id } });
  }

  return (
    <section className="card" aria-labelledby="new-employee-heading">
      {back}
      <h1 id="new-employee-heading" tabIndex={-1}>{t("employees.new")}</h1>
      {customer ? <p className="muted">{t("employees.newIntro", { customer: customer.name })}</p> : null}
      {!customerId || (customer && !mayAdd) ? <p>{t("employees.readOnly")}</p> : null}
      {customer && mayAdd ? (
        <Form form={form} id={NEW_FORM} onSubmit={submit} label={t("employees.new")} labelOf={(field) => labels[field as keyof EmployeeValues] ?? field}>
          <EmployeeFields formId={NEW_FORM} departments={departments} companyName={customer.name} />
          <div className="actions">
            <button type="submit">{t("employees.add")}</button>
            <Link to="/employees" search={{ customer: customerId }}>{t("dialog.cancel")}</Link>
          </div>
        </Form>
      ) : null}
    </section>
  );
}

const EDIT_FORM = "edit-employee";

/** Seed 004 "Rediger": every field, against the version read; a number typed replaces the one registered (it cannot
 * be removed). Only what changed is sent. */
export function EmployeeEditForm({ employee, companyName, onSaved, onCancel, onReload }: {
  employee: Employee;
  companyName: string | undefined;
  onSaved: (saved: Employee) => void;
  onCancel: () => void;
  /** Reads the employee again after someone else changed it meanwhile (the page then starts the form over). */
  onReload: () => void;
}) {
  const { t } = useI18n();
  const departments = useDepartments(employee.customer_id);
  const change = $api.useMutation("patch", "/customers/{customer_id}/employees/{employee_id}");
  const form = useApiForm(employeeSchema, valuesOf(employee));
  const labels = useLabels();
  const [refusal, setRefusal] = useState<unknown>(null);

  async function submit(values: EmployeeValues) {
    const before = bodyOf(valuesOf(employee));
    const after = bodyOf(values);
    const changed: Partial<Sent> = Object.fromEntries(
      (Object.keys(after) as (keyof Sent)[]).filter((field) => after[field] !== before[field]).map((field) => [field, after[field]]),
    );
    const number = values.national_id.trim();
    if (!Object.keys(changed).length && !number) return onCancel();
    let saved: Employee;
    try {
      saved = await change.mutateAsync({
        params: { path: { customer_id: employee.customer_id, employee_id: employee.employee_id } },
        body: { version: employee.version, ...changed, ...(number ? { national_id: number } : {}) },
      });
    } catch (refused) {
      setRefusal(refused);
      return form.refuse(refused);
    }
    onSaved(saved);
  }

  return (
    <Form form={form} id={EDIT_FORM} onSubmit={submit} label={t("employees.editHeading")} labelOf={(field) => labels[field as keyof EmployeeValues] ?? field}>
      {isConflict(refusal) ? (
        <p className="notice">
          {t("employees.changedMeanwhile")}{" "}
          <button type="button" className="secondary-outline small" onClick={() => { setRefusal(null); form.clearProblem(); onReload(); }}>
            {t("conflict.reload")}
          </button>
        </p>
      ) : null}
      <EmployeeFields formId={EDIT_FORM} departments={departments} current={employee} companyName={companyName} />
      <div className="actions">
        <button type="submit">{t("employees.save")}</button>
        <button type="button" className="link" onClick={onCancel}>{t("dialog.cancel")}</button>
      </div>
    </Form>
  );
}
