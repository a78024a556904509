// CASE-5: what a file may be before it is sent (its type from its name, at most 20 MB), and the words for a file's
// type and for why the check refused one.
import type { components } from "../api/client";
import type { MessageKey } from "../i18n/messages";

export type FileView = components["schemas"]["FileView"];
export type FileType = components["schemas"]["FileType"];
export type FileRejection = components["schemas"]["FileRejection"];

/** The largest file the API takes (FileUploadInput.size): 20 MiB. */
export const MAX_FILE_MB = 20;
export const MAX_FILE_BYTES = MAX_FILE_MB * 1024 * 1024;

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The content types the API takes (FileType), and the words for each. */
const TYPE_KEYS = {
  "application/pdf": "files.type.pdf",
  "image/png": "files.type.png",
  "image/jpeg": "files.type.jpeg",
  "image/webp": "files.type.webp",
  [DOCX]: "files.type.docx",
  [XLSX]: "files.type.xlsx",
  "text/plain": "files.type.text",
  "text/csv": "files.type.csv",
} as const satisfies Record<FileType, MessageKey>;

export const FILE_TYPES = Object.keys(TYPE_KEYS) as FileType[];

/** A file name's ending decides its type, as the browser's own guess does; the API checks the bytes after upload. */
const TYPE_OF_EXTENSION: Record<string, FileType> = {
  pdf: "application/pdf", png: "image/png", jpg: "image/jpeg", jpeg: "image/jpeg", webp: "image/webp",
  docx: DOCX, xlsx: XLSX, txt: "text/plain", csv: "text/csv",
};

/** What the file input offers: the endings, and the types for systems that choose by type. */
export const ACCEPTED_FILES = [...Object.keys(TYPE_OF_EXTENSION).map((extension) => `.${extension}`), ...FILE_TYPES].join(",");

function isFileType(type: string): type is FileType {
  return Object.hasOwn(TYPE_KEYS, type);
}

/** The content type to declare for a file: by its name's ending, else the type the browser gave it if that is one
 * the API takes (a text file without an ending), else null (not a file the portal takes). */
export function contentTypeOf(file: { name: string; type: string }): FileType | null {
  const extension = /\.([A-Za-z0-9]+)$/.exec(file.name.trim())?.[1]?.toLowerCase();
  if (extension && Object.hasOwn(TYPE_OF_EXTENSION, extension)) return TYPE_OF_EXTENSION[extension];
  const type = file.type.split(";")[0].trim().toLowerCase();
  return isFileType(type) ? type : null;
}

/** Why a chosen file is not sent at all (the catalogue key of the reason), or null when it may be. */
export function fileProblem(file: { name: string; type: string; size: number }): MessageKey | null {
  if (contentTypeOf(file) === null) return "files.typeNotAllowed";
  if (file.size === 0) return "files.emptyFile";
  if (file.size > MAX_FILE_BYTES) return "files.tooLarge";
  return null;
}

export function fileTypeKey(type: FileType): MessageKey {
  return TYPE_KEYS[type] ?? "files.type.other";
}

export function rejectionKey(reason: FileRejection | null | undefined): MessageKey {
  return reason ? (`files.rejection.${reason}` as MessageKey) : "files.rejection.unknown";
}
