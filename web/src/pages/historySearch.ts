// What the history searches (deposits, orders) and their reports share: a refusal shown in words, where a date range
// too long (or backwards) names its limit rather than the general summary.
import { problemOf, word } from "../api/problems";
import type { Values } from "../i18n";
import type { MessageKey } from "../i18n/messages";

export function searchRefusal(error: unknown, t: (key: MessageKey, values?: Values) => string): string {
  const problem = problemOf(error);
  const range = problem.fields.date_from;
  return range ? word(range, t) : t(problem.summary);
}
