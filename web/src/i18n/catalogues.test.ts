import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { describe, expect, it } from "vitest";
import { intlFor, translator } from ".";
import en from "./en";
import { languages, type Catalogue } from "./messages";
import { nb } from "./nb";
import sv from "./sv";

const catalogues: Record<(typeof languages)[number], Catalogue> = { nb, sv, en };

/** The names of a message's arguments ({name}, {count, plural, …}), which every language must use alike. */
function argumentsOf(elements: MessageFormatElement[], found = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type === TYPE.argument || element.type === TYPE.number || element.type === TYPE.date) found.add(element.value);
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      found.add(element.value);
      for (const option of Object.values(element.options)) argumentsOf(option.value, found);
    }
    if (element.type === TYPE.tag) argumentsOf(element.children, found);
  }
  return found;
}

describe("catalogues", () => {
  it("have every key in every language, and no other", () => {
    const keys = Object.keys(nb).sort();
    for (const language of languages) expect(Object.keys(catalogues[language]).sort(), language).toEqual(keys);
  });

  it("hold valid ICU messages with the same arguments in every language", () => {
    const problems: string[] = [];
    for (const key of Object.keys(nb) as (keyof Catalogue)[]) {
      const expected = [...argumentsOf(parse(nb[key]))].sort().join(",");
      for (const language of languages) {
        try {
          const found = [...argumentsOf(parse(catalogues[language][key]))].sort().join(",");
          if (found !== expected) problems.push(`${language} ${key}: {${found}} instead of {${expected}}`);
        } catch (error) {
          problems.push(`${language} ${key}: ${String(error)}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("word plurals by each language's rules", () => {
    const english = translator(intlFor("en", en));
    expect(english("fieldError.string_too_long", { max_length: 1 })).toBe("At most 1 character.");
    expect(english("fieldError.string_too_long", { max_length: 40 })).toBe("At most 40 characters.");
    const norwegian = translator(intlFor("nb", nb));
    expect(norwegian("customers.shown", { count: 1, more: "no" })).toBe("1 kunde på denne siden.");
    expect(norwegian("customers.shown", { count: 25, more: "yes" })).toBe("25 kunder på denne siden, flere på neste.");
    expect(translator(intlFor("sv", sv))("login.code", { position: 7 })).toBe("Kod nummer 7");
  });

  it("fill in numbers with the language's separators", () => {
    expect(translator(intlFor("nb", nb))("fieldError.less_than_equal", { le: 1500000 }).replace(/\s/g, " ")).toBe("Høyst 1 500 000.");
    expect(translator(intlFor("en", en))("fieldError.less_than_equal", { le: 1500000 })).toBe("At most 1,500,000.");
  });
});
