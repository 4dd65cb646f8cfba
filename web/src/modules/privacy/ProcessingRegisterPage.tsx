import { useQuery } from '@tanstack/react-query';
import {
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Heading2,
  Paragraph,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { processingRegisterSchema, type RegisterEntry } from '../../../../contracts/processing-register.ts';
import { api } from '../../app/api.ts';
import { formErrorsFrom } from '../../app/forms.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { ScrollTable } from '../../ui/ScrollTable.tsx';
import { privacyKeys } from './privacy.api.ts';

/**
 * `/privacy/verwerkingsregister`: the processing register (AVG art. 30) for the privacy officer, the
 * staff office and the functional admin. The server computes it from the code (who can see what, from
 * the policy table) and the partnership's retention schedule, in the reader's language; this page only
 * lays it out, and offers the same register as PDF.
 */
export function ProcessingRegisterPage() {
  const { t, i18n } = useTranslation('privacy');
  const register = useQuery({
    // The server writes the register in the session's language: ask again when it changes.
    queryKey: privacyKeys.processingRegister(i18n.language),
    queryFn: ({ signal }) => api.get('/api/processing-register', processingRegisterSchema, signal),
  });
  return (
    <>
      <PageHeading>{t('privacy.register.title')}</PageHeading>
      <Paragraph>{t('privacy.register.intro')}</Paragraph>
      <Paragraph>
        <a className="utrecht-link utrecht-link--html-a" href="/api/processing-register/pdf" download>
          {t('privacy.register.pdf')}
        </a>
      </Paragraph>
      {register.isError && <ErrorAlert errors={formErrorsFrom(register.error)} />}
      {register.isPending && <Paragraph role="status">{t('app.loading', { ns: 'translation' })}</Paragraph>}
      {register.data && (
        <>
          <Paragraph>{register.data.controller}</Paragraph>
          <nav aria-label={t('privacy.register.contents')}>
            <UnorderedList>
              {register.data.entries.map((entry) => (
                <UnorderedListItem key={entry.id}>
                  <a className="utrecht-link utrecht-link--html-a" href={`#${entry.id}`}>
                    {entry.name}
                  </a>
                </UnorderedListItem>
              ))}
            </UnorderedList>
          </nav>
          {register.data.entries.map((entry) => (
            <RegisterEntrySection key={entry.id} entry={entry} />
          ))}
          <section aria-labelledby="other-tables">
            <Heading2 id="other-tables">{t('privacy.register.otherTables')}</Heading2>
            <UnorderedList>
              {register.data.otherTables.map((row) => (
                <UnorderedListItem key={row.table}>
                  <code>{row.table}</code>: {row.reason}
                </UnorderedListItem>
              ))}
            </UnorderedList>
          </section>
        </>
      )}
    </>
  );
}

function RegisterEntrySection({ entry }: { entry: RegisterEntry }) {
  const { t } = useTranslation('privacy');
  return (
    <section aria-labelledby={entry.id}>
      <Heading2 id={entry.id}>{entry.name}</Heading2>
      <DataList aria-label={entry.name}>
        <DataListItem>
          <DataListKey>{t('privacy.register.purpose')}</DataListKey>
          <DataListValue>{entry.purpose}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('privacy.register.data')}</DataListKey>
          <DataListValue>{entry.data}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('privacy.register.categories')}</DataListKey>
          <DataListValue>{entry.categories.join(', ')}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('privacy.register.legalBasis')}</DataListKey>
          <DataListValue>
            <UnorderedList>
              {entry.legalBasis.map((basis) => (
                <UnorderedListItem key={basis}>{basis}</UnorderedListItem>
              ))}
            </UnorderedList>
          </DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('privacy.register.retention')}</DataListKey>
          <DataListValue>{entry.retention.text}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('privacy.register.storage')}</DataListKey>
          <DataListValue>
            {entry.storage}{' '}
            <span className="passend-meta">
              {t('privacy.register.tables', { tables: entry.tables.join(', ') })}
            </span>
          </DataListValue>
        </DataListItem>
      </DataList>
      {entry.access.length === 0 ? (
        <Paragraph>{t('privacy.register.noAccess')}</Paragraph>
      ) : (
        <ScrollTable caption={t('privacy.register.accessCaption', { name: entry.name })}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t('privacy.register.role')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('privacy.register.reach')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {entry.access.map((access) => (
              <TableRow key={access.role}>
                <TableHeaderCell scope="row">{access.roleName}</TableHeaderCell>
                <TableCell>{access.scopes.join('; ')}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </ScrollTable>
      )}
    </section>
  );
}
