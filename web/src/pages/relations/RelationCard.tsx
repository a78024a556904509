import { useEffect, useRef, useState, type ReactNode } from "react";
import { useI18n } from "../../i18n";
import type { MessageKey } from "../../i18n/messages";

/**
 * One of a customer's lists (objects, contacts, departments): its rows, each with a change button that opens
 * the row's editor in place, and a form to add to it.
 */
export function RelationCard<T>({ id, heading, empty, items, keyOf, nameOf, describe, editor, addForm, editable, more, after }: {
  id: string;
  /** Whether the principal may change the customer: otherwise the list is only read. */
  editable: boolean;
  heading: MessageKey;
  empty: MessageKey;
  items: T[] | null;
  keyOf: (item: T) => string;
  nameOf: (item: T) => string;
  describe: (item: T) => ReactNode;
  editor: (item: T, close: () => void) => ReactNode;
  addForm: ReactNode;
  /** The rest of a list read a page at a time (LoadMore). */
  more?: ReactNode;
  /** What else is done with the list's items, after the add form (the contacts' logins). */
  after?: ReactNode;
}) {
  const { t } = useI18n();
  const [editing, setEditing] = useState<string | null>(null);
  const returnTo = useRef<string | null>(null);
  const close = () => {
    returnTo.current = editing;
    setEditing(null);
  };

  useEffect(() => {
    // Keyboard users continue from the row they changed, not from the top of the page.
    if (editing !== null || returnTo.current === null) return;
    document.querySelector<HTMLButtonElement>(`[data-edit="${returnTo.current}"]`)?.focus();
    returnTo.current = null;
  }, [editing]);

  return (
    <section className="card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t(heading)}</h2>
      {items === null ? <p role="status">{t("loading")}</p> : items.length === 0 ? <p>{t(empty)}</p> : (
        <ul className="plain-list">
          {items.map((item) => (
            <li key={keyOf(item)}>
              {editing === keyOf(item) && editable ? editor(item, close) : (
                <div className="row">
                  <div>{describe(item)}</div>
                  {editable ? <button type="button" className="secondary-outline small" data-edit={keyOf(item)} aria-label={t("relations.edit", { name: nameOf(item) })}
                    onClick={() => setEditing(keyOf(item))}>
                    {t("customer.edit")}
                  </button> : null}
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {more}
      {items === null || !editable ? null : (
        <details>
          <summary>{t(`${id}.add` as MessageKey)}</summary>
          {addForm}
        </details>
      )}
      {items === null ? null : after}
    </section>
  );
}
