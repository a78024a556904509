// ORG-3 (seed 003: "Ladda upp register"): an existing customer register uploaded as a CSV file. The browser posts the
// file to storage itself, then reads the upload again while a worker goes through it row by row; the result counts
// the new customers, the rows already in the register and the rejected ones (with every reason), and the full
// per-row report downloads. Earlier uploads are listed below, each with its result.
import { useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate } from "@tanstack/react-router";
import { useEffect, useState, type MouseEvent } from "react";
import { z } from "zod";
import { api } from "../api/client";
import { problemOf, type Problem } from "../api/problems";
import { $api, byCursor, usePages } from "../api/query";
import { customerImportRoute } from "../app/router";
import { FileField, Form } from "../forms/Form";
import { encode } from "../forms/messages";
import { useApiForm } from "../forms/useApiForm";
import { formatDateTime } from "../format";
import { useI18n, type Translate } from "../i18n";
import { DataTable, type ListColumn } from "../ui/DataTable";
import { LoadMore } from "../ui/LoadMore";
import { labelIn, useCustomFields } from "./customFields";
import {
  ACCEPTED_IMPORT_FILES, MAX_IMPORT_MB, failureText, importFileProblem, importStatusKey, isFinished, reasonField, reasonText,
  type CustomerImport, type RejectedRow,
} from "./customerImportParts";

const FORM_ID = "customer-import";
/** How often an upload is read again while it waits for its file or is being read. */
const POLL_MS = 1000;
/** Report links are valid for five minutes; one read longer ago than this is asked for again on a click. */
const LINK_FRESH_MS = 4 * 60_000;
/** The API's names for what the one file input gives. */
const FILE_FIELDS = new Set(["name", "size"]);

const uploadSchema = z.object({
  file: z.custom<FileList>().superRefine((files, context) => {
    const file = typeof FileList !== "undefined" && files instanceof FileList && files.length === 1 ? files[0] : null;
    if (!file) {
      context.addIssue({ code: "custom", message: encode({ key: "fieldError.no_file" }) });
      return;
    }
    const problem = importFileProblem(file);
    if (problem) context.addIssue({ code: "custom", message: encode({ key: problem, values: { max: MAX_IMPORT_MB } }) });
  }),
});
type UploadValues = z.input<typeof uploadSchema>;

/** The upload's report through its short-lived link; a page left open past the link's minutes asks for a fresh one. */
function ReportLink({ upload, readAt, label, ariaLabel, className }: {
  upload: CustomerImport; readAt: number; label: string; ariaLabel?: string; className?: string;
}) {
  async function open(event: MouseEvent<HTMLAnchorElement>) {
    if (Date.now() - readAt < LINK_FRESH_MS) return;
    event.preventDefault();
    const { data } = await api.GET("/customer-imports/{import_id}", { params: { path: { import_id: upload.import_id } } });
    if (data?.report_url) window.location.assign(data.report_url);
  }
  if (!upload.report_url) return null;
  return <a className={className} href={upload.report_url} download aria-label={ariaLabel} onClick={(event) => void open(event)}>{label}</a>;
}

/** The file chosen, checked here (type, size) before anything is sent, then posted to storage. */
function UploadForm({ onUploading, onStarted }: { onUploading: (name: string | null) => void; onStarted: (importId: string) => void }) {
  const { t } = useI18n();
  const form = useApiForm(uploadSchema, {});
  const [lost, setLost] = useState<string | null>(null);

  async function submit(values: UploadValues) {
    const file = values.file[0];
    setLost(null);
    onUploading(file.name);
    // Straight through the client rather than a mutation: an accepted mutation refreshes every query of the page
    // (api/query.ts), and there is nothing new to read until the file is in storage.
    const started = await api.POST("/customer-imports", { body: { name: file.name, size: file.size } });
    if (!started.data) {
      onUploading(null);
      const problem: Problem = problemOf(started.error);
      const fields = Object.fromEntries(Object.entries(problem.fields).map(([field, text]) => [FILE_FIELDS.has(field) ? "file" : field, text]));
      return form.refuse({ ...problem, fields });
    }
    const { customer_import: made, upload } = started.data;
    const body = new FormData();
    for (const [name, value] of Object.entries(upload.fields)) body.append(name, value);
    body.append("file", file); // the file last: storage reads the fields before it
    let stored = false;
    try {
      stored = (await fetch(upload.url, { method: "POST", body })).ok;
    } catch {
      stored = false;
    }
    onUploading(null);
    if (!stored) {
      setLost(made.file_name);
      return;
    }
    form.reset();
    onStarted(made.import_id);
  }

  return (
    <>
      <Form form={form} id={FORM_ID} onSubmit={submit} label={t("customerImport.heading")} labelOf={() => t("customerImport.file")}>
        <FileField name="file" label={t("customerImport.file")} accept={ACCEPTED_IMPORT_FILES} required
          hint={t("customerImport.fileHint", { max: MAX_IMPORT_MB })} />
        <div className="actions">
          <button type="submit">{t("customerImport.submit")}</button>
        </div>
      </Form>
      {lost ? <p className="error" role="alert">{t("customerImport.uploadFailed", { name: lost })}</p> : null}
    </>
  );
}

