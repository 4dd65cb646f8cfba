import { Alert, Heading2, Heading3, Paragraph } from '@utrecht/component-library-react';
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
import { useFormatters } from '../../app/format.ts';
import { DataTable } from '../../ui/table/DataTable.tsx';

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
  const { number } = useFormatters();
  if (total === 0) return null;
  return (
    <>
      <Heading3>{title}</Heading3>
      <Truncated shown={rows.length} total={total} />
      <DataTable
        caption={<span className="passend-visually-hidden">{title}</span>}
        columns={[
          {
            key: 'line',
            header: t('import.columns.line'),
            cell: (row: ImportChange) => number(row.line),
            numeric: true,
          },
          {
            key: 'location',
            header: t('import.columns.location'),
            cell: (row: ImportChange) => `${row.brin} ${row.locationCode}`,
            nowrap: true,
          },
          {
            key: 'name',
            header: t('import.columns.name'),
            cell: (row: ImportChange) => row.name,
            rowHeader: true,
          },
          {
            key: 'pupils',
            header: t('import.columns.pupils'),
            cell: (row: ImportChange) => pupilsText(t, row),
          },
          ...(showFields
            ? [
                {
                  key: 'fields',
                  header: t('import.columns.fields'),
                  cell: (row: ImportChange) =>
                    row.fields.map((field) => t(`import.fields.${field}`)).join(', '),
                },
              ]
            : []),
        ]}
        rows={rows}
        rowKey={(row) => String(row.line)}
        empty={null}
      />
    </>
  );
}

function InvalidTable({ rows, total }: { rows: ImportInvalidRow[]; total: number }) {
  const { t } = useTranslation('schools');
  const { number } = useFormatters();
  if (total === 0) return null;
  return (
    <>
      <Heading3>{t('import.invalidTitle')}</Heading3>
      <Paragraph>{t('import.invalidIntro')}</Paragraph>
      <Truncated shown={rows.length} total={total} />
      <DataTable
        caption={<span className="passend-visually-hidden">{t('import.invalidTitle')}</span>}
        columns={[
          {
            key: 'line',
            header: t('import.columns.line'),
            cell: (row: ImportInvalidRow) => number(row.line),
            rowHeader: true,
            numeric: true,
          },
          {
            key: 'reasons',
            header: t('import.columns.reasons'),
            cell: (row: ImportInvalidRow) => (
              <ul className="passend-role-list">
                {row.reasons.map((reason, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: reasons have no identity of their own.
                  <li key={index}>{reasonText(t, reason)}</li>
                ))}
              </ul>
            ),
          },
        ]}
        rows={rows}
        rowKey={(row) => String(row.line)}
        empty={null}
      />
    </>
  );
}

const countKeys = ['rows', 'added', 'changed', 'unchanged', 'invalid'] as const;
type CountKey = (typeof countKeys)[number];

/** The preview of an uploaded file: problems, counts, and the rows that add, change or are wrong. */
export const ImportPreviewSection = forwardRef<HTMLHeadingElement, { preview: ImportPreview }>(
  function ImportPreviewSection({ preview }, headingRef) {
    const { t } = useTranslation('schools');
    const headingId = useId();
    const { number } = useFormatters();
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
            <DataTable
              caption={t('import.countsCaption')}
              columns={[
                {
                  key: 'label',
                  header: t('import.countsLabel'),
                  cell: (key: CountKey) => t(`import.counts.${key}`),
                  rowHeader: true,
                },
                {
                  key: 'count',
                  header: t('import.countsColumn'),
                  cell: (key: CountKey) => number(counts[key]),
                  numeric: true,
                  keepWithTitle: true,
                },
              ]}
              rows={countKeys}
              rowKey={(key) => key}
              empty={null}
            />
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
