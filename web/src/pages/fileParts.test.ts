import { describe, expect, it } from "vitest";
import spec from "../../../openapi.json";
import { intlFor, translator } from "../i18n";
import en from "../i18n/en";
import { languages } from "../i18n/messages";
import { nb } from "../i18n/nb";
import sv from "../i18n/sv";
import { FILE_TYPES, MAX_FILE_BYTES, contentTypeOf, fileProblem, fileTypeKey, rejectionKey, type FileRejection } from "./fileParts";

const catalogues = { nb, sv, en };
const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

describe("files before they are sent (CASE-5)", () => {
  it("know every content type the API takes, and no other", () => {
    expect([...FILE_TYPES].sort()).toEqual([...spec.components.schemas.FileType.enum].sort());
  });

  it("take the type from the name's ending, as the browser does, whatever the browser guessed", () => {
    expect(contentTypeOf({ name: "Servicerapport mars.PDF", type: "" })).toBe("application/pdf");
    expect(contentTypeOf({ name: "bilde.jpg", type: "image/jpeg" })).toBe("image/jpeg");
    expect(contentTypeOf({ name: "foto.jpeg", type: "" })).toBe("image/jpeg");
    expect(contentTypeOf({ name: "avtale.docx", type: "" })).toBe(DOCX);
    // Windows names a CSV file an Excel sheet
    expect(contentTypeOf({ name: "kunder.csv", type: "application/vnd.ms-excel" })).toBe("text/csv");
    // No ending: the browser's type, when the API takes it
    expect(contentTypeOf({ name: "README", type: "text/plain" })).toBe("text/plain");
    expect(contentTypeOf({ name: "notat", type: "text/plain; charset=utf-8" })).toBe("text/plain");
  });

  it("refuse what the API would refuse, before any request", () => {
    expect(contentTypeOf({ name: "program.exe", type: "application/x-msdownload" })).toBeNull();
    expect(contentTypeOf({ name: "gammel.doc", type: "application/msword" })).toBeNull();
    expect(contentTypeOf({ name: "bilde.gif", type: "image/gif" })).toBeNull();
    expect(fileProblem({ name: "bilde.gif", type: "image/gif", size: 10 })).toBe("files.typeNotAllowed");
    expect(fileProblem({ name: "tom.pdf", type: "application/pdf", size: 0 })).toBe("files.emptyFile");
    expect(fileProblem({ name: "stor.pdf", type: "application/pdf", size: MAX_FILE_BYTES + 1 })).toBe("files.tooLarge");
    expect(fileProblem({ name: "akkurat.pdf", type: "application/pdf", size: MAX_FILE_BYTES })).toBeNull();
    expect(MAX_FILE_BYTES).toBe(20 * 1024 * 1024);
  });

  it("have words for every type and every reason a file is refused, in every language", () => {
    const reasons = spec.components.schemas.FileRejection.enum as FileRejection[];
    const keys = [...FILE_TYPES.map(fileTypeKey), ...reasons.map(rejectionKey), rejectionKey(null)];
    for (const language of languages) {
      expect(keys.filter((key) => !(key in catalogues[language])), language).toEqual([]);
    }
    const t = translator(intlFor("nb", nb));
    expect(t(fileTypeKey("application/pdf"))).toBe("PDF-dokument");
    expect(`${t("files.rejected", { name: "bilde.pdf" })} ${t(rejectionKey("content_mismatch"))}`)
      .toBe("bilde.pdf ble ikke lagret. Innholdet stemmer ikke med filtypen i filnavnet. Lagre filen i riktig format og prøv igjen.");
  });
});
