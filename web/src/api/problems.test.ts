import { describe, expect, it } from "vitest";
import { nb } from "../i18n/nb";
import { intlFor, translator } from "../i18n";
import { problemOf, word } from "./problems";

const t = translator(intlFor("nb", nb));

describe("problems", () => {
  it("puts every field problem of a refusal next to its field, at once", () => {
    const problem = problemOf({
      error: {
        code: "invalid_request", message: "x",
        details: [
          { location: ["body", "name"], field: "name", type: "missing", message: "Field required" },
          { field: "phone", code: "string_too_long", type: "string_too_long", message: "too long", allowed: { max_length: 40 } },
          { field: "postal_code", code: "invalid_postal_code", reason: "invalid_postal_code", message: "x", allowed: { digits: 4, format: "NNNN", country: "NO" } },
        ],
      },
    });
    expect(problem.summary).toBe("error.validation");
    expect(Object.keys(problem.fields)).toEqual(["name", "phone", "postal_code"]);
    expect(word(problem.fields.name, t)).toBe("Må fylles ut.");
    // The allowed range travels with the message, worded by the catalogue's plural rules.
    expect(word(problem.fields.phone, t)).toBe("Høyst 40 tegn.");
    expect(word(problem.fields.postal_code, t)).toContain("4 siffer");
  });

  it("words refusals about one field next to that field", () => {
    const problem = problemOf({ error: { code: "customer_number_taken", message: "in use", details: [] } });
    expect(problem.summary).toBe("error.customer_number_taken");
    expect(problem.fields).toEqual({ number: { key: "error.customer_number_taken" } });
    // A change refused because someone else changed the record first is no field's problem
    expect(problemOf({ error: { code: "conflict", message: "changed", details: [] } }).fields).toEqual({});
  });

  it("tells when the API could not be reached", () => {
    expect(problemOf(undefined).summary).toBe("error.unavailable");
  });

  it("keeps the API's own words only for a reason the catalogue has no text for", () => {
    const problem = problemOf({
      error: {
        code: "invalid_custom_fields", message: "x",
        details: [
          { field: "custom_fields.contract_date", reason: "not_a_date", message: "Contract date must be a date" },
          { field: "custom_fields.odd", reason: "something_new", message: "Odd is odd" },
          { field: "email", type: "string_pattern_mismatch", message: "String should match pattern" },
        ],
      },
    });
    expect(problem.fields["custom_fields.contract_date"]).toEqual({ key: "fieldError.not_a_date", values: {} });
    expect(problem.fields["custom_fields.odd"]).toEqual({ raw: "Odd is odd" });
    expect(problem.fields.email).toEqual({ key: "fieldError.invalid_email", values: {} });
  });

  it("words a refusal without fields by its own code", () => {
    expect(problemOf({ error: { code: "invalid_cursor", message: "x", details: [] } }).summary).toBe("error.invalid_cursor");
    expect(problemOf({ error: { code: "brand_new_code", message: "x", details: [] } }).summary).toBe("error.unknown");
  });

  it("shows a refusal for lack of rights as such, whatever its code", () => {
    expect(problemOf({ error: { code: "missing_permission", message: "x", details: [] } }).summary).toBe("error.forbidden");
  });
});
