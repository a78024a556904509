import { describe, expect, it } from "vitest";
import {
  exactAmount, formatAmount, formatDate, formatDecimal, formatDecimalAmount, formatFileSize, formatOrganisationNumber, isoDate, minorUnits,
} from "./format";

describe("dates and amounts", () => {
  it("shows dates as dd.mm.yyyy in every language", () => {
    expect(formatDate(new Date(2026, 0, 5))).toBe("05.01.2026");
    expect(formatDate("2026-11-23")).toBe("23.11.2026");
  });

  it("reads dates typed the Nordic way", () => {
    expect(isoDate("1.12.2026")).toBe("2026-12-01");
    expect(isoDate(" 24.12.2026 ")).toBe("2026-12-24");
    expect(isoDate("2026-12-01")).toBe("2026-12-01");
    expect(isoDate("i morgen")).toBe("i morgen");
  });

  it("keeps money exact from minor units, with the language's separators", () => {
    expect(formatAmount(123456789, "NOK", "nb").replace(/\s/g, " ")).toBe("1 234 567,89 kr");
    expect(formatAmount(-5, "EUR", "en")).toBe("-€0.05");
    expect(formatAmount(100000, "SEK", "sv").replace(/\s/g, " ")).toBe("1 000,00 kr");
    // A sum past what a float holds exactly, worked out as a BigInt
    expect(formatAmount(99999999999999999n, "NOK", "nb").replace(/\s/g, " ")).toBe("999 999 999 999 999,99 kr");
    expect(formatAmount(-5n, "EUR", "en")).toBe("-€0.05");
  });

  it("groups exact decimals without passing them through a float", () => {
    expect(formatDecimal("1500000", "nb").replace(/\s/g, " ")).toBe("1 500 000");
    expect(formatDecimal("-12345678901234567890.05", "en")).toBe("-12,345,678,901,234,567,890.05");
    expect(formatDecimal("12.5", "sv")).toBe("12,5");
    expect(formatDecimal("not a number", "nb")).toBe("not a number");
  });
});


describe("organisation numbers", () => {
  it("are shown as people write them in each country", () => {
    expect(formatOrganisationNumber("923609016", "NO")).toBe("923 609 016");
    expect(formatOrganisationNumber("5560360793", "SE")).toBe("556036-0793");
    expect(formatOrganisationNumber("SE556036079301", "SE")).toBe("SE556036079301");
    expect(formatOrganisationNumber(null, "NO")).toBe("");
  });
});

describe("minorUnits", () => {
  it("reads money as people type it, exactly", () => {
    expect(minorUnits("250 000")).toBe(25_000_000);
    expect(minorUnits("250\u00a0000,50")).toBe(25_000_050);
    expect(minorUnits("1,500.00")).toBe(150_000);
    expect(minorUnits("1.500")).toBe(150_000);
    expect(minorUnits("12,5")).toBe(1250);
    expect(minorUnits("0.07")).toBe(7);
    expect(minorUnits("1 234 567,89")).toBe(123_456_789);
  });

  it("refuses what is not an amount", () => {
    for (const typed of ["", "abc", "1,2,3", "-5", "1.234,567", "12.345.6", "1e5"]) expect(minorUnits(typed)).toBeNull();
  });

  it("shows a document's exact amounts as money in their currency, digit for digit", () => {
    expect(formatDecimalAmount("2475.00", "NOK", "nb").replace(/\s/g, " ")).toBe("2 475,00 kr");
    expect(formatDecimalAmount("2475", "NOK", "nb").replace(/\s/g, " ")).toBe("2 475,00 kr");
    expect(formatDecimalAmount("12345678901234567.125", "EUR", "en")).toBe("€12,345,678,901,234,567.125");
    expect(formatDecimalAmount("-0.50", "SEK", "sv").replace(/\s/g, " ")).toBe("-0,50 kr");
    expect(formatDecimalAmount("10.5", null, "nb")).toBe("10,5");
    expect(formatDecimalAmount("10.50", "XXXX", "en")).toBe("10.50 XXXX");
  });

  it("reads an amount to search for as typed, and writes it as the API's exact decimal", () => {
    expect(exactAmount("1 250,50")).toBe("1250.50");
    expect(exactAmount("1250.5")).toBe("1250.50");
    expect(exactAmount("1,250.00")).toBe("1250.00");
    expect(exactAmount("-99,5")).toBe("-99.50");
    expect(exactAmount("2000")).toBe("2000.00");
    expect(exactAmount("-0")).toBe("0.00");
    expect(exactAmount("1 000 000 000 000")).toBeNull();
    expect(exactAmount("12,345")).toBe("12345.00");
    expect(exactAmount("mange")).toBeNull();
    expect(exactAmount("")).toBeNull();
  });
});

describe("file sizes", () => {
  it("reads bytes, kilobytes and megabytes with the language's decimal sign", () => {
    expect(formatFileSize(120, "nb")).toBe("120 byte");
    expect(formatFileSize(120, "en")).toBe("120 bytes");
    expect(formatFileSize(1024, "nb")).toBe("1 kB");
    expect(formatFileSize(1500, "sv")).toBe("1 kB");
    expect(formatFileSize(250 * 1024, "en")).toBe("250 kB");
    expect(formatFileSize(1.5 * 1024 * 1024, "nb")).toBe("1,5 MB");
    expect(formatFileSize(1.5 * 1024 * 1024, "en")).toBe("1.5 MB");
    expect(formatFileSize(20 * 1024 * 1024, "sv")).toBe("20 MB");
  });
});
