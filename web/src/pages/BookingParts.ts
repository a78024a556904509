// What the booking screens (ORD-3 slots, EMP-2 bookings) share: the types, the slot's fields and their limits, the
// wall-clock time a datetime field holds, and what a slot allows now (booking, removing before its cut-off).
import { z } from "zod";
import type { components } from "../api/client";
import { problemOf, type Problem } from "../api/problems";
import { encode } from "../forms/messages";
import { formatDateTime } from "../format";
import type { MessageKey } from "../i18n/messages";

export type Slot = components["schemas"]["Slot"];
export type Booking = components["schemas"]["Booking"];
export type DeclarationAnswers = components["schemas"]["SelfDeclarationAnswers"];

/** SlotInput's limits (portal.bookings.models). */
export const MAX_CAPACITY = 40;
export const MIN_DURATION = 5;
export const MAX_DURATION = 720;
export const MAX_CUT_OFF_HOURS = 720;
export const DEFAULT_CUT_OFF_HOURS = 24;

const minutes = z.coerce.number<string | number>().int().min(MIN_DURATION).max(MAX_DURATION);
const startsAt = z.string().min(1).refine((typed) => !Number.isNaN(new Date(typed).getTime()), {
  message: encode({ key: "fieldError.invalid_format" }),
});

/** A new slot: where, when (the staff member's wall clock), how long, for how many, removable until how long before,
 * and whether what the order bought asks for a self-declaration (EMP-2: the invitation then links to the form). */
export const slotSchema = z.object({
  place: z.string().trim().min(1).max(200),
  starts_at: startsAt,
  duration_minutes: minutes,
  capacity: z.coerce.number<string | number>().int().min(1).max(MAX_CAPACITY),
  cancel_until_hours: z.coerce.number<string | number>().int().min(0).max(MAX_CUT_OFF_HOURS),
  self_declaration: z.boolean().default(false),
});
export type SlotValues = z.input<typeof slotSchema>;
export const EMPTY_SLOT: SlotValues = {
  place: "", starts_at: "", duration_minutes: "30", capacity: "10", cancel_until_hours: String(DEFAULT_CUT_OFF_HOURS), self_declaration: false,
};

/** A slot moved: its place, time and length (the capacity and cut-off stay). */
export const moveSchema = z.object({ place: slotSchema.shape.place, starts_at: startsAt, duration_minutes: minutes });
export type MoveValues = z.input<typeof moveSchema>;

/** The fields' names in a form's error summary (the API's field names have no `field.*` words of their own). */
export const SLOT_FIELD_LABELS: Record<string, MessageKey> = {
  place: "bookings.place",
  starts_at: "bookings.startsAt",
  duration_minutes: "bookings.duration",
  capacity: "bookings.capacity",
  cancel_until_hours: "bookings.cutOffHours",
  self_declaration: "bookings.selfDeclaration",
  employee_id: "bookings.employee",
};

function pad(value: number): string {
  return String(value).padStart(2, "0");
}

