// Which columns a list shows: chosen from a menu, kept in the address and remembered per user and list.
import { Button, Menu, MenuItem, MenuTrigger, Popover, type Selection } from "react-aria-components";
import { useI18n } from "../i18n";

export function ColumnChooser({ columns, visible, onChange }: {
  columns: { id: string; header: string }[];
  visible: string[];
  onChange: (visible: string[]) => void;
}) {
  const { t } = useI18n();
  function choose(selection: Selection) {
    const chosen = selection === "all" ? columns.map((column) => column.id) : columns.map((column) => column.id).filter((id) => selection.has(id));
    if (chosen.length) onChange(chosen); // a list without columns would show nothing
  }
  return (
    <MenuTrigger>
      <Button className="button secondary-outline">{t("table.columns")}</Button>
      <Popover placement="bottom end" className="popover">
        <Menu aria-label={t("table.columns")} selectionMode="multiple" shouldCloseOnSelect={false} selectedKeys={new Set(visible)} onSelectionChange={choose} className="menu">
          {columns.map((column) => (
            <MenuItem key={column.id} id={column.id} className="menu-item">
              {({ isSelected }) => (
                <>
                  <span aria-hidden="true" className="menu-check">{isSelected ? "✓" : ""}</span>
                  {column.header}
                </>
              )}
            </MenuItem>
          ))}
        </Menu>
      </Popover>
    </MenuTrigger>
  );
}

const STORAGE_PREFIX = "kp.columns";

/** The columns a user last chose for a list, or the list's defaults. */
export function rememberedColumns(username: string, list: string, known: string[], defaults: string[]): string[] {
  try {
    const stored = JSON.parse(window.localStorage.getItem(`${STORAGE_PREFIX}.${username}.${list}`) ?? "null") as unknown;
    if (Array.isArray(stored)) {
      const chosen = stored.filter((id): id is string => typeof id === "string" && known.includes(id));
      if (chosen.length) return chosen;
    }
  } catch {
    // A damaged entry is forgotten; the defaults serve.
  }
  return defaults;
}

export function rememberColumns(username: string, list: string, visible: string[]): void {
  window.localStorage.setItem(`${STORAGE_PREFIX}.${username}.${list}`, JSON.stringify(visible));
}
