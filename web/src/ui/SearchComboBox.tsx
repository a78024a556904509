import { useState } from "react";
import { ComboBox, FieldError, Input, Label, ListBox, ListBoxItem, Popover, Text } from "react-aria-components";

export type Choice = { id: string; label: string };

type Props = {
  id: string;
  label: string;
  hint?: string;
  error?: string | null;
  /** What the search found for the text typed so far (empty before there is anything to search for). */
  choices: Choice[];
  onSearch: (text: string) => void;
  onChoose: (choice: Choice | null) => void;
  noMatches: string;
  /** The text shown at first: the name of a choice made before (one kept in the page's address). */
  defaultText?: string;
};

/**
 * A field whose value is found by searching: the user types, the API answers, the user picks one with the mouse or
 * the arrow keys and Enter (React Aria's ComboBox: a listbox announced to screen readers). Clearing the text
 * clears the choice.
 */
export function SearchComboBox({ id, label, hint, error, choices, onSearch, onChoose, noMatches, defaultText }: Props) {
  const [text, setText] = useState(defaultText ?? "");
  return (
    <ComboBox
      id={id}
      className="field combo"
      inputValue={text}
      onInputChange={(value) => {
        setText(value);
        onSearch(value);
        if (!value) onChoose(null);
      }}
      items={choices}
      onSelectionChange={(key) => {
        const chosen = choices.find((choice) => choice.id === key) ?? null;
        onChoose(chosen);
        if (chosen) setText(chosen.label);
      }}
      menuTrigger="input"
      allowsEmptyCollection
      isInvalid={Boolean(error)}
      validationBehavior="aria"
    >
      <Label>{label}</Label>
      <Input />
      {hint ? <Text slot="description" className="hint">{hint}</Text> : null}
      {error ? <FieldError className="field-error">{error}</FieldError> : null}
      <Popover className="popover combo-popover">
        <ListBox className="combo-list" renderEmptyState={() => <p className="combo-empty">{noMatches}</p>}>
          {(choice: Choice) => <ListBoxItem id={choice.id} textValue={choice.label} className="combo-item">{choice.label}</ListBoxItem>}
        </ListBox>
      </Popover>
    </ComboBox>
  );
}