/** Where the upload is, in words: on its way, waiting, being read (row by row), or read with its counts. */
function progressText(uploading: string | null, upload: CustomerImport | undefined, t: Translate): string {
  if (uploading) return t("customerImport.uploading", { name: uploading });
  if (!upload) return "";
  switch (upload.status) {
    case "waiting_for_file":
      return t("customerImport.waiting", { name: upload.file_name });
    case "running":
      return upload.rows_read ? t("customerImport.readingRow", { rows: upload.rows_read }) : t("customerImport.reading", { name: upload.file_name });
    case "done":
      return t("customerImport.doneStatus", {
        name: upload.file_name, imported: upload.imported ?? 0, already: upload.already_imported ?? 0, rejected: upload.rejected ?? 0,
      });
    case "failed":
      return ""; // the failure is an alert of its own
  }
}

function RejectedRows({ upload }: { upload: CustomerImport }) {
  const { t, language } = useI18n();
  const definitions = useCustomFields();
  const rows = upload.rejected_rows ?? [];
  const columns: ListColumn<RejectedRow>[] = [
    { id: "line", header: t("customerImport.column.line"), cell: (row) => row.line },
    { id: "number", header: t("field.number"), cell: (row) => row.number ?? "" },
    { id: "name", header: t("field.name"), rowHeader: true, cell: (row) => <span className="long-text">{row.name ?? ""}</span> },
    {
      id: "reasons", header: t("customerImport.column.reasons"),
      cell: (row) => (
        <ul className="changes">
          {row.reasons.map((reason, index) => (
            <li key={index}>
              <strong>{reasonField(reason.field, definitions, language, t)}</strong>: {reasonText(reason, t)}
            </li>
          ))}
        </ul>
      ),
    },
  ];
  return (
    <>
      <h3 id="customer-import-rejected-heading">{t("customerImport.rejectedRows")}</h3>
      {(upload.rejected ?? 0) > rows.length ? (
        <p className="muted">{t("customerImport.rejectedShown", { shown: rows.length, count: upload.rejected ?? 0 })}</p>
      ) : null}
      <DataTable labelledBy="customer-import-rejected-heading" columns={columns} rows={rows} rowId={(row) => String(row.line)}
        visibleColumns={columns.map((column) => column.id)} empty={t("customerImport.noneRejected")} />
    </>
  );
}

/** A finished upload: its counts, the rows it rejected and its report; or why the file as a whole was not read. */
function ImportResult({ upload, readAt }: { upload: CustomerImport; readAt: number }) {
  const { t } = useI18n();
  return (
    <section className="card" aria-labelledby="customer-import-result-heading">
      <h2 id="customer-import-result-heading">{t("customerImport.result", { name: upload.file_name })}</h2>
      <p className="muted">{t("customerImport.uploadedBy", { name: upload.created_by_name, at: formatDateTime(upload.created_at) })}</p>
      {upload.status === "failed" ? (
        <div className="error" role="alert">
          <p>{t("customerImport.failed", { name: upload.file_name })} {failureText(upload, t)}</p>
          {upload.error_message ? <p className="hint long-text">{upload.error_message}</p> : null}
        </div>
      ) : (
        <>
          <dl className="details">
            <div><dt>{t("customerImport.imported")}</dt><dd>{upload.imported ?? 0}</dd></div>
            <div><dt>{t("customerImport.alreadyImported")}</dt><dd>{upload.already_imported ?? 0}</dd></div>
            <div><dt>{t("customerImport.rejected")}</dt><dd>{upload.rejected ?? 0}</dd></div>
          </dl>
          <p><ReportLink upload={upload} readAt={readAt} label={t("customerImport.report")} /></p>
          {upload.rejected ? <RejectedRows upload={upload} /> : <p>{t("customerImport.noneRejected")}</p>}
        </>
      )}
    </section>
  );
}

