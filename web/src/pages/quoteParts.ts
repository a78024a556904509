// What the quote pages (seed 003) share: the codes of a quote's status, and a line's sums worked out exactly as the
// API works them out, so the form shows the totals the customer will see.
import type { components } from "../api/client";
import { minorUnits } from "../format";
import type { MessageKey } from "../i18n/messages";

export type Quote = components["schemas"]["Quote"];
export type QuoteStatus = components["schemas"]["QuoteStatus"];

export const QUOTE_STATUSES = ["open", "accepted", "declined", "expired"] as const satisfies readonly QuoteStatus[];
export const quoteStatusKey = (status: QuoteStatus) => `quotes.status.${status}` as MessageKey;

/** The largest quantity a quote line takes (QuoteLineInput.quantity: six digits, two decimals), in hundredths. */
export const MAX_QUANTITY_HUNDREDTHS = 99_999_999;
/** The largest unit price a quote line takes, in minor units. */
export const MAX_PRICE_MINOR = 100_000_000_00;

export type LineSums = { amount: bigint; vat: bigint };

/** One line as portal.quotes.service._line works it out: quantity × unit price rounded half up to a minor unit,
 * then the VAT of that amount rounded the same way. BigInt, so nothing passes through a float. */
export function lineSums(quantityHundredths: bigint, unitPriceMinor: bigint, vatRate: bigint): LineSums {
  const amount = (quantityHundredths * unitPriceMinor + 50n) / 100n;
  const vat = (amount * vatRate + 50n) / 100n;
  return { amount, vat };
}

export type TypedLine = { quantity: string; unit_price: string; vat_rate: string };

/** A line as typed in the form ("2,5", "950,00", "25"), or null while it is not yet a quantity and a price. */
export function typedLineSums(line: TypedLine): LineSums | null {
  const hundredths = minorUnits(line.quantity ?? "");
  const price = minorUnits(line.unit_price ?? "");
  if (hundredths === null || price === null || !/^\d{1,2}$/.test(line.vat_rate ?? "")) return null;
  return lineSums(BigInt(hundredths), BigInt(price), BigInt(line.vat_rate));
}

export type QuoteSums = { amount: bigint; vat: bigint; total: bigint; complete: boolean };

/** The quote's totals from the lines typed so far; `complete` says whether every line counted. */
export function quoteSums(lines: TypedLine[]): QuoteSums {
  let amount = 0n;
  let vat = 0n;
  let complete = true;
  for (const line of lines) {
    const sums = typedLineSums(line);
    if (!sums) {
      complete = false;
      continue;
    }
    amount += sums.amount;
    vat += sums.vat;
  }
  return { amount, vat, total: amount + vat, complete };
}
