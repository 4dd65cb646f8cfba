import { useQuery } from '@tanstack/react-query';
import {
  ButtonGroup,
  Paragraph,
  SecondaryActionButton,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type PupilDetail, pupilDetailSchema, pupilPageSchema } from '../../../../contracts/pupils.ts';
import { api, withQuery } from '../../app/api.ts';
import { useFormatters } from '../../app/format.ts';
import { hasPermission, useSignedInSession } from '../../app/session.ts';
import { TextField } from '../../ui/TextField.tsx';
import { pupilKeys } from './pupils.api.ts';

/**
 * Picks a pupil from the school's register (Y1) instead of typing them again: search by name, choose
 * one of the results. Shown only to those who may read the register; without a pick the form's typed
 * pupil is added to the register when it is saved.
 */
export function PupilPicker({
  locationId,
  pickedId,
  onPick,
  onClear,
}: {
  locationId: string;
  pickedId: string | null;
  onPick: (pupil: PupilDetail) => void;
  onClear: () => void;
}) {
  const { t } = useTranslation('pupils');
  const session = useSignedInSession();
  const format = useFormatters();
  const headingId = useId();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const [picking, setPicking] = useState(false);
  const results = useQuery({
    queryKey: pupilKeys.list(locationId, q, 1),
    queryFn: ({ signal }) =>
      api.get(withQuery('/api/pupils', { locationId, q, page: 1, pageSize: 10 }), pupilPageSchema, signal),
    enabled: Boolean(locationId && q),
  });
  if (!locationId || !hasPermission(session, 'pupils.read')) return null;
  const pick = async (pupilId: string) => {
    setPicking(true);
    try {
      onPick(await api.get(`/api/pupils/${pupilId}`, pupilDetailSchema));
      setText('');
      setQ('');
    } finally {
      setPicking(false);
    }
  };
  return (
    <section aria-labelledby={headingId} className="passend-scope-box">
      <Paragraph id={headingId}>
        <strong>{t('picker.title')}</strong>
      </Paragraph>
      {pickedId ? (
        <>
          <Paragraph role="status">{t('picker.picked')}</Paragraph>
          <ButtonGroup>
            <SecondaryActionButton type="button" onClick={onClear}>
              {t('picker.clear')}
            </SecondaryActionButton>
          </ButtonGroup>
        </>
      ) : (
        <>
          <TextField
            name="pupilSearch"
            type="search"
            label={t('picker.search')}
            description={t('picker.searchHint')}
            autoComplete="off"
            value={text}
            onChange={setText}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                setQ(text.trim());
              }
            }}
          />
          <ButtonGroup>
            <SecondaryActionButton type="button" onClick={() => setQ(text.trim())}>
              {t('picker.find')}
            </SecondaryActionButton>
          </ButtonGroup>
          {results.data && (
            <div role="status">
              {results.data.items.length === 0 ? (
                <Paragraph>{t('picker.none')}</Paragraph>
              ) : (
                <UnorderedList>
                  {results.data.items.map((pupil) => (
                    <UnorderedListItem key={pupil.id}>
                      <SecondaryActionButton type="button" busy={picking} onClick={() => void pick(pupil.id)}>
                        {t('picker.choose', {
                          name: pupil.name,
                          details: [pupil.birthDate ? format.date(pupil.birthDate) : null, pupil.className]
                            .filter(Boolean)
                            .join(', '),
                        })}
                      </SecondaryActionButton>
                    </UnorderedListItem>
                  ))}
                </UnorderedList>
              )}
            </div>
          )}
        </>
      )}
    </section>
  );
}
