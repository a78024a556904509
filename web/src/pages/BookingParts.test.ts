import { describe, expect, it } from "vitest";
import { beforeCutOff, changesOf, declarationState, hasStarted, instantOf, isFull, localInput, moveSchema, slotProblem, slotSchema, type Booking, type Slot } from "./BookingParts";

const STARTS = new Date(2030, 0, 7, 9, 0); // the reader's wall clock: 07.01.2030 09:00

function slot(overrides: Partial<Slot> = {}): Slot {
  return {
    slot_id: "S", customer_id: "C", order_id: "O", place: "Klinikken, Strandkaien 4", starts_at: STARTS.toISOString(),
    ends_at: new Date(STARTS.getTime() + 30 * 60_000).toISOString(), duration_minutes: 30, capacity: 2, booked: 0,
    cancel_until_hours: 24, cancel_until: new Date(STARTS.getTime() - 24 * 3_600_000).toISOString(),
    created_at: "2029-12-01T08:00:00Z", created_by_name: "Anne Admin", version: 3, ...overrides,
  };
}

describe("booking slots", () => {
  it("hold the start as the datetime field shows it, and send it back as the same instant", () => {
    expect(localInput(STARTS.toISOString())).toBe("2030-01-07T09:00");
    expect(instantOf("2030-01-07T09:00")).toBe(STARTS.toISOString());
  });

  it("move only what was changed: an unchanged start already past is not sent", () => {
    const unchanged = { place: "Klinikken, Strandkaien 4", starts_at: "2030-01-07T09:00", duration_minutes: "30" };
    expect(changesOf(slot(), unchanged)).toEqual({});
    expect(changesOf(slot(), { ...unchanged, starts_at: "2030-01-07T10:00", place: " Klinikken " })).toEqual({
      place: "Klinikken", starts_at: new Date(2030, 0, 7, 10, 0).toISOString(),
    });
    expect(changesOf(slot(), { ...unchanged, duration_minutes: "45" })).toEqual({ duration_minutes: 45 });
  });

  it("say when a slot is full, has begun, or is past its cut-off", () => {
    expect(isFull(slot({ booked: 1 }))).toBe(false);
    expect(isFull(slot({ booked: 2 }))).toBe(true);
    const dayBefore = STARTS.getTime() - 24 * 3_600_000;
    expect(beforeCutOff(slot(), dayBefore - 1)).toBe(true);
    expect(beforeCutOff(slot(), dayBefore)).toBe(false);
    expect(hasStarted(slot(), STARTS.getTime() - 1)).toBe(false);
    expect(hasStarted(slot(), STARTS.getTime())).toBe(true);
  });

  it("keep to the API's limits: at most 40 places, a cut-off of 0 to 720 hours, 5 to 720 minutes", () => {
    const valid = { place: "Her", starts_at: "2030-01-07T09:00", duration_minutes: "30", capacity: "40", cancel_until_hours: "0" };
    expect(slotSchema.safeParse(valid).success).toBe(true);
    expect(slotSchema.safeParse({ ...valid, capacity: "41" }).success).toBe(false);
    expect(slotSchema.safeParse({ ...valid, cancel_until_hours: "721" }).success).toBe(false);
    expect(slotSchema.safeParse({ ...valid, starts_at: "" }).success).toBe(false);
    expect(moveSchema.safeParse({ place: "Her", starts_at: "2030-01-07T09:00", duration_minutes: "4" }).success).toBe(false);
  });

  it("word a write refused because the slot changed as such, not as the generic conflict", () => {
    const changed = slotProblem({ error: { code: "conflict", message: "The slot changed meanwhile", details: [] } });
    expect(changed).toEqual({ code: "conflict", summary: "bookings.changedMeanwhile", fields: {} });
    expect(slotProblem({ error: { code: "slot_full", message: "Full", details: [] } }).summary).toBe("error.slot_full");
  });

  it("say of a self-declaration whether it was sent, and that it was deleted once its retention period ran out", () => {
    const booking: Booking = {
      booking_id: "B", customer_id: "C", order_id: "O", slot_id: "S", employee_id: "E", employee_name: "Anna Ansatt",
      email: "anna@example.no", language: "nb", slot_version: 1, booked_at: "2029-12-01T08:00:00Z", booked_by_name: "Kari",
    };
    const sent = { ...booking, declaration_submitted_at: "2030-01-05T18:00:00Z", declaration_kept_until: "2030-04-07T08:30:00Z" };
    expect(declarationState(booking)).toBe("not_sent");
    expect(declarationState(sent, Date.parse("2030-04-07T08:29:59Z"))).toBe("sent");
    expect(declarationState(sent, Date.parse("2030-04-07T08:30:00Z"))).toBe("deleted");
  });
});
