import { describe, expect, it } from "vitest";
import { parseRoute, passwordLinkToken } from "./routes";

describe("routes", () => {
  it("reads the app's addresses from the hash", () => {
    expect(parseRoute("")).toEqual({ page: "info" });
    expect(parseRoute("#customers")).toEqual({ page: "customers" });
    expect(parseRoute("#customers/new")).toEqual({ page: "new-customer" });
    expect(parseRoute("#customers/01ABC")).toEqual({ page: "customer", customerId: "01ABC" });
    expect(parseRoute("#nonsense")).toEqual({ page: "info" });
    expect(parseRoute("#registrations/01ABC")).toEqual({ page: "registrations", requestId: "01ABC" });
  });

  it("finds the token of an e-mailed password link, and nothing else", () => {
    const token = "AbC_-0123456789abcdefghij";
    expect(passwordLinkToken(`#/password/${token}`)).toBe(token);
    expect(passwordLinkToken("#/password/short")).toBeNull();
    expect(passwordLinkToken("#customers")).toBeNull();
  });
});
