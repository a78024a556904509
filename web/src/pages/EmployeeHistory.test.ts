import { describe, expect, it } from "vitest";
import spec from "../../../openapi.json";
import { intlFor, translator } from "../i18n";
import en from "../i18n/en";
import { languages } from "../i18n/messages";
import { nb } from "../i18n/nb";
import sv from "../i18n/sv";
import { employeeHistoryLines } from "./EmployeeHistory";

const catalogues = { nb, sv, en };
const reader = { t: translator(intlFor("nb", nb)), language: "nb" as const };
const entry = { entry_id: "1", at: "2026-11-23T10:00:00Z", actor: "kari" };

describe("employee history", () => {
  it("has a text for every kind of entry the API can send, in every language", () => {
    const actions = spec.components.schemas.EmployeeHistoryAction.enum;
    expect(actions).toContain("self_declaration_read");
    for (const language of languages) {
      const missing = actions.filter((action) => !(`history.action.${action}` in catalogues[language]));
      expect(missing, language).toEqual([]);
    }
  });

  it("words a change from before to after, with departments by name and codes in words", () => {
    const lines = employeeHistoryLines({
      ...entry, action: "employee_updated",
      changes: [
        { field: "department_id", before: null, after: "D1" },
        { field: "gender", before: "female", after: "male" },
        { field: "national_id", before: "150377*****", after: "150377*****" },
      ],
    }, reader, { D1: "Lager" }, "Nordlys Bergen AS");
    expect(lines.map((line) => [line.label, line.before, line.after])).toEqual([
      [expect.any(String), "Nordlys Bergen AS", "Lager"],
      [expect.any(String), expect.not.stringMatching(/^female$/), expect.not.stringMatching(/^male$/)],
      ["Fødselsnummer", "150377*****", "150377*****"],
    ]);
  });

  it("shows what a booking recorded as facts, its start as a date and time", () => {
    const lines = employeeHistoryLines({
      ...entry, action: "booked",
      changes: [
        { field: "place", before: null, after: "Klinikken" },
        { field: "starts_at", before: null, after: "2026-12-21T09:00:00+00:00" },
      ],
    }, reader);
    expect(lines.map((line) => line.before)).toEqual([null, null]);
    expect(lines[0].after).toBe("Klinikken");
    expect(lines[1].after).toMatch(/^21\.12\.2026 \d\d:00$/); // in the reader's own time zone
  });
});
