import { useQuery } from "@tanstack/react-query";
import { useParams } from "@tanstack/react-router";
import { useState, type ReactNode } from "react";
import { get, useFormContext } from "react-hook-form";
import { z } from "zod";
import { api, errorCode, type components } from "../api/client";
import { problemOf, word, type Problem } from "../api/problems";
import { $api } from "../api/query";
import { CheckboxField, Form, inputIdOf, TextField } from "../forms/Form";
import { decode, encode } from "../forms/messages";
import { useApiForm } from "../forms/useApiForm";
import { formatDate, formatDateTime } from "../format";
import { useI18n } from "../i18n";
import type { MessageKey } from "../i18n/messages";
import {
  answerLabelKey, DETAIL_OF, GENERAL_HEALTH, healthKey, MAX_DETAIL, YES_NO_QUESTIONS, type DeclarationAnswers, type DetailField,
  type YesNoQuestion,
} from "./BookingParts";

type SelfDeclarationForm = components["schemas"]["SelfDeclarationForm"];

const FORM_ID = "self-declaration";
// Unanswered until a radio button is chosen: the empty answer is taken as typed, then refused in words.
const chosen = z.enum(["", "yes", "no"]).pipe(z.enum(["yes", "no"], { message: encode({ key: "fieldError.not_boolean" }) }));
const detail = z.string().trim().max(MAX_DETAIL);
const DETAIL_REQUIRED: Record<DetailField, MessageKey> = {
  medication: "declaration.medicationRequired",
  chronic_illness_details: "declaration.illnessRequired",
};

/** The questionnaire as typed: a yes/no is a choice of two until answered; a 'yes' with a detail asks for it. */
const declarationSchema = z.object({
  answers: z.object({
    general_health: z.enum(["", ...GENERAL_HEALTH]).pipe(z.enum(GENERAL_HEALTH, { message: encode({ key: "fieldError.not_a_choice" }) })),
    takes_medication: chosen,
    medication: detail,
    chronic_illness: chosen,
    chronic_illness_details: detail,
    hearing_problems: chosen,
    breathing_problems: chosen,
    skin_problems: chosen,
    musculoskeletal_problems: chosen,
    remarks: detail,
    confirmed: z.boolean().refine((confirmed) => confirmed, { message: encode({ key: "declaration.confirmRequired" }) }),
  }).superRefine((answers, context) => {
    for (const [question, field] of Object.entries(DETAIL_OF) as [YesNoQuestion, DetailField][]) {
      if (answers[question] === "yes" && !answers[field]) {
        context.addIssue({ code: "custom", path: [field], message: encode({ key: DETAIL_REQUIRED[field] }) });
      }
    }
  }, { when: () => true }), // asked beside the other answers' problems, not only once they are all given
});
type DeclarationValues = z.input<typeof declarationSchema>;
type Checked = z.output<typeof declarationSchema>;

const EMPTY: DeclarationValues = {
  answers: {
    general_health: "", takes_medication: "", medication: "", chronic_illness: "", chronic_illness_details: "",
    hearing_problems: "", breathing_problems: "", skin_problems: "", musculoskeletal_problems: "", remarks: "", confirmed: false,
  },
};

/** What the API takes: yes/no as booleans, a detail only with its 'yes', blanks as none. */
function answersOf(values: Checked["answers"]): DeclarationAnswers {
  const yes = (question: YesNoQuestion) => values[question] === "yes";
  return {
    general_health: values.general_health,
    takes_medication: yes("takes_medication"),
    medication: yes("takes_medication") ? values.medication : null,
    chronic_illness: yes("chronic_illness"),
    chronic_illness_details: yes("chronic_illness") ? values.chronic_illness_details : null,
    hearing_problems: yes("hearing_problems"),
    breathing_problems: yes("breathing_problems"),
    skin_problems: yes("skin_problems"),
    musculoskeletal_problems: yes("musculoskeletal_problems"),
    remarks: values.remarks || null,
    confirmed: true,
  };
}

