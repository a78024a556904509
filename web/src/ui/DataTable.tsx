// The one table every list uses: TanStack Table keeps the columns (which show, how the list is sorted), React
// Aria's grid renders them with arrow-key navigation, sortable headers and rows that open their record.
import { columnVisibilityFeature, rowSortingFeature, tableFeatures, useTable, type ColumnDef, type ColumnVisibilityState, type SortingState } from "@tanstack/react-table";
import { useMemo, type ReactNode } from "react";
import { Cell, Column, Row, Table, TableBody, TableHeader, type SortDescriptor } from "react-aria-components";

export const listFeatures = tableFeatures({ columnVisibilityFeature, rowSortingFeature });
export type ListColumn<T> = {
  id: string;
  header: string;
  cell: (row: T) => ReactNode;
  /** Sorting is done by the API (a short list's rows by the page, ui/ShortList); only columns that can be sorted say so. */
  enableSorting?: boolean;
  /** The column that names a row (read out when moving between rows); the first shown column if none does. */
  rowHeader?: boolean;
};

type Props<T> = {
  labelledBy: string;
  columns: ListColumn<T>[];
  rows: T[];
  rowId: (row: T) => string;
  /** The column and direction the API sorted by; sortable headers change it. */
  sort?: { column: string; descending: boolean };
  onSortChange?: (sort: { column: string; descending: boolean }) => void;
  visibleColumns: string[];
  empty: ReactNode;
};

export function DataTable<T extends object>({ labelledBy, columns, rows, rowId, sort, onSortChange, visibleColumns, empty }: Props<T>) {
  const sorting: SortingState = sort ? [{ id: sort.column, desc: sort.descending }] : [];
  const columnVisibility: ColumnVisibilityState = Object.fromEntries(
    columns.map((column) => [column.id, visibleColumns.includes(column.id)]),
  );
  const definitions = useMemo(
    () => columns.map((column): ColumnDef<typeof listFeatures, T, unknown> => ({ id: column.id, header: column.header, enableSorting: column.enableSorting })),
    [columns],
  );
  const table = useTable({
    features: listFeatures,
    columns: definitions,
    data: rows,
    getRowId: rowId,
    manualSorting: true,
    state: { sorting, columnVisibility },
    onSortingChange: () => undefined, // the page owns the sort (it is in the address); React Aria reports changes
    onColumnVisibilityChange: () => undefined,
  });
  const shown = table.getVisibleLeafColumns().map((column) => columns.find((definition) => definition.id === column.id)!);
  const rowHeader = shown.find((column) => column.rowHeader)?.id ?? shown[0]?.id;
  const descriptor: SortDescriptor | undefined = sort
    ? { column: sort.column, direction: sort.descending ? "descending" : "ascending" }
    : undefined;

  return (
    <div className="table-wrap">
      <Table
        aria-labelledby={labelledBy}
        sortDescriptor={descriptor}
        onSortChange={(next) => onSortChange?.({ column: String(next.column), descending: next.direction === "descending" })}
        className="data-table"
      >
        <TableHeader columns={shown}>
          {(column) => (
            <Column id={column.id} isRowHeader={column.id === rowHeader} allowsSorting={Boolean(column.enableSorting)}>
              {({ sortDirection }) => (
                <span className="column-header">
                  {column.header}
                  {/* The direction is drawn by the style sheet; aria-sort tells it to assistive technology. */}
                  {column.enableSorting ? <span aria-hidden="true" className="sort-mark" data-direction={sortDirection ?? "none"} /> : null}
                </span>
              )}
            </Column>
          )}
        </TableHeader>
        {/* dependencies: rows are built again when the columns change (their cells must match the columns). */}
        <TableBody items={table.getRowModel().rows} dependencies={[shown]} renderEmptyState={() => empty}>
          {(row) => (
            <Row id={row.id} columns={shown}>
              {(column) => <Cell>{column.cell(row.original)}</Cell>}
            </Row>
          )}
        </TableBody>
      </Table>
    </div>
  );
}
