import { describe, expect, it } from "vitest";
import spec from "../../../openapi.json";
import { intlFor, translator } from "../i18n";
import en from "../i18n/en";
import { languages } from "../i18n/messages";
import { nb } from "../i18n/nb";
import sv from "../i18n/sv";
import { historyLines } from "./CustomerHistory";
import type { Definition } from "./customFields";

const catalogues = { nb, sv, en };
const reader = { t: translator(intlFor("nb", nb)), language: "nb" as const };
const definitions: Definition[] = [
  { key: "contract_date", label: "Avtaledato", type: "date" },
  { key: "cash_in_transit", label: "Verditransport", type: "boolean" },
  { key: "segment", label: "Segment", type: "choice", choices: ["Retail", "active"] },
  { key: "credit_limit", label: "Kredittgrense", type: "number" },
];

describe("customer history", () => {
  it("has a text for every kind of entry the API can send, in every language", () => {
    const actions = spec.components.schemas.CustomerHistoryAction.enum;
    expect(actions.length).toBeGreaterThan(10);
    for (const language of languages) {
      const missing = actions.filter((action) => !(`history.action.${action}` in catalogues[language]));
      expect(missing, language).toEqual([]);
    }
  });

  it("shows each changed custom field by its label, with typed values", () => {
    const lines = historyLines({
      entry_id: "1", at: "2026-11-23T10:00:00Z", actor: "admin", action: "updated",
      changes: [
        { field: "custom_fields",
          before: { contract_date: "2026-01-31", cash_in_transit: false, segment: "active" },
          after: { contract_date: "2026-12-01", cash_in_transit: true, segment: "active", credit_limit: "1500000.5" } },
        { field: "status", before: "active", after: "inactive" },
        { field: "country", before: "NO", after: "SE" },
      ],
    }, definitions, reader);
    // Number groups are separated by a no-break space, so a number never wraps in the middle.
    expect(lines.map((line) => `${line.label}: ${line.before} → ${line.after}`.replace(/\s/g, " "))).toEqual([
      "Avtaledato: 31.01.2026 → 01.12.2026",
      "Verditransport: nei → ja",
      "Kredittgrense: (tom) → 1 500 000,5",
      "Status: aktiv → inaktiv",
      "Land: Norge → Sverige",
    ]);
  });

  it("names a custom field that no longer exists by its key and says when a value was empty", () => {
    const lines = historyLines({
      entry_id: "2", at: "2026-11-23T10:00:00Z", actor: "admin", action: "created",
      changes: [{ field: "custom_fields", before: null, after: { retired: "x" } }, { field: "assigned_staff", before: [], after: ["selger", "tekniker"] }],
    }, definitions, reader);
    expect(lines.map((line) => `${line.label}: ${line.before} → ${line.after}`)).toEqual([
      "retired: (tom) → x",
      "Ansvarlig: (tom) → selger, tekniker",
    ]);
  });

  it("names the staff assigned and unassigned by the names the page knows (ORG-4)", () => {
    const names = { selger: "Sven Selger", tekniker: "Tore Tekniker" };
    const entry = (action: "assigned" | "unassigned", before: string[], after: string[]) =>
      historyLines({ entry_id: action, at: "2026-12-06T10:00:00Z", actor: "selger", action, changes: [{ field: "assigned_staff", before, after }] },
        definitions, reader, names);
    expect(entry("assigned", ["selger"], ["selger", "tekniker"]).map((line) => `${line.label}: ${line.before} → ${line.after}`))
      .toEqual(["Ansvarlig: Sven Selger → Sven Selger, Tore Tekniker"]);
    expect(entry("unassigned", ["tekniker", "gone"], []).map((line) => `${line.label}: ${line.before} → ${line.after}`))
      .toEqual(["Ansvarlig: Tore Tekniker, gone → (tom)"]);
  });

  it("reads a quote's and an invoice specification's entries in their own words (seed 003, CASE-4)", () => {
    const lines = (action: "quote_created" | "quote_declined" | "invoice_specification_published" | "invoice_specification_commented",
      changes: Parameters<typeof historyLines>[0]["changes"]) =>
      historyLines({ entry_id: action, at: "2026-12-07T10:00:00Z", actor: "admin", action, changes }, definitions, reader)
        .map((line) => `${line.label}: ${line.before} → ${line.after}`.replace(/\s/g, " "));
    expect(lines("quote_created", [
      { field: "number", before: null, after: 7 }, { field: "total", before: null, after: "1859.38 NOK" },
    ])).toEqual(["Tilbudsnummer: (tom) → 7", "Sum inkl. mva: (tom) → 1 859,38 kr"]);
    expect(lines("quote_declined", [
      { field: "status", before: "open", after: "declined" }, { field: "reason", before: null, after: "For dyrt" },
    ])).toEqual(["Status: Åpent → Avslått", "Begrunnelse: (tom) → For dyrt"]);
    expect(lines("invoice_specification_published", [
      { field: "period", before: null, after: "2026-12-01–2026-12-07" },
      { field: "totals", before: null, after: "1859.38 NOK, 120.00 SEK" },
    ])).toEqual(["Periode: (tom) → 01.12.2026–07.12.2026", "Sum inkl. mva: (tom) → 1 859,38 kr, 120,00 SEK"]);
    expect(lines("invoice_specification_commented", [
      { field: "status", before: "published", after: "commented" }, { field: "comment", before: null, after: "Kjøringen gjelder ikke oss" },
    ])).toEqual(["Status: Venter på godkjenning → Kommentert", "Kommentar: (tom) → Kjøringen gjelder ikke oss"]);
  });

  it("reads a file's entries in its own words, its object by name (CASE-5)", () => {
    const lines = historyLines({
      entry_id: "f1", at: "2026-12-08T10:00:00Z", actor: "admin", action: "file_uploaded",
      changes: [
        { field: "name", before: null, after: "Servicerapport mars.pdf" },
        { field: "linked_to", before: null, after: "object" },
        { field: "object_id", before: null, after: "01JOBJECT" },
      ],
    }, definitions, reader, { "01JOBJECT": "Nordlys Bergen Torget" }).map((line) => `${line.label}: ${line.before} → ${line.after}`);
    expect(lines).toEqual(["Filnavn: (tom) → Servicerapport mars.pdf", "Lagt på: (tom) → objekt", "Objekt: (tom) → Nordlys Bergen Torget"]);
  });

  it("reads a support ticket's entries in its own words (DOC-8)", () => {
    const lines = historyLines({
      entry_id: "t1", at: "2026-12-08T10:00:00Z", actor: "admin", action: "ticket_replied",
      changes: [
        { field: "number", before: null, after: 2 },
        { field: "subject", before: null, after: "Kortterminalen svarer ikke" },
        { field: "status", before: null, after: "in_progress" },
      ],
    }, definitions, reader).map((line) => `${line.label}: ${line.before} → ${line.after}`);
    expect(lines).toEqual(["Henvendelse nr.: (tom) → 2", "Emne: (tom) → Kortterminalen svarer ikke", "Status: (tom) → Under arbeid"]);
  });

  it("reads a moved booking slot's start as a date and time, not as the recorded ISO text (EMP-2)", () => {
    const [line] = historyLines({
      entry_id: "s1", at: "2026-12-08T10:00:00Z", actor: "admin", action: "booking_slot_changed",
      changes: [{ field: "starts_at", before: "2026-12-21T09:00:00+00:00", after: "2026-12-21T10:30:00Z" }],
    }, definitions, reader);
    expect(line.before).toMatch(/^21\.12\.2026 \d\d:00$/); // on the reader's own clock
    expect(line.after).toMatch(/^21\.12\.2026 \d\d:30$/);
  });
});
