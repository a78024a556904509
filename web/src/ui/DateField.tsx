// A date picker that shows and accepts dd.mm.yyyy in every language: typed segment by segment, or chosen in a
// calendar. Its value is the API's yyyy-mm-dd.
import { parseDate, type CalendarDate } from "@internationalized/date";
import { Button, Calendar, CalendarCell, CalendarGrid, DateInput, DatePicker, DateSegment, Dialog, FieldError, Group, Heading, I18nProvider, Label, Popover, Text } from "react-aria-components";
import { useI18n } from "../i18n";
import type { Language } from "../i18n/messages";

// Locales whose short date is dd.mm.yyyy and whose month and day names are the language's own.
export const DATE_LOCALES: Record<Language, string> = { nb: "nb-NO", sv: "sv-FI", en: "en-CH" };

export function toCalendarDate(value: string | null | undefined): CalendarDate | null {
  if (!value) return null;
  try {
    return parseDate(value);
  } catch {
    return null;
  }
}

type Props = {
  id: string;
  label: string;
  value: string | null;
  onChange: (value: string | null) => void;
  onBlur?: () => void;
  required?: boolean;
  error?: string | null;
  hint?: string;
};

export function DateField({ id, label, value, onChange, onBlur, required, error, hint }: Props) {
  const { t, language } = useI18n();
  return (
    <I18nProvider locale={DATE_LOCALES[language]}>
      <DatePicker
        id={id}
        className="field date-field"
        value={toCalendarDate(value)}
        onChange={(date) => onChange(date ? date.toString() : null)}
        onBlur={onBlur}
        isRequired={required}
        isInvalid={Boolean(error)}
        validationBehavior="aria"
        shouldForceLeadingZeros
      >
        <Label>{label}{required ? " *" : ""}</Label>
        <Group className="date-group">
          <DateInput className="date-input">{(segment) => <DateSegment segment={segment} className="date-segment" />}</DateInput>
          <Button className="date-button" aria-label={t("date.open")}>▾</Button>
        </Group>
        {hint ? <Text slot="description" className="hint">{hint}</Text> : null}
        {error ? <FieldError className="field-error">{error}</FieldError> : null}
        <Popover className="popover">
          <Dialog className="calendar-dialog" aria-label={label}>
            <Calendar className="calendar">
              <header>
                <Button slot="previous" aria-label={t("date.previous")}>◀</Button>
                <Heading />
                <Button slot="next" aria-label={t("date.next")}>▶</Button>
              </header>
              <CalendarGrid>{(date) => <CalendarCell date={date} className="calendar-cell" />}</CalendarGrid>
            </Calendar>
          </Dialog>
        </Popover>
      </DatePicker>
    </I18nProvider>
  );
}