/** The uploads made so far, newest first: who, when, how each went, and each finished one's report. */
function EarlierImports() {
  const { t } = useI18n();
  const pages = usePages("get", "/customer-imports", { params: { query: { limit: 10 } } }, byCursor);
  const uploads = pages.data?.pages.flatMap((page) => page.items) ?? [];
  const readAt = pages.dataUpdatedAt;
  const columns: ListColumn<CustomerImport>[] = [
    {
      id: "file", header: t("customerImport.column.file"), rowHeader: true,
      cell: (upload) => <Link className="long-text" to="/customers/import" search={{ import: upload.import_id }}>{upload.file_name}</Link>,
    },
    { id: "by", header: t("customerImport.column.by"), cell: (upload) => upload.created_by_name },
    { id: "at", header: t("customerImport.column.at"), cell: (upload) => <span className="nowrap">{formatDateTime(upload.created_at)}</span> },
    { id: "status", header: t("field.status"), cell: (upload) => t(importStatusKey(upload.status)) },
    {
      id: "result", header: t("customerImport.column.result"),
      cell: (upload) => {
        if (upload.status === "done") {
          return t("customerImport.counts", { imported: upload.imported ?? 0, already: upload.already_imported ?? 0, rejected: upload.rejected ?? 0 });
        }
        return upload.status === "failed" ? failureText(upload, t) : "";
      },
    },
    {
      id: "report", header: t("customerImport.column.report"),
      cell: (upload) => (
        <ReportLink className="nowrap" upload={upload} readAt={readAt} label={t("customerImport.download")} ariaLabel={t("customerImport.reportOf", { name: upload.file_name })} />
      ),
    },
  ];
  return (
    <section className="card" aria-labelledby="customer-import-earlier-heading">
      <h2 id="customer-import-earlier-heading">{t("customerImport.earlier")}</h2>
      {pages.error ? <p className="error" role="alert">{t(problemOf(pages.error).summary)}</p> : null}
      {pages.data ? (
        <DataTable labelledBy="customer-import-earlier-heading" columns={columns} rows={uploads} rowId={(upload) => upload.import_id}
          visibleColumns={columns.map((column) => column.id)} empty={t("customerImport.none")} />
      ) : null}
      <LoadMore pages={pages} />
    </section>
  );
}

export function CustomerImportPage() {
  const { t, language } = useI18n();
  const search = customerImportRoute.useSearch();
  const navigate = useNavigate({ from: "/customers/import" });
  const queryClient = useQueryClient();
  const definitions = useCustomFields();
  const [uploading, setUploading] = useState<string | null>(null);
  const importId = search.import;
  const shown = $api.useQuery("get", "/customer-imports/{import_id}", { params: { path: { import_id: importId ?? "" } } }, {
    enabled: Boolean(importId),
    refetchInterval: (query) => (query.state.data && !isFinished(query.state.data.status) ? POLL_MS : false),
  });
  const upload = importId ? shown.data : undefined;
  const status = upload?.status;

  useEffect(() => {
    // Once an upload has ended, the register and the list of uploads have changed.
    if (!isFinished(status)) return;
    void queryClient.invalidateQueries({ queryKey: ["get", "/customers"] });
    void queryClient.invalidateQueries({ queryKey: ["get", "/customer-imports"] });
  }, [status, queryClient]);

  function started(id: string) {
    void queryClient.invalidateQueries({ queryKey: ["get", "/customer-imports"] });
    void navigate({ search: { import: id } });
  }

  const custom = (definitions ?? []).map((definition) => labelIn(definition, language));
  const progress = progressText(uploading, upload, t);
  return (
    <>
      <section className="card" aria-labelledby="customer-import-heading">
        <h1 id="customer-import-heading" tabIndex={-1}>{t("customerImport.heading")}</h1>
        <p>{t("customerImport.intro")}</p>
        <p className="muted">
          {t("customerImport.columns")}
          {custom.length ? ` ${t("customerImport.customColumns", { labels: custom.join(", ") })}` : null}
        </p>
        <UploadForm onUploading={setUploading} onStarted={started} />
        {/* One live region for the whole way: uploading, waiting, reading row N, and (read out only) the counts,
            which the result below shows. */}
        <p role="status" className={status === "done" && !uploading ? "visually-hidden" : "muted upload-progress"}>{progress}</p>
        {importId && shown.error ? (
          <p className="error" role="alert">{t(problemOf(shown.error).code === "not_found" ? "error.no_such_route" : problemOf(shown.error).summary)}</p>
        ) : null}
      </section>
      {upload && isFinished(upload.status) ? <ImportResult upload={upload} readAt={shown.dataUpdatedAt} /> : null}
      <EarlierImports />
    </>
  );
}
