import { describe, expect, it } from "vitest";
import { mailto, tel } from "./support";

describe("links to customer service", () => {
  it("fill in an e-mail's subject and text, encoded so every mail program reads them alike", () => {
    expect(mailto("kundeservice@example.no", "Pose 12 345: spørsmål", "Posenummer: 12345\nHilsen Åse & co"))
      .toBe("mailto:kundeservice@example.no?subject=Pose%2012%20345%3A%20sp%C3%B8rsm%C3%A5l&body=Posenummer%3A%2012345%0AHilsen%20%C3%85se%20%26%20co");
    expect(mailto("a@b.no", "Hei")).toBe("mailto:a@b.no?subject=Hei");
  });

  it("dial a phone number as written for people", () => {
    expect(tel("+47 21 00 00 00")).toBe("tel:+4721000000");
    expect(tel("08-123 456 78")).toBe("tel:0812345678");
  });
});
