import { ButtonGroup, SecondaryActionButton } from '@utrecht/component-library-react';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { paginationQuerySchema } from '../../../../contracts/fields.ts';
import { fieldRules } from '../../app/contract-fields.ts';
import { TextField } from '../TextField.tsx';

/** The search term's limit in `paginationQuerySchema`, which every paged list's query extends. */
export const searchMaxLength = fieldRules(paginationQuerySchema, 'q').maxLength;

type ListToolbarProps = {
  /** The search box, when the list has one: its label says what it searches for this user. */
  search?: {
    label: string;
    value: string;
    onSearch: (value: string) => void;
    /** The list's own limit; by default the shared search limit of every paged list's contract. */
    maxLength?: number;
    description?: string;
  };
  /** Select fields and tick boxes that filter at once. */
  children?: ReactNode;
  /** Shown when any filter is set: back to the whole list. */
  onClear?: () => void;
};

/**
 * The filters above every list, in a `<search>` landmark: a search box sent with Enter or its button,
 * filters that apply at once, and a way back to the whole list.
 */
export function ListToolbar({ search, children, onClear }: ListToolbarProps) {
  const { t } = useTranslation();
  const [text, setText] = useState(search?.value ?? '');
  // The address is the truth: going back in history puts its search term in the box again.
  useEffect(() => setText(search?.value ?? ''), [search?.value]);
  return (
    <search>
      <form
        className="passend-toolbar"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          search?.onSearch(text.trim());
        }}
      >
        {search && (
          <TextField
            name="zoek"
            type="search"
            label={search.label}
            description={search.description}
            required={false}
            autoComplete="off"
            maxLength={search.maxLength ?? searchMaxLength}
            value={text}
            onChange={setText}
          />
        )}
        {children}
        <ButtonGroup>
          {search && <SecondaryActionButton type="submit">{t('list.search')}</SecondaryActionButton>}
          {onClear && (
            <SecondaryActionButton type="button" onClick={onClear}>
              {t('list.clear')}
            </SecondaryActionButton>
          )}
        </ButtonGroup>
      </form>
    </search>
  );
}
