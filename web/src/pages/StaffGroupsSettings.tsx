import { useState } from "react";
import { useFieldArray, useWatch, type Control } from "react-hook-form";
import { z } from "zod";
import { problemOf, type Problem } from "../api/problems";
import { $api, isConflict, refusalOf } from "../api/query";
import { Form, TextField } from "../forms/Form";
import { encode } from "../forms/messages";
import { useApiForm } from "../forms/useApiForm";
import { useI18n } from "../i18n";
import { notify } from "../ui/Toasts";
import { staffNames, type StaffDirectory } from "./staffDirectory";

const FORM = "staff-groups";
const MAX_GROUPS = 50; // MAX_GROUPS in portal.staff.models
const MAX_MEMBERS = 200; // MAX_MEMBERS

const groupsSchema = z.object({
  groups: z.array(z.object({
    name: z.string().trim().min(1).max(100),
    // One input per member, so the API's problem with the member at a place shows at its input.
    members: z.array(z.object({ username: z.string().trim().min(1).max(254) })).max(MAX_MEMBERS),
  })).max(MAX_GROUPS),
}).superRefine((values, context) => {
  // Two groups with one name (in any case) are refused by the API too; said here before anything is sent.
  const seen = new Set<string>();
  values.groups.forEach((group, index) => {
    const name = group.name.trim().toLocaleLowerCase();
    if (name && seen.has(name)) context.addIssue({ code: "custom", path: ["groups", index, "name"], message: encode({ key: "fieldError.duplicate_group" }) });
    seen.add(name);
  });
});
type Values = z.input<typeof groupsSchema>;

function formValues(directory: StaffDirectory): Values {
  return {
    groups: directory.groups.map((group) => ({ name: group.name, members: group.members.map((member) => ({ username: member.username })) })),
  };
}

/** The API names a member's problem by its place (`groups.0.members.2`); the form's input is that member's username. */
function atInputs(problem: Problem): Problem {
  const fields = Object.fromEntries(Object.entries(problem.fields).map(([field, text]) => [
    /^groups\.\d+\.members\.\d+$/.test(field) ? `${field}.username` : field, text,
  ]));
  return { ...problem, fields };
}

function Member({ control, group, index, names, groupName, onRemove }: {
  control: Control<Values>; group: number; index: number; names: Record<string, string>; groupName: string; onRemove: () => void;
}) {
  const { t } = useI18n();
  const username = useWatch({ control, name: `groups.${group}.members.${index}.username` })?.trim() ?? "";
  return (
    <div className="member-row">
      <TextField name={`groups.${group}.members.${index}.username`} label={t("staffGroups.member", { number: index + 1 })} autoComplete="off"
        required hint={names[username] ?? undefined} />
      <button type="button" className="secondary-outline small" aria-label={t("staffGroups.removeMember", { name: username || t("staffGroups.emptyMember", { number: index + 1 }), group: groupName })}
        onClick={onRemove}>{t("staffGroups.remove")}</button>
    </div>
  );
}

function GroupFields({ control, index, names, onRemove }: {
  control: Control<Values>; index: number; names: Record<string, string>; onRemove: () => void;
}) {
  const { t } = useI18n();
  const members = useFieldArray({ control, name: `groups.${index}.members` });
  const written = useWatch({ control, name: `groups.${index}.name` })?.trim();
  const groupName = written || t("staffGroups.newGroup");
  return (
    <fieldset className="definition">
      <legend>{groupName}</legend>
      <div className="grid">
        <TextField name={`groups.${index}.name`} label={t("staffGroups.name")} required autoComplete="off" />
      </div>
      {members.fields.length ? null : <p className="muted">{t("staffGroups.noMembers")}</p>}
      {members.fields.map((member, place) => (
        <Member key={member.id} control={control} group={index} index={place} names={names} groupName={groupName} onRemove={() => members.remove(place)} />
      ))}
      <div className="actions">
        {members.fields.length < MAX_MEMBERS ? (
          <button type="button" className="secondary-outline small" aria-label={t("staffGroups.addMemberTo", { group: groupName })}
            onClick={() => members.append({ username: "" })}>{t("staffGroups.addMember")}</button>
        ) : null}
        <button type="button" className="secondary-outline small" aria-label={t("staffGroups.removeGroupNamed", { group: groupName })}
          onClick={onRemove}>{t("staffGroups.removeGroup")}</button>
      </div>
    </fieldset>
  );
}

