// What the history searches (deposits, orders, documents) and their reports share: a refusal shown in words, where a
// date range too long (or backwards) names its limit rather than the general summary.
import { problemOf, word } from "../api/problems";
import type { Values } from "../i18n";
import type { MessageKey } from "../i18n/messages";

/** `tooLong`: the words for a range over the limit where the area has no report to offer instead (documents). */
export function searchRefusal(error: unknown, t: (key: MessageKey, values?: Values) => string, tooLong?: MessageKey): string {
  const problem = problemOf(error);
  const range = problem.fields.date_from;
  if (range && tooLong && "key" in range && range.key === "fieldError.date_range_too_long") return t(tooLong, range.values);
  return range ? word(range, t) : t(problem.summary);
}
