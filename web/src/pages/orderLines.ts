// What every order form shares: the API names the lines it was sent (`lines.2.quantity`), while the form names each
// line's field by what it is for (`quantities.<product>`, `counts.<note or coin>`).
import type { Problem } from "../api/problems";

/** The refusal with each `lines.N.…` field moved to the form's field of the line sent at N (`<prefix>.<id>`). */
export function linesOnTheForm(problem: Problem, sent: string[], prefix: string): Problem {
  const fields: Problem["fields"] = {};
  for (const [field, text] of Object.entries(problem.fields)) {
    const line = /^lines\.(\d+)\./.exec(field);
    const id = line ? sent[Number(line[1])] : undefined;
    fields[id ? `${prefix}.${id}` : field] = text;
  }
  return { ...problem, fields };
}
