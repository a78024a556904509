// Field rules the client can check itself, the same as the API's (portal/fields.py), so the user learns of them
// before sending; the API still checks every one.
import { z } from "zod";
import { encode } from "./messages";

export const PHONE_MIN_DIGITS = 5;
export const PHONE_MAX_DIGITS = 15; // E.164

/** A phone number: digits, optionally + and the country code first; spaces, dashes, dots, brackets. Empty is none. */
export function isPhone(text: string): boolean {
  const digits = text.replace(/\D/g, "").length;
  return /^\+?[0-9 ().\-/]+$/.test(text) && digits >= PHONE_MIN_DIGITS && digits <= PHONE_MAX_DIGITS;
}

export const optionalPhone = z
  .string()
  .trim()
  .max(40)
  .refine((text) => !text || isPhone(text), {
    message: encode({ key: "fieldError.invalid_phone", values: { min_digits: PHONE_MIN_DIGITS, max_digits: PHONE_MAX_DIGITS } }),
  });
