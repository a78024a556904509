import { Link } from "@tanstack/react-router";
import { useEffect, useRef, useState } from "react";
import { api } from "../api/client";
import { problemOf, word } from "../api/problems";
import { $api, isConflict, queryClient, refusalOf } from "../api/query";
import { employeeRoute } from "../app/router";
import { formatDate } from "../format";
import { useI18n } from "../i18n";
import { ConfirmButton } from "../ui/ConfirmButton";
import { ReasonButton } from "../ui/ReasonButton";
import { notify } from "../ui/Toasts";
import { EmployeeEditForm } from "./EmployeeForm";
import { EmployeeHistory } from "./EmployeeHistory";
import { fullName, genderKey, useDepartments, type Employee } from "./EmployeeParts";

/** RevealRequest: why the number is needed, 5 to 500 characters. */
const MIN_REASON = 5;

/** "Vis fødselsnummer": the reason first (recorded in the employee's history with who and when), then the number in
 * plain text. Read straight from the API, not through the query cache: it is kept nowhere but in the page's state. */
function RevealNationalId({ employee, onRevealed }: { employee: Employee; onRevealed: (number: string) => void }) {
  const { t } = useI18n();
  const [refusal, setRefusal] = useState<string | null>(null);
  const name = fullName(employee);

  async function run(reason: string | null, close: () => void) {
    if ((reason ?? "").length < MIN_REASON) {
      setRefusal(`${t("field.reason")}: ${t("fieldError.too_short", { min_length: MIN_REASON })}`);
      return;
    }
    const { data, error } = await api.POST("/customers/{customer_id}/employees/{employee_id}/national-id/reveal", {
      params: { path: { customer_id: employee.customer_id, employee_id: employee.employee_id } },
      body: { reason: reason ?? "" },
    }).catch(() => ({ data: undefined, error: undefined }));
    if (!data) {
      const problem = problemOf(error);
      setRefusal(problem.fields.reason ? `${t("field.reason")}: ${word(problem.fields.reason, t)}` : t(problem.summary));
      return;
    }
    setRefusal(null);
    close();
    onRevealed(data.national_id);
  }

  return (
    <ReasonButton id={`reveal-${employee.employee_id}`} label={t("employees.reveal")} title={t("employees.revealTitle", { name })}
      className="button secondary-outline small"
      refusal={(
        <>
          <p>{t("employees.revealIntro")}</p>
          {refusal ? <p className="error" role="alert">{refusal}</p> : null}
        </>
      )}
      onOpen={() => setRefusal(null)} onSubmit={(reason, close) => void run(reason, close)} />
  );
}

/** EMP-1 (seed 004 "Ansatt"): one employee's facts — company or department, birth date, gender, e-mail, mobile and
 * the national identity number masked; for the customer's employee administrators "Rediger", "Deaktiver" (or
 * "Aktiver") and "Vis fødselsnummer". Staff who see the customer read it. Below, the employee's history. */
