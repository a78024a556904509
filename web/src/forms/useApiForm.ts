// One way to build a form: react-hook-form with a zod schema for what the client can know, and every field
// error the API returns in `details` set on its field at once. Nothing typed is lost when the server refuses.
import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm, type DefaultValues, type FieldValues, type Path, type UseFormReturn } from "react-hook-form";
import type { z } from "zod";
import { problemOf, type Problem } from "../api/problems";
import { encode } from "./messages";

export type ApiForm<T extends FieldValues> = UseFormReturn<T> & {
  /** The refusal shown above the form (its summary, and fields the form has no input for), or null. */
  problem: Problem | null;
  /** Shows a refusal (the API's error body, or a Problem already worded): its summary above the form and each
   * field problem next to its field. */
  refuse: (error: unknown) => void;
  clearProblem: () => void;
};

export function useApiForm<S extends z.ZodType<FieldValues, FieldValues>>(
  schema: S,
  defaultValues: DefaultValues<z.input<S>>,
): ApiForm<z.input<S>> {
  const form = useForm<z.input<S>>({
    resolver: zodResolver(schema as never) as never,
    defaultValues,
    mode: "onSubmit",
    reValidateMode: "onChange",
    shouldFocusError: false, // the error summary takes focus and links to each field
  });
  const [problem, setProblem] = useState<Problem | null>(null);

  function refuse(error: unknown) {
    const found = isProblem(error) ? error : problemOf(error);
    setProblem(found);
    for (const [field, text] of Object.entries(found.fields)) {
      form.setError(field as Path<z.input<S>>, { type: "server", message: encode(text) });
    }
  }

  return { ...form, problem, refuse, clearProblem: () => setProblem(null) };
}

function isProblem(value: unknown): value is Problem {
  return typeof value === "object" && value !== null && "summary" in value && "fields" in value;
}
