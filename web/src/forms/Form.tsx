// The pieces every form is built from: the form with its error summary, and labelled fields that show their
// error (client or server) next to them. Ids derive from the form's id and the field's name.
import { createContext, useContext, useEffect, useRef, type FormEvent, type ReactNode } from "react";
import { FormProvider, get, useFormContext, type FieldErrors, type FieldValues } from "react-hook-form";
import { word, type Text } from "../api/problems";
import { useI18n } from "../i18n";
import { textOr } from "../i18n/messages";
import { decode } from "./messages";
import type { ApiForm } from "./useApiForm";

const FormIdContext = createContext("form");

export function inputIdOf(formId: string, name: string): string {
  return `${formId}-${name.replace(/[^A-Za-z0-9_-]/g, "-")}`;
}

/** Every error in the form's state, by field path (`custom_fields.segment`), in the order of the fields. */
export function flattenErrors(errors: FieldErrors, prefix = ""): [string, Text][] {
  const found: [string, Text][] = [];
  for (const [name, value] of Object.entries(errors)) {
    if (!value || name === "root") continue;
    const path = prefix ? `${prefix}.${name}` : name;
    const message = (value as { message?: unknown }).message;
    if (typeof message === "string") {
      const text = decode(message);
      if (text) found.push([path, text]);
    } else if (typeof value === "object") {
      found.push(...flattenErrors(value as FieldErrors, path));
    }
  }
  return found;
}

type FormProps<T extends FieldValues> = {
  form: ApiForm<T>;
  id: string;
  /** Gets the validated values, and the form's data as submitted (inputs outside the schema, e.g. choices). */
  onSubmit: (values: T, data: FormData) => unknown;
  /** The accessible name of the form where the page has several, e.g. "Change Skistua". */
  label?: string;
  /** A field's name in the summary, for fields the form labels in its own way (custom fields). */
  labelOf?: (field: string) => string;
  className?: string;
  children: ReactNode;
};

export function Form<T extends FieldValues>({ form, id, onSubmit, label, labelOf, className, children }: FormProps<T>) {
  const { t } = useI18n();
  const summary = useRef<HTMLDivElement>(null);
  const { errors, submitCount, isSubmitting } = form.formState;
  const listed = flattenErrors(errors);
  const failed = Boolean(form.problem) || listed.length > 0;

  useEffect(() => {
    // After a refused submit the summary takes focus: keyboard and screen-reader users start from what to fix.
    if (failed) summary.current?.focus();
  }, [submitCount, form.problem, failed]);

  const nameOf = (field: string) => {
    if (labelOf) return labelOf(field);
    return textOr(t, `field.${field}`, field);
  };
  function submit(event: FormEvent<HTMLFormElement>) {
    // Read before the fieldset is disabled for the save: a disabled input is not in the form's data.
    const data = new FormData(event.currentTarget);
    void form.handleSubmit(async (values) => {
      form.clearProblem();
      await onSubmit(values, data);
    })(event);
  }

  return (
    <FormProvider {...form}>
      <FormIdContext.Provider value={id}>
        <form id={id} onSubmit={submit} noValidate aria-label={label} className={className}>
          {failed && !isSubmitting ? (
            <div className="error" role="alert" tabIndex={-1} ref={summary}>
              <p>{t(form.problem?.summary ?? "error.validation")}</p>
              {listed.length ? (
                <ul>
                  {listed.map(([field, text]) => (
                    <li key={field}>
                      <a href={`#${inputIdOf(id, field)}`} onClick={(event) => {
                        // The hash is the app's route: the link moves focus itself instead of navigating.
                        event.preventDefault();
                        document.getElementById(inputIdOf(id, field))?.focus();
                      }}>
                        {nameOf(field)}: {word(text, t)}
                      </a>
                    </li>
                  ))}
                </ul>
              ) : null}
            </div>
          ) : null}
          {/* Nothing can be typed while a save is on its way. */}
          <fieldset className="bare" disabled={isSubmitting}>
            {children}
          </fieldset>
        </form>
      </FormIdContext.Provider>
    </FormProvider>
  );
}

