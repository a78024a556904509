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

/** A new slot: where, when (the staff member's wall clock), how long, for how many, removable until how long before. */
export const slotSchema = z.object({
  place: z.string().trim().min(1).max(200),
  starts_at: startsAt,
  duration_minutes: minutes,
  capacity: z.coerce.number<string | number>().int().min(1).max(MAX_CAPACITY),
  cancel_until_hours: z.coerce.number<string | number>().int().min(0).max(MAX_CUT_OFF_HOURS),
});
export type SlotValues = z.input<typeof slotSchema>;
export const EMPTY_SLOT: SlotValues = {
  place: "", starts_at: "", duration_minutes: "30", capacity: "10", cancel_until_hours: String(DEFAULT_CUT_OFF_HOURS),
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
