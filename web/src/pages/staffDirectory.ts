// The vendor's staff by the groups administrators keep (ORG-4): the menu assignment and work orders choose staff from.
import type { components } from "../api/client";
import type { Option } from "../forms/Form";
import type { Translate } from "../i18n";
import type { MessageKey } from "../i18n/messages";

export type StaffDirectory = components["schemas"]["StaffDirectory"];
export type StaffMember = components["schemas"]["StaffMember"];

/** A staff member as a menu names them: by name, with their role when they have one. */
export function memberLabel(member: StaffMember, t: Translate): string {
  return member.role ? `${member.display_name} (${t(`role.${member.role}` as MessageKey)})` : member.display_name;
}

/** The directory's groups as a select's option groups, each member under every group it is in; members left out
 * (those assigned already) and the groups left empty are not offered. */
export function staffChoices(directory: StaffDirectory, t: Translate, leaveOut: readonly string[] = []): { label: string; options: Option[] }[] {
  return directory.groups
    .map((group) => ({
      label: group.name,
      options: group.members
        .filter((member) => !leaveOut.includes(member.username))
        .map((member) => ({ value: member.username, label: memberLabel(member, t) })),
    }))
    .filter((group) => group.options.length > 0);
}

/** Display names by username, of every member the directory lists. */
export function staffNames(directory: StaffDirectory | undefined): Record<string, string> {
  const names: Record<string, string> = {};
  for (const group of directory?.groups ?? []) for (const member of group.members) names[member.username] = member.display_name;
  return names;
}
