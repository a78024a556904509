import { describe, expect, it } from "vitest";
import { problemOf } from "./api/problems";
import { parseRoute } from "./routes";

describe("routes", () => {
  it("reads the app's addresses from the hash", () => {
    expect(parseRoute("")).toEqual({ page: "info" });
    expect(parseRoute("#customers")).toEqual({ page: "customers" });
    expect(parseRoute("#customers/new")).toEqual({ page: "new-customer" });
    expect(parseRoute("#customers/01ABC")).toEqual({ page: "customer", customerId: "01ABC" });
    expect(parseRoute("#nonsense")).toEqual({ page: "info" });
  });
});

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
});