/** The groups as a form: each group's name and its members by username (the API checks each is active staff). */
function StaffGroupsForm({ directory, onReload, onDone }: { directory: StaffDirectory; onReload: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const save = $api.useMutation("put", "/staff-groups");
  const [conflict, setConflict] = useState(false);
  const form = useApiForm(groupsSchema, formValues(directory));
  const groups = useFieldArray({ control: form.control, name: "groups" });
  const written = useWatch({ control: form.control, name: "groups" });
  const names = staffNames(directory);

  async function submit(values: Values) {
    const body = {
      version: directory.version,
      groups: values.groups.map((group) => ({ name: group.name.trim(), members: group.members.map((member) => member.username.trim()) })),
    };
    const refused = await refusalOf(save.mutateAsync({ body }));
    setConflict(isConflict(refused));
    if (refused) return form.refuse(atInputs(problemOf(refused)));
    notify(t("staffGroups.saved"));
    onDone();
  }

  const nameOf = (index: number) => written[index]?.name?.trim() || t("staffGroups.newGroup");
  const labelOf = (path: string) => {
    const [, group, part, member] = path.split(".");
    if (part === "members" && member !== undefined) {
      const username = written[Number(group)]?.members[Number(member)]?.username?.trim();
      return `${nameOf(Number(group))}: ${t("staffGroups.member", { number: Number(member) + 1 })}${username ? ` (${username})` : ""}`;
    }
    return part === "name" ? `${nameOf(Number(group))}: ${t("staffGroups.name")}` : path;
  };

  return (
    <Form form={form} id={FORM} onSubmit={submit} label={t("staffGroups.edit")} labelOf={labelOf}>
      {conflict ? (
        <p className="notice">
          {t("settings.conflict")}{" "}
          <button type="button" className="secondary-outline small" onClick={onReload}>{t("conflict.reload")}</button>
        </p>
      ) : null}
      <p className="muted">{t("staffGroups.membersHint")}</p>
      {groups.fields.length ? null : <p>{t("staffGroups.none")}</p>}
      {groups.fields.map((group, index) => (
        <GroupFields key={group.id} control={form.control} index={index} names={names} onRemove={() => groups.remove(index)} />
      ))}
      <div className="actions">
        {groups.fields.length < MAX_GROUPS ? (
          <button type="button" className="secondary-outline" onClick={() => groups.append({ name: "", members: [{ username: "" }] })}>
            {t("staffGroups.addGroup")}
          </button>
        ) : null}
        <button type="submit">{t("staffGroups.save")}</button>
        <button type="button" className="secondary-outline" onClick={onDone}>{t("customer.cancel")}</button>
      </div>
    </Form>
  );
}

/** ORG-4 for administrators: the groups the assignment menu (and the work orders' technician) lists staff by. */
export function StaffGroupsSettings() {
  const { t } = useI18n();
  const directory = $api.useQuery("get", "/staff-groups");
  const [editing, setEditing] = useState(false);
  const data = directory.data;
  return (
    <section className="card" aria-labelledby="staff-groups-heading">
      <h2 id="staff-groups-heading">{t("staffGroups.heading")}</h2>
      <p className="muted">{t("staffGroups.intro")}</p>
      {directory.error ? <p className="error" role="alert">{t(problemOf(directory.error).summary)}</p> : null}
      {!data ? (directory.error ? null : <p role="status">{t("loading")}</p>) : editing ? (
        // A new key after a reload builds the form from what is stored now.
        <StaffGroupsForm key={data.version} directory={data} onReload={() => void directory.refetch()} onDone={() => setEditing(false)} />
      ) : (
        <>
          {data.groups.length === 0 ? <p>{t("staffGroups.none")}</p> : (
            <ul className="plain-list">
              {data.groups.map((group) => (
                <li key={group.name}>
                  <strong>{group.name}</strong>
                  <div className="muted">
                    {group.members.length
                      ? group.members.map((member) => `${member.display_name} (${member.username})`).join(", ")
                      : t("staffGroups.noMembers")}
                  </div>
                </li>
              ))}
            </ul>
          )}
          <div className="actions">
            <button type="button" onClick={() => setEditing(true)}>{t("staffGroups.edit")}</button>
          </div>
        </>
      )}
    </section>
  );
}