/** The API's refusal of a missing detail (a plain value error) in the form's own words for it. */
function declarationProblem(error: unknown): Problem {
  const problem = problemOf(error);
  const fields = { ...problem.fields };
  for (const field of Object.keys(DETAIL_REQUIRED) as DetailField[]) {
    const path = `answers.${field}`;
    if (fields[path] && "key" in fields[path] && fields[path].key === "fieldError.invalid_format") fields[path] = { key: DETAIL_REQUIRED[field] };
  }
  return { ...problem, fields };
}

/** The form behind the link: asked once per page (and again after answers are sent), never retried by itself. */
function useDeclarationForm(token: string) {
  return useQuery({
    queryKey: ["self-declaration-form", token],
    queryFn: async (): Promise<SelfDeclarationForm> => {
      const { data, error } = await api.POST("/self-declarations/form", { body: { token } });
      if (data) return data;
      throw error ?? new Error("unavailable");
    },
    enabled: Boolean(token),
    retry: false,
    staleTime: Infinity,
  });
}

/** One group of radio buttons (a question and its choices), its problem linked from the error summary. */
function Choice({ name, legend, options, children }: {
  name: string;
  legend: string;
  options: { value: string; label: string }[];
  children?: ReactNode;
}) {
  const { t } = useI18n();
  const { register, formState } = useFormContext<DeclarationValues>();
  const id = inputIdOf(FORM_ID, name);
  const problem = decode((get(formState.errors, name) as { message?: string } | undefined)?.message);
  return (
    <fieldset className="group" id={id} tabIndex={-1} aria-describedby={problem ? `${id}-error` : undefined}>
      <legend>{legend} *</legend>
      <div className="choice-row">
        {options.map((option) => (
          <label key={option.value} htmlFor={`${id}-${option.value}`}>
            <input type="radio" id={`${id}-${option.value}`} value={option.value} aria-invalid={problem ? true : undefined}
              {...register(name as never)} />
            {option.label}
          </label>
        ))}
      </div>
      {problem ? <p className="field-error" id={`${id}-error`}>{word(problem, t)}</p> : null}
      {children}
    </fieldset>
  );
}

function Questions() {
  const { t } = useI18n();
  const { watch } = useFormContext<DeclarationValues>();
  const yesNo = [{ value: "yes", label: t("declaration.yes") }, { value: "no", label: t("declaration.no") }];
  return (
    <>
      <Choice name="answers.general_health" legend={t("declaration.question.general_health")}
        options={GENERAL_HEALTH.map((health) => ({ value: health, label: t(healthKey(health)) }))} />
      {YES_NO_QUESTIONS.map((question) => {
        const field = DETAIL_OF[question];
        return (
          <Choice key={question} name={`answers.${question}`} legend={t(`declaration.question.${question}` as MessageKey)} options={yesNo}>
            {field && watch(`answers.${question}`) === "yes" ? (
              <TextField name={`answers.${field}`} label={t(`declaration.detail.${field}` as MessageKey)} required multiline
                hint={t("declaration.detailHint", { max: MAX_DETAIL })} />
            ) : null}
          </Choice>
        );
      })}
      <TextField name="answers.remarks" label={t("declaration.question.remarks")} multiline hint={t("declaration.remarksHint", { max: MAX_DETAIL })} />
      <CheckboxField name="answers.confirmed" label={t("declaration.confirm")} />
    </>
  );
}

/** The questionnaire, sent with the link's token: sent again, the new answers replace the earlier ones. */
function Questionnaire({ token, onSent, onClosed }: { token: string; onSent: (at: string) => void; onClosed: () => void }) {
  const { t } = useI18n();
  const send = $api.useMutation("post", "/self-declarations");
  const form = useApiForm(declarationSchema, EMPTY);
  const labelOf = (field: string) => t(answerLabelKey(field.replace(/^answers\./, "") as keyof DeclarationAnswers));

  async function submit(values: DeclarationValues) {
    const checked = declarationSchema.parse(values);
    let sent: components["schemas"]["SelfDeclarationReceipt"];
    try {
      sent = await send.mutateAsync({ body: { token, answers: answersOf(checked.answers) } });
    } catch (refused) {
      // The appointment began meanwhile: the page reads the form again and says it is closed.
      if (errorCode(refused) === "declaration_closed") onClosed();
      return form.refuse(declarationProblem(refused));
    }
    // Nothing answered stays on the screen (a shared computer): the page says when, never what.
    form.reset(EMPTY);
    onSent(sent.submitted_at);
  }

  return (
    <>
      <p className="hint">{t("declaration.requiredNote")}</p>
      <Form form={form} id={FORM_ID} onSubmit={submit} label={t("declaration.formLabel")} labelOf={labelOf}>
        <Questions />
        <div className="actions">
          <button type="submit">{t("declaration.submit")}</button>
        </div>
      </Form>
    </>
  );
}

