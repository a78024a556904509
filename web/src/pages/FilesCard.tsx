// CASE-5: the files linked to a customer, one of its objects or a case — listed ten at a time with "Show all", each
// downloaded through its short-lived link; staff with the Upload right add one (the browser posts it to storage
// itself, then waits while its bytes are checked), and staff who may delete uploaded files remove one.
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState, type MouseEvent } from "react";
import { z } from "zod";
import { api, type components } from "../api/client";
import { problemOf, type Problem } from "../api/problems";
import { $api, byCursor, refusalOf, usePages } from "../api/query";
import { usePrincipal } from "../app/session";
import { FileField, Form } from "../forms/Form";
import { encode } from "../forms/messages";
import { useApiForm } from "../forms/useApiForm";
import { formatDate, formatFileSize } from "../format";
import { useI18n } from "../i18n";
import { ConfirmButton } from "../ui/ConfirmButton";
import { ALL_PAGE, SHORT_LIST, ShortList, type SortableColumn } from "../ui/ShortList";
import { notify } from "../ui/Toasts";
import { ACCEPTED_FILES, MAX_FILE_MB, contentTypeOf, fileProblem, fileTypeKey, rejectionKey, type FileView } from "./fileParts";

type FileUploadInput = components["schemas"]["FileUploadInput"];

/** What the files are linked to: a customer (its own files and its objects'), one of its objects, one of its support
 * tickets (the ticket's attachments), or a case. */
export type FileTarget = { customerId: string; objectId?: string; ticketId?: string } | { caseId: string };

/** How often, and for how long, an uploaded file is read again while its bytes are checked. */
const POLL_MS = 1000;
const CHECK_MS = 30_000;
/** Download links are valid for five minutes; a list read longer ago than this asks for a fresh one on a click. */
const LINK_FRESH_MS = 4 * 60_000;
/** The API's names for what the one file input gives. */
const FILE_FIELDS = new Set(["name", "size", "content_type"]);

function queryOf(target: FileTarget) {
  if ("caseId" in target) return { case_id: target.caseId };
  if (target.ticketId) return { customer_id: target.customerId, ticket_id: target.ticketId };
  return target.objectId ? { customer_id: target.customerId, object_id: target.objectId } : { customer_id: target.customerId };
}

/** The part of the page's element ids that names the list (a customer's page has the customer's and each object's). */
function idOf(target: FileTarget): string {
  if ("caseId" in target) return `case-${target.caseId}-files`;
  if (target.ticketId) return `ticket-${target.ticketId}-files`;
  return target.objectId ? `object-${target.objectId}-files` : `customer-${target.customerId}-files`;
}

