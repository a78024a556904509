// What the case pages (CASE-1..3) share: the codes the API names a case's status, type, work orders and article rows
// by, and the words for them.
import type { components } from "../api/client";
import type { MessageKey } from "../i18n/messages";

export type CaseStatus = components["schemas"]["CaseStatus"];
export type CaseType = components["schemas"]["CaseType"];
export type CaseColumn = components["schemas"]["CaseColumn"];
export type CaseFormField = components["schemas"]["CaseFormField"];
export type ArticleColumn = components["schemas"]["ArticleColumn"];
export type ArticleType = components["schemas"]["ArticleType"];
export type WorkOrderType = components["schemas"]["WorkOrderType"];
export type WorkOrderStatus = components["schemas"]["WorkOrderStatus"];
export type Currency = components["schemas"]["Currency"];

export const CASE_STATUSES = ["new", "planned", "in_progress", "closed"] as const satisfies readonly CaseStatus[];
export const CASE_TYPES = ["fault", "service", "installation", "inspection", "other"] as const satisfies readonly CaseType[];
export const CASE_COLUMNS = [
  "number", "title", "status", "type", "customer", "object", "reference_name", "created_at",
] as const satisfies readonly CaseColumn[];
export const FORM_FIELDS = ["description", "work_site_address", "reference_name", "type"] as const satisfies readonly CaseFormField[];
export const ARTICLE_COLUMNS = [
  "article", "article_type", "action_code", "quantity", "unit_price", "vat", "amount",
] as const satisfies readonly ArticleColumn[];
export const ARTICLE_TYPES = ["work", "part", "travel", "other"] as const satisfies readonly ArticleType[];
export const WORK_ORDER_TYPES = ["repair", "maintenance", "installation", "inspection"] as const satisfies readonly WorkOrderType[];
export const CURRENCIES = ["NOK", "SEK", "EUR"] as const satisfies readonly Currency[];
/** The VAT rates the API takes, in per cent (ArticleRowInput.vat_rate). */
export const VAT_RATES = ["25", "15", "12", "6", "0"] as const;

export const statusKey = (status: CaseStatus) => `cases.status.${status}` as MessageKey;
export const typeKey = (type: CaseType) => `cases.type.${type}` as MessageKey;
export const columnKey = (column: CaseColumn) => `cases.column.${column}` as MessageKey;
export const formFieldKey = (field: CaseFormField) => `cases.field.${field}` as MessageKey;
export const articleColumnKey = (column: ArticleColumn) => `cases.articleColumn.${column}` as MessageKey;
export const articleTypeKey = (type: ArticleType) => `cases.articleType.${type}` as MessageKey;
export const workOrderTypeKey = (type: WorkOrderType) => `cases.workOrderType.${type}` as MessageKey;
export const workOrderStatusKey = (status: WorkOrderStatus) => `cases.workOrderStatus.${status}` as MessageKey;

export type CaseTimelineEntry = components["schemas"]["CaseTimelineEntry"];
export type CaseTotals = components["schemas"]["CaseTotals"];
