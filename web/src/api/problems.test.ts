import { describe, expect, it } from "vitest";
import { problemOf } from "./problems";

describe("problems", () => {
  it("puts the API's field messages next to their fields", () => {
    const problem = problemOf({
      error: { code: "invalid_request", message: "x", details: [{ location: ["body", "name"], message: "Field required" }] },
    });
    expect(problem).toEqual({ summary: "error.validation", fields: { name: "Field required" } });
  });

  it("words known refusals in the user's language", () => {
    const problem = problemOf({ error: { code: "conflict", message: "in use", details: [] } }, (key) => `[${key}]`);
    expect(problem.summary).toBe("error.conflict");
    expect(problem.fields).toEqual({ number: "[error.conflict]" });
  });

  it("tells when the API could not be reached", () => {
    expect(problemOf(undefined).summary).toBe("error.unavailable");
  });

  it("words field problems in the user's language, by the domain's reason or pydantic's type", () => {
    const t = (key: string) => `[${key}]`;
    const problem = problemOf({
      error: {
        code: "invalid_custom_fields", message: "x",
        details: [
          { field: "custom_fields.contract_date", reason: "not_a_date", message: "Contract date must be a date (yyyy-mm-dd)" },
          { field: "custom_fields.odd", reason: "something_new", message: "Odd is odd" },
        ],
      },
    }, t);
    expect(problem.fields).toEqual({ "custom_fields.contract_date": "[fieldError.not_a_date]", "custom_fields.odd": "Odd is odd" });
    const request = problemOf({
      error: {
        code: "invalid_request", message: "x",
        details: [
          { location: ["body", "name"], type: "string_too_short", message: "String should have at least 1 character" },
          { location: ["body", "email"], type: "string_pattern_mismatch", message: "String should match pattern" },
        ],
      },
    }, t);
    expect(request.fields).toEqual({ name: "[fieldError.required]", email: "[fieldError.invalid_email]" });
  });
});
