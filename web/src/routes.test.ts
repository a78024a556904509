import { describe, expect, it } from "vitest";
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