export function EmployeePage() {
  const { t } = useI18n();
  const { customerId, employeeId } = employeeRoute.useParams();
  const found = $api.useQuery("get", "/customers/{customer_id}/employees/{employee_id}",
    { params: { path: { customer_id: customerId, employee_id: employeeId } } }, { retry: false });
  const customer = $api.useQuery("get", "/customers/{customer_id}", { params: { path: { customer_id: customerId } } }).data;
  const setStatus = $api.useMutation("put", "/customers/{customer_id}/employees/{employee_id}/status");
  // The departments by name, for the history's changes of department.
  const departments = Object.fromEntries(useDepartments(customerId).map((department) => [department.department_id, department.name]));
  const [editing, setEditing] = useState(false);
  const [refusal, setRefusal] = useState<unknown>(null);
  // The number in plain text, for the version it was read at: gone on leaving the page, on "Skjul", or once changed.
  const [revealed, setRevealed] = useState<{ version: number; number: string } | null>(null);
  const employee = found.data;
  const plain = employee && revealed && revealed.version === employee.version ? revealed.number : null;
  const shownNumber = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    // The dialog's button is gone once the number shows: focus goes to the number, which a screen reader reads out.
    if (plain) shownNumber.current?.focus();
  }, [plain]);
  const back = <Link to="/employees" search={{ customer: customerId }}>{t("employees.back")}</Link>;

  if (!employee) {
    return (
      <section className="card">
        {back}
        <h1 tabIndex={-1}>{t("employees.employee")}</h1>
        {found.error ? (
          <p className="error" role="alert">
            {problemOf(found.error).code === "not_found" ? t("employees.notFound") : t(problemOf(found.error).summary)}
          </p>
        ) : <p role="status">{t("loading")}</p>}
      </section>
    );
  }

  const name = fullName(employee);
  const active = employee.status !== "inactive";

  async function toggleStatus(current: Employee) {
    const status = current.status === "inactive" ? "active" : "inactive";
    const refused = await refusalOf(setStatus.mutateAsync({
      params: { path: { customer_id: current.customer_id, employee_id: current.employee_id } },
      body: { status, version: current.version },
    }));
    setRefusal(refused);
    if (!refused) notify(t(status === "inactive" ? "toast.deactivated" : "toast.reactivated", { name: fullName(current) }));
  }

  function showRevealed(number: string) {
    if (!employee) return;
    setRevealed({ version: employee.version, number });
    // The reveal is read straight from the API (no mutation): its entry in the history is asked for here.
    void queryClient.invalidateQueries({ queryKey: ["get", "/customers/{customer_id}/employees/{employee_id}/history"] });
  }

  return (
    <>
      <section className="card" aria-labelledby="employee-heading">
        {back}
        <div className="card-header">
          <h1 id="employee-heading" tabIndex={-1} className="long-text">
            {name} {active ? null : <span className="badge">{t("employees.inactive")}</span>}
          </h1>
          {employee.may_change && !editing ? (
            <div className="actions compact">
              <button type="button" onClick={() => { setRefusal(null); setRevealed(null); setEditing(true); }}>{t("employees.edit")}</button>
              {active ? (
                <ConfirmButton label={t("employees.deactivate")} title={t("employees.deactivateTitle", { name })}
                  confirmLabel={t("employees.deactivate")} onConfirm={() => toggleStatus(employee)}>
                  <p>{t("employees.deactivateConfirm")}</p>
                </ConfirmButton>
              ) : (
                <ConfirmButton label={t("employees.reactivate")} title={t("employees.reactivateTitle", { name })} tone="primary"
                  confirmLabel={t("employees.reactivate")} onConfirm={() => toggleStatus(employee)}>
                  <p>{t("employees.reactivateConfirm")}</p>
                </ConfirmButton>
              )}
            </div>
          ) : null}
        </div>
        {customer ? <p className="muted">{t("employees.at", { customer: customer.name })}</p> : null}
        {refusal ? (
          <div className="error" role="alert">
            <p>{isConflict(refusal) ? t("employees.changedMeanwhile") : t(problemOf(refusal).summary)}</p>
            {isConflict(refusal) ? (
              <button type="button" className="secondary-outline small" onClick={() => { setRefusal(null); void found.refetch(); }}>{t("conflict.reload")}</button>
            ) : null}
          </div>
        ) : null}
        {editing ? (
          <>
            <h2>{t("employees.editHeading")}</h2>
            {/* Read again after a conflict, the form starts over from what is saved now. */}
            <EmployeeEditForm key={employee.version} employee={employee} companyName={customer?.name}
              onCancel={() => setEditing(false)} onReload={() => void found.refetch()}
              onSaved={(saved) => { setRefusal(null); setEditing(false); notify(t("toast.saved", { name: fullName(saved) })); }} />
          </>
        ) : (
          <>
            <dl className="details">
              <div>
                <dt>{t("employees.field.department_id")}</dt>
                <dd>{employee.department_name ?? customer?.name ?? "–"}</dd>
              </div>
              <div>
                <dt>{t("employees.field.birth_date")}</dt>
                <dd>{employee.birth_date ? formatDate(employee.birth_date) : "–"}</dd>
              </div>
              <div>
                <dt>{t("employees.field.gender")}</dt>
                <dd>{employee.gender ? t(genderKey(employee.gender)) : t("employees.gender.none")}</dd>
              </div>
              <div>
                <dt>{t("employees.field.email")}</dt>
                <dd><a href={`mailto:${employee.email}`}>{employee.email}</a></dd>
              </div>
              <div>
                <dt>{t("employees.field.mobile")}</dt>
                <dd>{employee.mobile || "–"}</dd>
              </div>
              <div>
                <dt>{t("employees.nationalId")}</dt>
                <dd>
                  {plain ? (
                    <>
                      <span className="nowrap" tabIndex={-1} ref={shownNumber}>{plain}</span>{" "}
                      <button type="button" className="link" onClick={() => setRevealed(null)}>{t("employees.hide")}</button>
                      <p className="hint" role="status">{t("employees.revealed")}</p>
                    </>
                  ) : employee.national_id_masked ? (
                    <>
                      <span className="nowrap">{employee.national_id_masked}</span>
                      {employee.may_change ? (
                        <div><RevealNationalId employee={employee} onRevealed={showRevealed} /></div>
                      ) : null}
                    </>
                  ) : t("employees.notRegistered")}
                </dd>
              </div>
            </dl>
            {employee.may_change ? null : <p className="muted">{t("employees.readOnly")}</p>}
          </>
        )}
      </section>
      <EmployeeHistory customerId={customerId} employeeId={employeeId} departments={departments} company={customer?.name} />
    </>
  );
}