/** When the appointment is: its day and start, and its end (the time only when it ends the same day). */
function appointmentTime(form: SelfDeclarationForm): string {
  const starts = formatDateTime(form.starts_at);
  const ends = formatDateTime(form.ends_at);
  return formatDate(form.starts_at) === formatDate(form.ends_at) ? `${starts}–${ends.slice(ends.indexOf(" ") + 1)}` : `${starts} – ${ends}`;
}

/** EMP-2, for an employee booked into an appointment that asks for a self-declaration, without logging in: the link in
 * the invitation opens the short health questionnaire, taken until the appointment starts. The page tells whether
 * answers were sent and when, never which; only the vendor's health personnel read them. */
export function SelfDeclarationPage() {
  const { t } = useI18n();
  const { token } = useParams({ from: "/self-declaration/$token" });
  const found = useDeclarationForm(token);
  // The moment of the answers sent from this page, until the employee chooses to send new ones.
  const [sentAt, setSentAt] = useState<string | null>(null);
  const code = !token ? "not_found" : found.error ? errorCode(found.error) : null;

  if (code === "not_found" || code === "invalid_request") {
    return (
      <section className="card narrow" aria-labelledby="declaration-heading">
        <h1 id="declaration-heading" tabIndex={-1}>{t("declaration.notFound")}</h1>
        <p>{t("declaration.notFoundText")}</p>
      </section>
    );
  }
  const form = found.data;
  if (!form) {
    return (
      <section className="card narrow" aria-labelledby="declaration-heading">
        <h1 id="declaration-heading" tabIndex={-1}>{t("declaration.heading")}</h1>
        {found.error ? <p className="error" role="alert">{t(problemOf(found.error).summary)}</p> : <p role="status">{t("loading")}</p>}
      </section>
    );
  }
  const facts: [string, string][] = [
    [t("declaration.what"), form.what],
    [t("declaration.place"), form.place],
    [t("declaration.when"), appointmentTime(form)],
  ];
  let body;
  if (!form.open) {
    body = (
      <div className="notice" role="status">
        <p><strong>{t("declaration.closed")}</strong></p>
        {form.submitted_at ? <p>{t("declaration.closedSent", { at: formatDateTime(form.submitted_at) })}</p> : <p>{t("declaration.closedText")}</p>}
      </div>
    );
  } else if (sentAt) {
    body = (
      <>
        <div className="notice" role="status">
          <p><strong>{t("declaration.sent", { at: formatDateTime(sentAt) })}</strong></p>
          <p>{t("declaration.sentMore")}</p>
        </div>
        <div className="actions">
          <button type="button" className="secondary-outline" onClick={() => setSentAt(null)}>{t("declaration.again")}</button>
        </div>
      </>
    );
  } else {
    body = (
      <>
        {form.submitted_at ? <p className="notice">{t("declaration.alreadySent", { at: formatDateTime(form.submitted_at) })}</p> : null}
        <Questionnaire token={token} onSent={setSentAt} onClosed={() => void found.refetch()} />
      </>
    );
  }
  return (
    <section className="card" aria-labelledby="declaration-heading">
      <h1 id="declaration-heading" tabIndex={-1}>{t("declaration.heading")}</h1>
      <p>{t("declaration.intro", { name: form.employee_name })}</p>
      <dl className="facts">
        {facts.map(([label, value]) => <div key={label}><dt>{label}</dt><dd>{value}</dd></div>)}
      </dl>
      <p>{t("declaration.privacy")}</p>
      {body}
    </section>
  );
}
