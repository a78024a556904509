// A short list on a record's page (seed 003: a customer's orders, cases and quotes, "ten rows each with Show all"):
// the ten newest rows as the API lists them, sorted by the page when a header is clicked (the rows it holds), and
// the rest, a hundred at a time, once "Show all" is pressed.
import { useEffect, useState, type ReactNode } from "react";
import { problemOf } from "../api/problems";
import { useI18n } from "../i18n";
import { locales } from "../i18n/messages";
import { DataTable, type ListColumn } from "./DataTable";
import { LoadMore } from "./LoadMore";

/** The rows shown before "Show all". */
export const SHORT_LIST = 10;
/** "Show all" reads a hundred rows a page, and at most this many pages before it offers the next one itself. */
export const ALL_PAGE = 100;
const MAX_PAGES = 10;

export type SortValue = string | number | null | undefined;
/** A column the page sorts by the value it gives for a row (a number, a date as yyyy-mm-dd, a text). */
export type SortableColumn<T> = ListColumn<T> & { sortValue?: (row: T) => SortValue };
export type Sort = { column: string; descending: boolean };

type ListPages<T> = {
  data?: { pages: { items: T[] }[] };
  error: unknown;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => Promise<unknown>;
};

/** The rows in the order of a sortable column: numbers by size, texts in the language's order, empty values last
 * either way; rows with equal values keep the API's order. */
export function sortRows<T>(rows: T[], columns: SortableColumn<T>[], sort: Sort | undefined, locale: string): T[] {
  const valueOf = sort ? columns.find((column) => column.id === sort.column)?.sortValue : undefined;
  if (!sort || !valueOf) return rows;
  const collator = new Intl.Collator(locale, { numeric: true, sensitivity: "base" });
  const direction = sort.descending ? -1 : 1;
  const compare = (a: SortValue, b: SortValue): number => {
    if (typeof a === "number" && typeof b === "number") return a - b;
    return collator.compare(String(a), String(b));
  };
  return rows
    .map((row, index) => ({ row, index, value: valueOf(row) }))
    .sort((a, b) => {
      const emptyA = a.value === null || a.value === undefined || a.value === "";
      const emptyB = b.value === null || b.value === undefined || b.value === "";
      if (emptyA || emptyB) return emptyA === emptyB ? a.index - b.index : emptyA ? 1 : -1;
      return direction * compare(a.value, b.value) || a.index - b.index;
    })
    .map((entry) => entry.row);
}

/** `first` reads the first ten rows; `rest` the same list a hundred a page, enabled once `all` is set. */
export function ShortList<T extends object>({ labelledBy, columns, first, rest, all, onShowAll, rowId, empty }: {
  labelledBy: string;
  columns: SortableColumn<T>[];
  first: ListPages<T>;
  rest: ListPages<T>;
  all: boolean;
  onShowAll: () => void;
  rowId: (row: T) => string;
  empty: ReactNode;
}) {
  const { t, language } = useI18n();
  const [sort, setSort] = useState<Sort | undefined>(undefined);
  const loadedPages = rest.data?.pages.length ?? 0;
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = rest;

  useEffect(() => {
    // "Show all" reads on by itself up to a thousand rows; past them the list offers the next page.
    if (all && hasNextPage && !isFetchingNextPage && loadedPages < MAX_PAGES) void fetchNextPage();
  }, [all, hasNextPage, isFetchingNextPage, loadedPages, fetchNextPage]);

  // Until the whole list has come, the first ten stay shown.
  const whole = all && rest.data ? rest.data.pages.flatMap((page) => page.items) : null;
  const rows = whole ?? (first.data?.pages[0]?.items ?? []).slice(0, SHORT_LIST);
  const shown = sortRows(rows, columns, sort, locales[language]);
  const error = first.error ?? (all ? rest.error : null);
  const refusal = error ? <p className="error" role="alert">{t(problemOf(error).summary)}</p> : null;
  if (!first.data) return refusal ?? <p role="status">{t("loading")}</p>;
  return (
    <>
      <DataTable labelledBy={labelledBy} rowId={rowId} rows={shown} empty={empty}
        columns={columns.map((column) => ({ ...column, enableSorting: Boolean(column.sortValue) }))}
        visibleColumns={columns.map((column) => column.id)} sort={sort} onSortChange={setSort} />
      {refusal}
      {!all && first.hasNextPage ? (
        <div className="actions">
          <button type="button" className="secondary-outline" onClick={onShowAll}
            aria-describedby={`${labelledBy}-shown`}>{t("shortList.showAll")}</button>
          <span className="muted" id={`${labelledBy}-shown`}>{t("shortList.newest", { count: SHORT_LIST })}</span>
        </div>
      ) : null}
      {all && !whole ? <p role="status">{t("loading")}</p> : null}
      {all && loadedPages >= MAX_PAGES ? <LoadMore pages={rest} /> : null}
    </>
  );
}