/** A list the login may not read answers 404 (or 403): then there is no files section for it, not an error. */
function notShown(error: unknown): boolean {
  if (!error) return false;
  const problem = problemOf(error);
  return problem.code === "not_found" || problem.summary === "error.forbidden";
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The customer's objects by id, for the files of its objects (the same read as the objects card: one request). */
export function useObjectNames(customerId: string | undefined, enabled: boolean): Record<string, string> {
  const objects = usePages("get", "/customers/{customer_id}/objects",
    { params: { path: { customer_id: customerId ?? "" }, query: { limit: 100 } } }, { ...byCursor, enabled: enabled && Boolean(customerId), retry: false });
  return Object.fromEntries((objects.data?.pages ?? []).flatMap((page) => page.items).map((item) => [item.object_id, item.name]));
}

/** The file's name as its download. A list left open past the links' few minutes fetches a fresh link first. */
function DownloadLink({ file, readAt }: { file: FileView; readAt: number }) {
  async function download(event: MouseEvent<HTMLAnchorElement>) {
    if (Date.now() - readAt < LINK_FRESH_MS) return;
    event.preventDefault();
    const { data } = await api.GET("/files/{file_id}", { params: { path: { file_id: file.file_id } } });
    if (data?.download_url) window.location.assign(data.download_url);
  }
  if (!file.download_url) return <span className="long-text">{file.name}</span>;
  return <a className="long-text" href={file.download_url} download={file.name} onClick={(event) => void download(event)}>{file.name}</a>;
}

function DeleteFile({ file }: { file: FileView }) {
  const { t } = useI18n();
  const remove = $api.useMutation("delete", "/files/{file_id}");

  async function run() {
    const refused = await refusalOf(remove.mutateAsync({ params: { path: { file_id: file.file_id } } }));
    if (refused) notify(t(problemOf(refused).summary), "error");
    else notify(t("toast.deleted", { name: file.name }));
  }

  return (
    <ConfirmButton className="button secondary-outline small" label={t("files.delete")} ariaLabel={t("files.deleteOf", { name: file.name })}
      title={t("files.deleteTitle", { name: file.name })} confirmLabel={t("files.delete")} onConfirm={run}>
      <p>{t("files.deleteConfirm")}</p>
    </ConfirmButton>
  );
}

const uploadSchema = z.object({
  file: z.custom<FileList>().superRefine((files, context) => {
    const file = typeof FileList !== "undefined" && files instanceof FileList && files.length === 1 ? files[0] : null;
    if (!file) {
      context.addIssue({ code: "custom", message: encode({ key: "fieldError.no_file" }) });
      return;
    }
    const problem = fileProblem(file);
    if (problem) context.addIssue({ code: "custom", message: encode({ key: problem, values: { max: MAX_FILE_MB } }) });
  }),
});
type UploadValues = z.input<typeof uploadSchema>;

/** Where an upload is: on its way, being checked, or how it ended (ready files are announced and listed). */
type Progress = { step: "uploading" | "checking"; name: string };
type Outcome = { kind: "rejected"; file: FileView } | { kind: "failed" | "stillChecking"; name: string };

function startUpload(body: FileUploadInput) {
  return api.POST("/files", { body });
}

function UploadForm({ target, formId, label }: { target: FileTarget; formId: string; label: string }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const form = useApiForm(uploadSchema, {});
  const [progress, setProgress] = useState<Progress | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => { mounted.current = false; };
  }, []);

  /** The file as the check left it, or null when it was still being checked after half a minute. */
  async function checked(fileId: string): Promise<FileView | null> {
    const deadline = Date.now() + CHECK_MS;
    while (mounted.current && Date.now() < deadline) {
      await sleep(POLL_MS);
      try {
        const { data } = await api.GET("/files/{file_id}", { params: { path: { file_id: fileId } } });
        if (data && data.status !== "uploading") return data;
      } catch {
        // no answer this time (the network): read it again
      }
    }
    return null;
  }

  async function submit(values: UploadValues) {
    const file = values.file[0];
    const contentType = contentTypeOf(file);
    if (!contentType) return; // the schema refused it already
    setOutcome(null);
    setProgress({ step: "uploading", name: file.name });
    // Straight through the client rather than a mutation: an accepted mutation refreshes every query of the page
    // (api/query.ts), and the file is listed only once its bytes have been checked.
    let started: Awaited<ReturnType<typeof startUpload>>;
    try {
      started = await startUpload({ ...queryOf(target), name: file.name, content_type: contentType, size: file.size });
    } catch (unanswered) {
      setProgress(null);
      return form.refuse(unanswered);
    }
    if (!started.data) {
      setProgress(null);
      const problem: Problem = problemOf(started.error);
      const fields = Object.fromEntries(Object.entries(problem.fields).map(([field, text]) => [FILE_FIELDS.has(field) ? "file" : field, text]));
      return form.refuse({ ...problem, fields });
    }
    const { file: made, upload } = started.data;
    const body = new FormData();
    for (const [name, value] of Object.entries(upload.fields)) body.append(name, value);
    body.append("file", file); // the file last: storage reads the fields before it
    let stored = false;
    try {
      const response = await fetch(upload.url, { method: "POST", body });
      stored = response.ok;
    } catch {
      stored = false;
    }
    if (!stored) {
      setProgress(null);
      setOutcome({ kind: "failed", name: made.name });
      return;
    }
    setProgress({ step: "checking", name: made.name });
    const result = await checked(made.file_id);
    if (!mounted.current) return;
    setProgress(null);
    // As after any accepted write (api/query.ts): a file checked is listed, and written in the customer's history
    // and a case's timeline (which moves the case's version its forms save against).
    await queryClient.invalidateQueries();
    if (result?.status === "ready") {
      notify(t("toast.fileUploaded", { name: result.name }));
      form.reset();
    } else if (result?.status === "rejected") {
      setOutcome({ kind: "rejected", file: result });
      form.reset(); // the file refused is not offered again
    } else {
      setOutcome({ kind: "stillChecking", name: made.name });
      form.reset();
    }
  }

  return (
    <>
      <Form form={form} id={formId} onSubmit={submit} label={label} labelOf={(field) => (field === "file" ? t("files.file") : t("files.heading"))}>
        <FileField name="file" label={t("files.file")} accept={ACCEPTED_FILES} required hint={t("files.fileHint", { max: MAX_FILE_MB })} />
        <div className="actions">
          <button type="submit">{t("files.uploadSubmit")}</button>
        </div>
      </Form>
      <p role="status" className="muted upload-progress">
        {progress ? t(progress.step === "uploading" ? "files.uploading" : "files.checking", { name: progress.name }) : null}
      </p>
      {outcome?.kind === "rejected" ? (
        <p className="error" role="alert">{t("files.rejected", { name: outcome.file.name })} {t(rejectionKey(outcome.file.rejection))}</p>
      ) : null}
      {outcome?.kind === "failed" ? <p className="error" role="alert">{t("files.uploadFailed", { name: outcome.name })}</p> : null}
      {outcome?.kind === "stillChecking" ? <p className="notice" role="status">{t("files.stillChecking", { name: outcome.name })}</p> : null}
    </>
  );
}

