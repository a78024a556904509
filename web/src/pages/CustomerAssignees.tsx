import { useState } from "react";
import { z } from "zod";
import { problemOf } from "../api/problems";
import { $api, isConflict, refusalOf } from "../api/query";
import { usePrincipal } from "../app/session";
import { Form, SelectField } from "../forms/Form";
import { useApiForm } from "../forms/useApiForm";
import { useI18n } from "../i18n";
import type { MessageKey } from "../i18n/messages";
import { ConfirmButton } from "../ui/ConfirmButton";
import { notify } from "../ui/Toasts";
import { staffChoices, staffNames, type StaffDirectory, type StaffMember } from "./staffDirectory";

const ASSIGN_FORM = "assign";
const assignSchema = z.object({ username: z.string().min(1) });

/** Whether the login makes staff responsible for customers (the Assign right); it also reads the staff directory. */
function useMayAssign(): boolean {
  const me = usePrincipal();
  return me.kind === "staff" && me.permissions.includes("assign");
}

/** Who is and was assigned, by name: the customer's assignees and, for those who assign, the whole directory. The
 * customer's history names them so (it records usernames). */
export function useStaffNames(customerId: string): Record<string, string> {
  const mayAssign = useMayAssign();
  const assignment = $api.useQuery("get", "/customers/{customer_id}/assignees", { params: { path: { customer_id: customerId } } });
  const directory = $api.useQuery("get", "/staff-groups", {}, { enabled: mayAssign });
  const names = staffNames(directory.data);
  for (const member of assignment.data?.assigned_staff ?? []) names[member.username] = member.display_name;
  return names;
}

/** The menu of staff by group; those assigned already are not offered again. */
function AssignForm({ customerId, customerName, directory, assigned }: {
  customerId: string; customerName: string; directory: StaffDirectory; assigned: StaffMember[];
}) {
  const { t } = useI18n();
  const assign = $api.useMutation("put", "/customers/{customer_id}/assignees/{username}");
  const form = useApiForm(assignSchema, { username: "" });
  const groups = staffChoices(directory, t, assigned.map((member) => member.username));
  const names = staffNames(directory);

  async function submit(values: z.infer<typeof assignSchema>) {
    const refused = await refusalOf(assign.mutateAsync({ params: { path: { customer_id: customerId, username: values.username } } }));
    if (refused) return form.refuse(refused);
    notify(t("toast.assigned", { name: names[values.username] ?? values.username, customer: customerName }));
    form.reset({ username: "" });
  }

  if (!directory.groups.some((group) => group.members.length)) return <p className="muted">{t("assignees.noStaff")}</p>;
  if (!groups.length) return <p className="muted">{t("assignees.allAssigned")}</p>;
  return (
    <Form form={form} id={ASSIGN_FORM} onSubmit={submit} label={t("assignees.assign")} labelOf={() => t("assignees.staff")}>
      <div className="grid">
        <SelectField name="username" label={t("assignees.staff")} required hint={t("assignees.staffHint")}
          options={[{ value: "", label: t("assignees.choose") }]} groups={groups} />
      </div>
      <div className="actions">
        <button type="submit">{t("assignees.assignSubmit")}</button>
      </div>
    </Form>
  );
}

/** ORG-4: the staff responsible for a customer; staff with the Assign right assign more from the groups administrators
 * keep, and unassign. The assigned are told by e-mail, and new cases of the customer go to them. */
export function CustomerAssignees({ customerId, customerName }: { customerId: string; customerName: string }) {
  const { t } = useI18n();
  const mayAssign = useMayAssign();
  const path = { customer_id: customerId };
  const assignment = $api.useQuery("get", "/customers/{customer_id}/assignees", { params: { path } });
  const directory = $api.useQuery("get", "/staff-groups", {}, { enabled: mayAssign });
  const unassign = $api.useMutation("delete", "/customers/{customer_id}/assignees/{username}");
  const [refusal, setRefusal] = useState<unknown>(null);
  const assigned = assignment.data?.assigned_staff;

  async function remove(member: StaffMember) {
    const refused = await refusalOf(unassign.mutateAsync({ params: { path: { ...path, username: member.username } } }));
    setRefusal(refused);
    if (!refused) notify(t("toast.unassigned", { name: member.display_name, customer: customerName }));
  }

  return (
    <section className="card" aria-labelledby="assignees-heading">
      <h2 id="assignees-heading">{t("assignees.heading")}</h2>
      <p className="muted">{t("assignees.intro")}</p>
      {assignment.error ? <p className="error" role="alert">{t(problemOf(assignment.error).summary)}</p> : null}
      {refusal ? (
        <div className="error" role="alert">
          <p>{t(problemOf(refusal).summary)}</p>
          {isConflict(refusal) || problemOf(refusal).code === "not_assigned" ? (
            <button type="button" className="secondary-outline" onClick={() => { setRefusal(null); void assignment.refetch(); }}>{t("conflict.reload")}</button>
          ) : null}
        </div>
      ) : null}
      {assigned === undefined ? (assignment.error ? null : <p role="status">{t("loading")}</p>) : assigned.length === 0 ? <p>{t("assignees.none")}</p> : (
        <ul className="plain-list">
          {assigned.map((member) => (
            <li key={member.username}>
              <div className="row">
                <div>
                  <strong>{member.display_name}</strong>
                  {member.role ? ` (${t(`role.${member.role}` as MessageKey)})` : ""}
                </div>
                {mayAssign ? (
                  <ConfirmButton className="button secondary-outline small" label={t("assignees.unassign")}
                    ariaLabel={t("assignees.unassignMember", { name: member.display_name })}
                    title={t("assignees.unassignTitle", { name: member.display_name })} confirmLabel={t("assignees.unassignYes")}
                    onConfirm={() => remove(member)}>
                    <p>{t("assignees.unassignConfirm", { name: member.display_name })}</p>
                  </ConfirmButton>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      )}
      {mayAssign && assigned ? (
        <>
          <h3>{t("assignees.assign")}</h3>
          {directory.error ? <p className="error" role="alert">{t(problemOf(directory.error).summary)}</p> : null}
          {directory.data ? (
            <AssignForm customerId={customerId} customerName={customerName} directory={directory.data} assigned={assigned} />
          ) : directory.error ? null : <p role="status">{t("loading")}</p>}
        </>
      ) : null}
    </section>
  );
}