/** An instant as a datetime-local field holds it: the reader's wall clock, to the minute. */
export function localInput(value: string | Date): string {
  const date = typeof value === "string" ? new Date(value) : value;
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A datetime-local field's wall-clock time as the instant the API takes (with its offset, as UTC). */
export function instantOf(typed: string): string {
  return new Date(typed).toISOString();
}

/** The slot as people name it: when it starts. */
export function slotName(slot: Slot): string {
  return formatDateTime(slot.starts_at);
}

/** Whether the slot asks its employees for a self-declaration (EMP-2). */
export function asksForDeclaration(slot: Slot): boolean {
  return slot.self_declaration === true;
}

/** What the bookings say of an employee's self-declaration: not sent, sent (the answers kept), or sent and since
 * deleted after the retention period (nothing left to read). */
export type DeclarationState = "not_sent" | "sent" | "deleted";

export function declarationState(booking: Booking, now: number = Date.now()): DeclarationState {
  if (!booking.declaration_submitted_at) return "not_sent";
  const keptUntil = booking.declaration_kept_until ? new Date(booking.declaration_kept_until).getTime() : Infinity;
  return now < keptUntil ? "sent" : "deleted";
}

export function isFull(slot: Slot): boolean {
  return (slot.booked ?? 0) >= slot.capacity;
}

export function hasStarted(slot: Slot, now: number = Date.now()): boolean {
  return new Date(slot.starts_at).getTime() <= now;
}

/** Whether bookings may still be removed: before the slot's cut-off (later changes go through the vendor). */
export function beforeCutOff(slot: Slot, now: number = Date.now()): boolean {
  return now < new Date(slot.cancel_until).getTime();
}

/** What a move changes: only the fields that differ from the slot, so an unchanged start already past is not sent. */
export function changesOf(slot: Slot, values: MoveValues): { place?: string; starts_at?: string; duration_minutes?: number } {
  const changes: { place?: string; starts_at?: string; duration_minutes?: number } = {};
  const place = values.place.trim();
  if (place !== slot.place) changes.place = place;
  if (values.starts_at !== localInput(slot.starts_at)) changes.starts_at = instantOf(values.starts_at);
  if (Number(values.duration_minutes) !== slot.duration_minutes) changes.duration_minutes = Number(values.duration_minutes);
  return changes;
}

// The store's refusal of a write whose condition failed (the slot or booking changed meanwhile) comes as the generic
// `conflict`, which the catalogue words as a customer number taken: said here as what happened to the slot.
const CHANGED_MEANWHILE = new Set(["conflict", "version_mismatch", "transaction_conflict"]);

/** A refusal of a write to a slot or a booking, in the words the booking screens show. */
export function slotProblem(error: unknown): Problem {
  const problem = problemOf(error);
  return CHANGED_MEANWHILE.has(problem.code) ? { code: problem.code, summary: "bookings.changedMeanwhile", fields: {} } : problem;
}

// The self-declaration (EMP-2): its questions in the order the form asks them, a 'yes' that asks for a few words, and
// the answers in words as the health personnel read them.
export const GENERAL_HEALTH = ["good", "fair", "poor"] as const;
export type GeneralHealth = (typeof GENERAL_HEALTH)[number];
export const YES_NO_QUESTIONS = [
  "takes_medication", "chronic_illness", "hearing_problems", "breathing_problems", "skin_problems", "musculoskeletal_problems",
] as const;
export type YesNoQuestion = (typeof YES_NO_QUESTIONS)[number];
export type DetailField = "medication" | "chronic_illness_details";
/** The answers whose 'yes' asks which (SelfDeclarationAnswers: required then). */
export const DETAIL_OF: Partial<Record<YesNoQuestion, DetailField>> = { takes_medication: "medication", chronic_illness: "chronic_illness_details" };
/** SelfDeclarationAnswers' longest text. */
export const MAX_DETAIL = 1000;

export function healthKey(health: GeneralHealth): MessageKey {
  return `declaration.health.${health}`;
}

/** An answer's short name: in the form's error summary and where the health personnel read the answers. */
export function answerLabelKey(field: keyof DeclarationAnswers): MessageKey {
  return `declaration.label.${field}` as MessageKey;
}

/** The answers as the health personnel read them: each labelled, in words, a detail right after its 'yes'. */
export function answerRows(answers: DeclarationAnswers, t: (key: MessageKey) => string): { field: keyof DeclarationAnswers; label: string; text: string }[] {
  const row = (field: keyof DeclarationAnswers, text: string) => ({ field, label: t(answerLabelKey(field)), text });
  const rows = [row("general_health", t(healthKey(answers.general_health)))];
  for (const question of YES_NO_QUESTIONS) {
    rows.push(row(question, t(answers[question] ? "declaration.yes" : "declaration.no")));
    const detail = DETAIL_OF[question];
    if (detail && answers[question]) rows.push(row(detail, answers[detail] ?? ""));
  }
  rows.push(row("remarks", answers.remarks?.trim() || t("declaration.noRemarks")));
  return rows;
}