type FieldProps = {
  name: string;
  label: string;
  required?: boolean;
  hint?: string;
  className?: string;
};

function useField(name: string) {
  const formId = useContext(FormIdContext);
  const { register, formState } = useFormContext();
  const id = inputIdOf(formId, name);
  const text = decode((get(formState.errors, name) as { message?: string } | undefined)?.message);
  return { id, register, text };
}

function FieldMessage({ id, text, hint }: { id: string; text: Text | null; hint?: string }) {
  const { t } = useI18n();
  return (
    <>
      {hint ? <p className="hint" id={`${id}-hint`}>{hint}</p> : null}
      {text ? <p className="field-error" id={`${id}-error`}>{word(text, t)}</p> : null}
    </>
  );
}

function describedBy(id: string, text: Text | null, hint?: string) {
  const ids = [hint ? `${id}-hint` : "", text ? `${id}-error` : ""].filter(Boolean).join(" ");
  return { "aria-invalid": text ? true : undefined, "aria-describedby": ids || undefined };
}

export function TextField({ name, label, required, hint, className, type = "text", autoComplete, inputMode, autoFocus, multiline, readOnly }: FieldProps & {
  type?: "text" | "email" | "tel" | "password" | "search" | "datetime-local" | "color";
  autoComplete?: string;
  inputMode?: "numeric" | "decimal" | "email" | "tel";
  autoFocus?: boolean;
  multiline?: boolean;
  readOnly?: boolean;
}) {
  const { id, register, text } = useField(name);
  return (
    <div className={className ?? "field"}>
      <label htmlFor={id}>{label}{required ? " *" : ""}</label>
      {multiline ? (
        <textarea id={id} rows={3} {...register(name)} {...describedBy(id, text, hint)} />
      ) : (
        <input id={id} type={type} autoComplete={autoComplete} inputMode={inputMode} autoFocus={autoFocus} readOnly={readOnly}
          aria-required={required || undefined} {...register(name)} {...describedBy(id, text, hint)} />
      )}
      <FieldMessage id={id} text={text} hint={hint} />
    </div>
  );
}

/** A file chosen from the user's machine; its value is the input's FileList. */
export function FileField({ name, label, required, hint, className, accept }: FieldProps & { accept: string }) {
  const { id, register, text } = useField(name);
  return (
    <div className={className ?? "field"}>
      <label htmlFor={id}>{label}{required ? " *" : ""}</label>
      <input id={id} type="file" accept={accept} aria-required={required || undefined} {...register(name)} {...describedBy(id, text, hint)} />
      <FieldMessage id={id} text={text} hint={hint} />
    </div>
  );
}

export type Option = { value: string; label: string };

/** A choice among options, and (after them) among options put in named groups (`optgroup`). */
export function SelectField({ name, label, required, hint, className, options, groups }: FieldProps & {
  options: Option[];
  groups?: { label: string; options: Option[] }[];
}) {
  const { id, register, text } = useField(name);
  return (
    <div className={className ?? "field"}>
      <label htmlFor={id}>{label}{required ? " *" : ""}</label>
      <select id={id} {...register(name)} {...describedBy(id, text, hint)}>
        {options.map((option) => <option key={option.value} value={option.value}>{option.label}</option>)}
        {groups?.map((group) => (
          <optgroup key={group.label} label={group.label}>
            {group.options.map((option) => <option key={option.value} value={option.value}>{option.label}</option>)}
          </optgroup>
        ))}
      </select>
      <FieldMessage id={id} text={text} hint={hint} />
    </div>
  );
}

export function CheckboxField({ name, label, hint, className }: FieldProps) {
  const { id, register, text } = useField(name);
  return (
    <div className={className ?? "field check"}>
      <label htmlFor={id}>
        <input id={id} type="checkbox" {...register(name)} {...describedBy(id, text, hint)} />
        {label}
      </label>
      <FieldMessage id={id} text={text} hint={hint} />
    </div>
  );
}
