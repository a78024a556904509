// Field errors travel through react-hook-form as strings; ours are catalogue keys with values, encoded as JSON,
// so they are worded when shown (a language switch rewords them) and client and server errors read alike.
import { z } from "zod";
import type { Text } from "../api/problems";

export function encode(text: Text): string {
  return JSON.stringify(text);
}

export function decode(message: string | undefined): Text | null {
  if (!message) return null;
  try {
    const text = JSON.parse(message) as Text;
    return "key" in text || "raw" in text ? text : { raw: message };
  } catch {
    return { raw: message };
  }
}

/** Zod's issues in the catalogue's words, with the limits as values; the same keys the API's details map to. */
export const fieldErrorMap: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case "too_small":
      if (issue.origin === "string") {
        return encode(Number(issue.minimum) <= 1
          ? { key: "fieldError.required" }
          : { key: "fieldError.too_short", values: { min_length: Number(issue.minimum) } });
      }
      return encode({ key: "fieldError.greater_than_equal", values: { ge: Number(issue.minimum) } });
    case "too_big":
      if (issue.origin === "string") return encode({ key: "fieldError.string_too_long", values: { max_length: Number(issue.maximum) } });
      return encode({ key: "fieldError.less_than_equal", values: { le: Number(issue.maximum) } });
    case "invalid_format":
      return encode({ key: issue.format === "email" ? "fieldError.invalid_email" : "fieldError.invalid_format" });
    case "invalid_value":
      return encode({ key: "fieldError.not_a_choice" });
    case "invalid_type":
      return encode({ key: issue.input === undefined || issue.input === "" ? "fieldError.required" : "fieldError.invalid_format" });
    default:
      return encode({ key: "fieldError.invalid_format" });
  }
};

// jitless: zod would otherwise try `new Function`, which the portal's Content-Security-Policy refuses.
z.config({ customError: fieldErrorMap, jitless: true });