/** The files of a customer (with its objects'), of one object, or of a case: a card on the page (`heading` where the
 * page has several, a portal user's start page), or (`within`, an object's row) a part of another card. A login that
 * may not read them sees no files section at all. */
export function FilesCard({ target, heading, within }: { target: FileTarget; heading?: string; within?: { name: string } }) {
  const { t, language } = useI18n();
  const me = usePrincipal();
  const [all, setAll] = useState(false);
  const query = queryOf(target);
  const first = usePages("get", "/files", { params: { query: { ...query, limit: SHORT_LIST } } }, { ...byCursor, retry: false });
  const rest = usePages("get", "/files", { params: { query: { ...query, limit: ALL_PAGE } } }, { ...byCursor, enabled: all, retry: false });
  const onCustomer = "customerId" in target && !target.objectId && !target.ticketId;
  const onTicket = "customerId" in target && Boolean(target.ticketId);
  const listed = (first.data?.pages ?? []).flatMap((page) => page.items);
  const objectNames = useObjectNames("customerId" in target ? target.customerId : undefined,
    onCustomer && listed.some((file) => file.object_id));
  const id = idOf(target);
  const headingId = `${id}-heading`;

  if (notShown(first.error)) return within ? <p className="muted">{t("files.notShown")}</p> : null;

  const readAt = Math.min(first.dataUpdatedAt, all && rest.dataUpdatedAt ? rest.dataUpdatedAt : Infinity);
  const columns: SortableColumn<FileView>[] = [
    {
      id: "name", header: t("files.column.name"), rowHeader: true, sortValue: (file) => file.name,
      cell: (file) => <DownloadLink file={file} readAt={readAt} />,
    },
    {
      id: "type", header: t("files.column.type"), cell: (file) => <span className="nowrap">{t(fileTypeKey(file.content_type))}</span>,
      sortValue: (file) => t(fileTypeKey(file.content_type)),
    },
    { id: "size", header: t("files.column.size"), cell: (file) => <span className="amount">{formatFileSize(file.size, language)}</span>, sortValue: (file) => file.size },
    ...(onCustomer ? [{
      id: "object", header: t("files.column.object"),
      cell: (file: FileView) => (file.object_id ? <span className="long-text">{objectNames[file.object_id] ?? t("files.anObject")}</span> : "–"),
      sortValue: (file: FileView) => (file.object_id ? objectNames[file.object_id] ?? t("files.anObject") : null),
    }] : []),
    { id: "by", header: t("files.column.uploadedBy"), cell: (file) => file.uploaded_by_name, sortValue: (file) => file.uploaded_by_name },
    {
      id: "at", header: t("files.column.uploadedAt"), cell: (file) => <span className="nowrap">{formatDate(file.uploaded_at)}</span>,
      sortValue: (file) => file.uploaded_at,
    },
  ];
  if (listed.some((file) => file.may_delete)) {
    columns.push({ id: "actions", header: t("files.column.actions"), cell: (file) => (file.may_delete ? <DeleteFile file={file} /> : "") });
  }
  // Staff with the Upload right put files anywhere they see; a ticket's readers, the customer's users, attach files to it.
  const uploads = me.kind === "staff" ? me.permissions.includes("upload") : onTicket && me.kind !== "api_key";
  const uploadLabel = within ? t("files.uploadTo", { name: within.name }) : t("files.upload");
  const list = (
    <ShortList labelledBy={headingId} columns={columns} first={first} rest={rest} all={all} onShowAll={() => setAll(true)}
      rowId={(file) => file.file_id} empty={t("files.none")} />
  );

  if (within) {
    return (
      <section className="object-files" aria-labelledby={headingId}>
        {/* The row's "Files" says what this is; the heading names the part for assistive technology. */}
        <h3 id={headingId} className="visually-hidden">{t("files.ofObject", { name: within.name })}</h3>
        {list}
        {uploads ? <UploadForm target={target} formId={`${id}-upload`} label={uploadLabel} /> : null}
      </section>
    );
  }
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{heading ?? t("files.heading")}</h2>
      <p className="muted">
        {t("caseId" in target ? "files.introCase" : onTicket ? "files.introTicket" : onCustomer ? "files.introCustomer" : "files.introObject")}
      </p>
      {list}
      {uploads ? (
        <>
          <h3>{uploadLabel}</h3>
          <UploadForm target={target} formId={`${id}-upload`} label={uploadLabel} />
        </>
      ) : null}
    </section>
  );
}

/** One object's files in its row of the objects card, read once the row's "Files" is opened. */
export function ObjectFiles({ customerId, objectId, name }: { customerId: string; objectId: string; name: string }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <details className="object-files-toggle" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary aria-label={t("files.ofObject", { name })}>{t("files.heading")}</summary>
      {open ? <FilesCard target={{ customerId, objectId }} within={{ name }} /> : null}
    </details>
  );
}
