import { describe, expect, it } from "vitest";
import spec from "../../../openapi.json";
import { intlFor, translator } from "../i18n";
import en from "../i18n/en";
import { hasText, languages } from "../i18n/messages";
import { nb } from "../i18n/nb";
import sv from "../i18n/sv";
import {
  MAX_IMPORT_BYTES, failureText, importFileProblem, importStatusKey, reasonField, reasonText, type ImportStatus, type RowReason,
} from "./customerImportParts";

const catalogues = { nb, sv, en };
const norwegian = translator(intlFor("nb", nb));

function reason(field: string, code: string, message = "the API's words"): RowReason {
  return { field, code, message };
}

describe("a customer register upload (ORG-3)", () => {
  it("refuses, before any request, what the API would refuse", () => {
    expect(MAX_IMPORT_BYTES).toBe(spec.components.schemas.CustomerImportInput.properties.size.maximum);
    expect(importFileProblem({ name: "kunder.csv", size: 1200 })).toBeNull();
    expect(importFileProblem({ name: "Kunder 2024.CSV ", size: 1200 })).toBeNull();
    expect(importFileProblem({ name: "kunder.txt", size: MAX_IMPORT_BYTES })).toBeNull();
    expect(importFileProblem({ name: "kunder.xlsx", size: 1200 })).toBe("customerImport.notCsv");
    expect(importFileProblem({ name: "kunder", size: 1200 })).toBe("customerImport.notCsv");
    expect(importFileProblem({ name: "kunder.csv", size: 0 })).toBe("customerImport.emptyFile");
    expect(importFileProblem({ name: "kunder.csv", size: MAX_IMPORT_BYTES + 1 })).toBe("customerImport.tooLarge");
  });

  it("words every status and every reason a whole file is refused for, in every language", () => {
    const statuses = spec.components.schemas.ImportStatus.enum as ImportStatus[];
    const failures = ["unreadable_file", "missing_columns", "unknown_columns", "duplicate_columns", "file_too_large", "too_many_customers"];
    for (const language of languages) {
      const t = translator(intlFor(language, catalogues[language]));
      for (const status of statuses) expect(catalogues[language][importStatusKey(status)], status).toBeTruthy();
      for (const code of failures) expect(failureText({ error_code: code, error_message: "English" }, t), code).not.toBe("English");
    }
    expect(failureText({ error_code: "something_newer", error_message: "The API's words" }, norwegian)).toBe("The API's words");
  });

  it("words a rejected row's reasons in the catalogue's words, and the API's where it has none", () => {
    expect(reasonText(reason("organisation_number", "invalid_organisation_number"), norwegian)).toBe(
      "Organisasjonsnummeret er ikke gyldig (kontrollsiffer stemmer ikke).",
    );
    expect(reasonText(reason("name", "missing"), norwegian)).toBe("Må fylles ut.");
    expect(reasonText(reason("email", "string_pattern_mismatch"), norwegian)).toBe(nb["fieldError.invalid_email"]);
    expect(reasonText(reason("number", "number_in_register"), norwegian)).toBe(nb["fieldError.number_in_register"]);
    // Texts that need the limits, which a row's reason does not carry, are worded without them
    expect(reasonText(reason("name", "string_too_long"), norwegian)).toBe("Teksten er for lang for feltet.");
    expect(reasonText(reason("postal_code", "invalid_postal_code"), norwegian)).not.toContain("{");
    expect(reasonText(reason("custom_fields.segment", "too_short"), norwegian)).toBe("the API's words");
    expect(reasonText(reason("custom_fields.segment", "something_newer"), norwegian)).toBe("the API's words");
    const codes = [
      "missing", "string_too_long", "string_pattern_mismatch", "invalid_phone", "invalid_organisation_number", "invalid_postal_code",
      "invalid_customer_number", "invalid_country", "extra_cells", "duplicate_in_file", "number_in_register",
      "required", "too_long", "not_a_number", "not_a_date", "not_boolean", "not_a_choice", "unknown_field",
    ];
    for (const code of codes) {
      const worded = reasonText(reason("number", code), norwegian);
      expect(worded, code).not.toBe("the API's words");
      expect(worded, code).not.toContain("{");
    }
  });

  it("names the column a reason is about, a custom field by its label", () => {
    const definitions = [{ key: "segment", label: "Segment", labels: { en: "Market segment" }, type: "text" as const }];
    expect(reasonField("organisation_number", definitions, "nb", norwegian)).toBe("Organisasjonsnummer");
    expect(reasonField("row", definitions, "nb", norwegian)).toBe("Raden");
    expect(reasonField("custom_fields.segment", definitions, "nb", norwegian)).toBe("Segment");
    expect(reasonField("custom_fields.segment", definitions, "en", norwegian)).toBe("Market segment");
    expect(reasonField("custom_fields.gone", definitions, "nb", norwegian)).toBe("gone");
    expect(hasText("field.something_newer")).toBe(false);
    expect(reasonField("something_newer", definitions, "nb", norwegian)).toBe("something_newer");
  });
});
