import { describe, expect, it } from "vitest";
import { inUseOf } from "./CustomerDeletion";

describe("a customer in use", () => {
  it("is told by what uses it, its traffic first, whatever order the API lists them in", () => {
    const refusal = { error: { code: "customer_in_use", message: "in use", details: [{ in_use: ["api_keys", "cases", "contacts", "orders", "support_tickets"] }] } };
    expect(inUseOf(refusal)).toEqual(["orders", "cases", "support_tickets", "contacts", "api_keys"]);
  });

  it("lists nothing for another refusal, and keeps a kind it has no words for (last)", () => {
    expect(inUseOf({ error: { code: "version_mismatch", message: "changed" } })).toEqual([]);
    expect(inUseOf({ error: { code: "customer_in_use", details: [{ in_use: ["robots", "files"] }] } })).toEqual(["files", "robots"]);
  });
});
