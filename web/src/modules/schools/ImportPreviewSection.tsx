import {
  Alert,
  Heading2,
  Heading3,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import type { TFunction } from 'i18next';
import { forwardRef, useId } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  ImportChange,
  ImportInvalidRow,
  ImportPreview,
  ImportProblem,
  ImportReason,
} from '../../../../contracts/import.ts';
import { formatSchoolYear } from '../../../../contracts/school-year.ts';

type Translate = TFunction<'schools'>;

/** A catalogue text by a code the server sent, with a fallback when the code is new to this app. */
function textFor(
  t: Translate,
  key: string,
  fallbackKey: string,
  params: Record<string, unknown> = {},
): string {
  const text = t(key as 'import.title', { ...params, defaultValue: '' });
  return text !== '' ? text : t(fallbackKey as 'import.title', params);
}

/** What is wrong with the whole file, in plain words. */
export function problemText(t: Translate, problem: ImportProblem): string {
  const params: Record<string, unknown> = { ...problem.params };
  if (problem.code === 'binary_file' && problem.params?.type === 'unknown')
    return t('import.problems.binary_file_unknown');
  if (problem.code === 'wrong_delimiter')
    params.found =
      problem.params?.found === 'tab' ? t('import.delimiters.tab') : t('import.delimiters.comma');
  return textFor(t, `import.problems.${problem.code}`, 'import.problems.empty_file', params);
}

/** One reason a row is invalid, prefixed with the column it is about. */
export function reasonText(t: Translate, reason: ImportReason): string {
  const text = textFor(t, `import.reasons.${reason.code}`, 'import.reasons.unknown', reason.params ?? {});
  return reason.column ? `${reason.column}: ${text}` : text.charAt(0).toUpperCase() + text.slice(1);
}

function pupilsText(t: Translate, change: ImportChange): string {
  if (change.pupils === null || change.schoolYear === null) return '—';
  return t('import.pupilsInYear', { pupils: change.pupils, schoolYear: formatSchoolYear(change.schoolYear) });
}

function Truncated({ shown, total }: { shown: number; total: number }) {
  const { t } = useTranslation('schools');
  return shown < total ? <Paragraph>{t('import.truncated', { shown, total })}</Paragraph> : null;
}

function ChangeTable({
  title,
  rows,
  total,
  showFields,
}: {
  title: string;
  rows: ImportChange[];
  total: number;
  showFields: boolean;
}) {
  const { t } = useTranslation('schools');
  const captionId = useId();
  if (total === 0) return null;
  return (
    <>
      <Heading3>{title}</Heading3>
      <Truncated shown={rows.length} total={total} />
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable table must be reachable by keyboard. */}
      <section className="passend-table-scroll" aria-labelledby={captionId} tabIndex={0}>
        <Table>
          <TableCaption id={captionId} className="passend-visually-hidden">
            {title}
          </TableCaption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t('import.columns.line')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('import.columns.location')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('import.columns.name')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('import.columns.pupils')}</TableHeaderCell>
              {showFields && <TableHeaderCell scope="col">{t('import.columns.fields')}</TableHeaderCell>}
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((row) => (
              <TableRow key={row.line}>
                <TableCell>{row.line}</TableCell>
                <TableCell>
                  {row.brin} {row.locationCode}
                </TableCell>
                <TableHeaderCell scope="row">{row.name}</TableHeaderCell>
                <TableCell>{pupilsText(t, row)}</TableCell>
                {showFields && (
                  <TableCell>{row.fields.map((field) => t(`import.fields.${field}`)).join(', ')}</TableCell>
                )}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </section>
    </>
  );
}

function InvalidTable({ rows, total }: { rows: ImportInvalidRow[]; total: number }) {
  const { t } = useTranslation('schools');
  const captionId = useId();
  if (total === 0) return null;
  return (
    <>
      <Heading3>{t('import.invalidTitle')}</Heading3>
      <Paragraph>{t('import.invalidIntro')}</Paragraph>
      <Truncated shown={rows.length} total={total} />
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable table must be reachable by keyboard. */}
      <section className="passend-table-scroll" aria-labelledby={captionId} tabIndex={0}>
        <Table>
          <TableCaption id={captionId} className="passend-visually-hidden">
            {t('import.invalidTitle')}
          </TableCaption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t('import.columns.line')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('import.columns.reasons')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((row) => (
              <TableRow key={row.line}>
                <TableHeaderCell scope="row">{row.line}</TableHeaderCell>
                <TableCell>
                  <ul className="passend-role-list">
                    {row.reasons.map((reason, index) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: reasons have no identity of their own.
                      <li key={index}>{reasonText(t, reason)}</li>
                    ))}
                  </ul>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </section>
    </>
  );
}

/** The preview of an uploaded file: problems, counts, and the rows that add, change or are wrong. */
export const ImportPreviewSection = forwardRef<HTMLHeadingElement, { preview: ImportPreview }>(
  function ImportPreviewSection({ preview }, headingRef) {
    const { t } = useTranslation('schools');
    const headingId = useId();
    const countsCaptionId = useId();
    const counts = preview.counts;
    return (
      <section className="passend-section" aria-labelledby={headingId}>
        <Heading2 id={headingId} ref={headingRef} tabIndex={-1}>
          {t('import.previewTitle')}
        </Heading2>
        {preview.problems.length > 0 ? (
          <Alert type="error">
            <Paragraph>
              <strong>{t('import.problemsTitle')}</strong>
            </Paragraph>
            <ul>
              {preview.problems.map((problem) => (
                <li key={problem.code}>{problemText(t, problem)}</li>
              ))}
            </ul>
          </Alert>
        ) : (
          <>
            {preview.encoding && <Paragraph>{t(`import.encodings.${preview.encoding}`)}</Paragraph>}
            {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable table must be reachable by keyboard. */}
            <section className="passend-table-scroll" aria-labelledby={countsCaptionId} tabIndex={0}>
              <Table>
                <TableCaption id={countsCaptionId}>{t('import.countsCaption')}</TableCaption>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell scope="col">{t('import.countsLabel')}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t('import.countsColumn')}</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {(['rows', 'added', 'changed', 'unchanged', 'invalid'] as const).map((key) => (
                    <TableRow key={key}>
                      <TableHeaderCell scope="row">{t(`import.counts.${key}`)}</TableHeaderCell>
                      <TableCell>{counts[key]}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </section>
            <InvalidTable rows={preview.invalid} total={counts.invalid} />
            <ChangeTable
              title={t('import.addedTitle')}
              rows={preview.added}
              total={counts.added}
              showFields={false}
            />
            <ChangeTable
              title={t('import.changedTitle')}
              rows={preview.changed}
              total={counts.changed}
              showFields
            />
          </>
        )}
      </section>
    );
  },
);
