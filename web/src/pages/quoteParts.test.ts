import { describe, expect, it } from "vitest";
import { sortRows, type SortableColumn } from "../ui/ShortList";
import { lineSums, quoteSums, typedLineSums } from "./quoteParts";

describe("quote sums", () => {
  it("work out a line as the API does: rounded half up to a minor unit, VAT of the rounded amount", () => {
    // 2.5 hours at 950.00 with 25 % VAT (tests/integration/test_quotes.py)
    expect(lineSums(250n, 95_000n, 25n)).toEqual({ amount: 237_500n, vat: 59_375n });
    // 0.33 × 0.05 = 0.0165 → 0.02; 12 % VAT of 0.02 = 0.0024 → 0.00
    expect(lineSums(33n, 5n, 12n)).toEqual({ amount: 2n, vat: 0n });
    // exactly half a minor unit rounds up: 0.5 × 0.01 → 0.01, and 15 % of 0.10 = 0.015 → 0.02
    expect(lineSums(50n, 1n, 0n)).toEqual({ amount: 1n, vat: 0n });
    expect(lineSums(100n, 10n, 15n)).toEqual({ amount: 10n, vat: 2n });
  });

  it("stay exact where a float would not", () => {
    // 999 999.99 × 100 000 000.00: more minor units than a float counts exactly
    const { amount, vat } = lineSums(99_999_999n, 10_000_000_000n, 25n);
    expect(amount).toBe(9_999_999_900_000_000n);
    expect(vat).toBe(2_499_999_975_000_000n);
  });

  it("read lines as people type them, and total those that are complete", () => {
    expect(typedLineSums({ quantity: "2,5", unit_price: "950,00", vat_rate: "25" })).toEqual({ amount: 237_500n, vat: 59_375n });
    expect(typedLineSums({ quantity: "", unit_price: "950", vat_rate: "25" })).toBeNull();
    const sums = quoteSums([
      { quantity: "1", unit_price: "12 500", vat_rate: "25" },
      { quantity: "2,5", unit_price: "950", vat_rate: "25" },
      { quantity: "x", unit_price: "1", vat_rate: "25" },
    ]);
    expect(sums).toEqual({ amount: 1_487_500n, vat: 371_875n, total: 1_859_375n, complete: false });
  });
});

describe("short lists sorted by the page", () => {
  type Row = { id: string; total: number | null; name: string };
  const columns: SortableColumn<Row>[] = [
    { id: "total", header: "Sum", cell: (row) => String(row.total), sortValue: (row) => row.total },
    { id: "name", header: "Navn", cell: (row) => row.name, sortValue: (row) => row.name },
    { id: "id", header: "Id", cell: (row) => row.id },
  ];
  const rows: Row[] = [
    { id: "a", total: 300, name: "Øst" }, { id: "b", total: null, name: "ås" }, { id: "c", total: 20, name: "Berg" },
    { id: "d", total: 300, name: "Ørn" },
  ];
  const ids = (sorted: Row[]) => sorted.map((row) => row.id).join("");

  it("sort numbers by size, empty values last either way, equal values in the API's order", () => {
    expect(ids(sortRows(rows, columns, { column: "total", descending: false }, "nb-NO"))).toBe("cadb");
    expect(ids(sortRows(rows, columns, { column: "total", descending: true }, "nb-NO"))).toBe("adcb");
  });

  it("sort texts in the language's alphabet, and leave the order alone otherwise", () => {
    expect(ids(sortRows(rows, columns, { column: "name", descending: false }, "nb-NO"))).toBe("cdab");
    expect(ids(sortRows(rows, columns, { column: "id", descending: false }, "nb-NO"))).toBe("abcd");
    expect(ids(sortRows(rows, columns, undefined, "nb-NO"))).toBe("abcd");
  });
});
