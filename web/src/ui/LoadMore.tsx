import { useI18n } from "../i18n";
import type { MessageKey } from "../i18n/messages";

export type Pages = { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => Promise<unknown> };

/** The next page of a list read by cursor (`byCursor`), offered while there is one. */
export function LoadMore({ pages, label = "list.more" }: { pages: Pages | Pages[]; label?: MessageKey }) {
  const { t } = useI18n();
  const more = (Array.isArray(pages) ? pages : [pages]).filter((list) => list.hasNextPage);
  if (more.length === 0) return null;
  return (
    <div className="actions">
      <button type="button" className="secondary-outline" disabled={more.some((list) => list.isFetchingNextPage)}
        onClick={() => void Promise.all(more.map((list) => list.fetchNextPage()))}>
        {t(label)}
      </button>
    </div>
  );
}
