import { Link } from "@tanstack/react-router";
import { useState } from "react";
import { useFormContext } from "react-hook-form";
import { z } from "zod";
import type { components } from "../api/client";
import { problemOf, word } from "../api/problems";
import { $api, isConflict, refusalOf } from "../api/query";
import { Form, inputIdOf } from "../forms/Form";
import { decode, encode } from "../forms/messages";
import { useApiForm } from "../forms/useApiForm";
import { formatDateTime } from "../format";
import { useI18n } from "../i18n";
import type { MessageKey } from "../i18n/messages";
import { notify } from "../ui/Toasts";
import {
  ARTICLE_COLUMNS, CASE_COLUMNS, FORM_FIELDS, articleColumnKey, columnKey, formFieldKey, type ArticleColumn, type CaseColumn, type CaseFormField,
} from "./caseParts";

type Settings = components["schemas"]["StoredCaseSettings"];

const FORM_ID = "case-settings";
const atLeastOne = { message: encode({ key: "caseSettings.chooseOne" }) };

const settingsSchema = z.object({
  customer_required: z.boolean(),
  object_required: z.boolean(),
  form_fields: z.array(z.enum(FORM_FIELDS)),
  search_columns: z.array(z.enum(CASE_COLUMNS)).min(1, atLeastOne),
  article_columns: z.array(z.enum(ARTICLE_COLUMNS)).min(1, atLeastOne),
});
type Values = z.input<typeof settingsSchema>;
type ListName = "form_fields" | "search_columns" | "article_columns";

function valuesOf(settings: Settings): Values {
  return {
    customer_required: settings.customer_required ?? false,
    object_required: settings.object_required ?? false,
    form_fields: settings.form_fields ?? [],
    search_columns: settings.search_columns ?? [],
    article_columns: settings.article_columns ?? [],
  };
}

/** One list of the settings as a group of checkboxes; what is ticked is kept in the order shown. */
function Choices<T extends string>({ name, legend, hint, options, labelOf }: {
  name: ListName; legend: string; hint: string; options: readonly T[]; labelOf: (option: T) => MessageKey;
}) {
  const { t } = useI18n();
  const { register, formState } = useFormContext<Values>();
  const id = inputIdOf(FORM_ID, name);
  const error = decode(formState.errors[name]?.message);
  return (
    <fieldset className="checks group" id={id} tabIndex={-1} aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}>
      <legend>{legend}</legend>
      <p className="hint" id={`${id}-hint`}>{hint}</p>
      <div className="check-columns">
        {options.map((option) => (
          <label key={option}>
            <input type="checkbox" value={option} {...register(name)} />
            {t(labelOf(option))}
          </label>
        ))}
      </div>
      {error ? <p className="field-error" id={`${id}-error`}>{word(error, t)}</p> : null}
    </fieldset>
  );
}

function SettingsForm({ settings, onReload }: { settings: Settings; onReload: () => void }) {
  const { t } = useI18n();
  const save = $api.useMutation("put", "/case-settings");
  const [conflict, setConflict] = useState(false);
  const form = useApiForm(settingsSchema, valuesOf(settings));

  async function submit(values: Values) {
    // In the order the API offers them, whatever order they were ticked in.
    const inOrder = <T extends string>(all: readonly T[], chosen: T[]) => all.filter((option) => chosen.includes(option));
    const refused = await refusalOf(save.mutateAsync({
      body: {
        customer_required: values.customer_required,
        object_required: values.object_required,
        form_fields: inOrder<CaseFormField>(FORM_FIELDS, values.form_fields),
        search_columns: inOrder<CaseColumn>(CASE_COLUMNS, values.search_columns),
        article_columns: inOrder<ArticleColumn>(ARTICLE_COLUMNS, values.article_columns),
        version: settings.version ?? 0,
      },
    }));
    setConflict(isConflict(refused));
    if (refused) return form.refuse(refused);
    notify(t("toast.caseSettingsSaved"));
  }

  const labels: Record<string, string> = {
    customer_required: t("caseSettings.customerRequired"), object_required: t("caseSettings.objectRequired"),
    form_fields: t("caseSettings.formFields"), search_columns: t("caseSettings.searchColumns"), article_columns: t("caseSettings.articleColumns"),
  };
  return (
    <Form form={form} id={FORM_ID} onSubmit={submit} label={t("caseSettings.heading")} labelOf={(field) => labels[field] ?? field}>
      {conflict ? (
        <p className="notice">
          {t("settings.conflict")}{" "}
          <button type="button" className="secondary-outline small" onClick={onReload}>{t("conflict.reload")}</button>
        </p>
      ) : null}
      <fieldset className="checks group" aria-describedby={`${FORM_ID}-links-hint`}>
        <legend>{t("caseSettings.links")}</legend>
        <p className="hint" id={`${FORM_ID}-links-hint`}>{t("caseSettings.linksHint")}</p>
        <div className="check-columns">
          <label><input type="checkbox" id={inputIdOf(FORM_ID, "customer_required")} {...form.register("customer_required")} />{labels.customer_required}</label>
          <label><input type="checkbox" id={inputIdOf(FORM_ID, "object_required")} {...form.register("object_required")} />{labels.object_required}</label>
        </div>
      </fieldset>
      <Choices name="form_fields" legend={labels.form_fields} hint={t("caseSettings.formFieldsHint")} options={FORM_FIELDS} labelOf={formFieldKey} />
      <Choices name="search_columns" legend={labels.search_columns} hint={t("caseSettings.searchColumnsHint")} options={CASE_COLUMNS} labelOf={columnKey} />
      <Choices name="article_columns" legend={labels.article_columns} hint={t("caseSettings.articleColumnsHint")} options={ARTICLE_COLUMNS}
        labelOf={articleColumnKey} />
      <div className="actions">
        <button type="submit">{t("caseSettings.save")}</button>
      </div>
    </Form>
  );
}

/** Administrators (seed 002: "the selection may differ depending on how the customer portal is configured"): whether a
 * new case must name a customer and an object, which fields the new-case form asks, which columns the search lists, and
 * which columns of the article rows the customer's logins see. */
export function CaseSettingsPage() {
  const { t } = useI18n();
  const settings = $api.useQuery("get", "/case-settings");
  return (
    <section className="card" aria-labelledby="case-settings-heading">
      <Link to="/cases">{t("cases.back")}</Link>
      <h1 id="case-settings-heading" tabIndex={-1}>{t("caseSettings.heading")}</h1>
      <p className="muted">{t("caseSettings.intro")}</p>
      {settings.data?.updated_at && settings.data.updated_by ? (
        <p className="muted">{t("caseSettings.savedBy", { at: formatDateTime(settings.data.updated_at), name: settings.data.updated_by })}</p>
      ) : null}
      {settings.error ? <p className="error" role="alert">{t(problemOf(settings.error).summary)}</p> : null}
      {/* A new key after a save or reload builds the form from what is stored now. */}
      {settings.data
        ? <SettingsForm key={settings.data.version ?? 0} settings={settings.data} onReload={() => void settings.refetch()} />
        : !settings.error ? <p role="status">{t("loading")}</p> : null}
    </section>
  );
}
