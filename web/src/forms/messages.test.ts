import { describe, expect, it } from "vitest";
import { z } from "zod";
import { isPhone, optionalPhone } from "./fields";
import { flattenErrors } from "./Form";
import { decode, encode } from "./messages";

function problemsOf(schema: z.ZodType, value: unknown) {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => ({ path: issue.path.join("."), text: decode(issue.message) }));
}

describe("form errors", () => {
  it("word the client's checks with the same keys and limits as the API's", () => {
    const schema = z.object({
      name: z.string().trim().min(1).max(200),
      phone: z.string().max(40),
      email: z.email(),
      custom_fields: z.object({ limit: z.number().max(1000) }),
    });
    expect(problemsOf(schema, { name: " ", phone: "1".repeat(41), email: "nope", custom_fields: { limit: 5000 } })).toEqual([
      { path: "name", text: { key: "fieldError.required" } },
      { path: "phone", text: { key: "fieldError.string_too_long", values: { max_length: 40 } } },
      { path: "email", text: { key: "fieldError.invalid_email" } },
      { path: "custom_fields.limit", text: { key: "fieldError.less_than_equal", values: { le: 1000 } } },
    ]);
  });

  it("list every error of a form, nested fields by their path, for the summary", () => {
    const errors = {
      name: { type: "server", message: encode({ key: "fieldError.required" }) },
      custom_fields: { segment: { type: "server", message: encode({ raw: "Odd" }) } },
    };
    expect(flattenErrors(errors as never)).toEqual([
      ["name", { key: "fieldError.required" }],
      ["custom_fields.segment", { raw: "Odd" }],
    ]);
  });

  it("show a message that is not ours as it is", () => {
    expect(decode("plain words")).toEqual({ raw: "plain words" });
    expect(decode(undefined)).toBeNull();
  });
});

describe("phone numbers", () => {
  it("are checked as the API checks them", () => {
    expect(["+47 22 33 44 55", "22334455", "(0)8-123 45"].every(isPhone)).toBe(true);
    expect(["ring meg", "1234", "+47 1234 5678 9012 345"].some(isPhone)).toBe(false);
    expect(optionalPhone.safeParse("").success).toBe(true);
    expect(decode(optionalPhone.safeParse("ring meg").error?.issues[0].message)).toEqual({
      key: "fieldError.invalid_phone", values: { min_digits: 5, max_digits: 15 },
    });
  });
});
