import {
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Heading,
  Paragraph,
} from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import type { OppContent } from '../../../../contracts/opp.ts';
import { useFormatters } from '../../app/format.ts';
import { type Column, DataTable } from '../../ui/table/DataTable.tsx';
import './opp.css';

type OppContentViewProps = {
  content: OppContent;
  /** The level of this view's headings, under the page's own. */
  level: 2 | 3;
  /** Whether the location's expertise point offers homework support (E8). */
  showHomework: boolean;
};

function Entry({ label, value }: { label: string; value: string | null }) {
  const { t } = useTranslation('opp');
  return (
    <DataListItem>
      <DataListKey>{label}</DataListKey>
      <DataListValue>
        <span className="passend-opp-text">{value?.trim() ? value : t('oppView.empty')}</span>
      </DataListValue>
    </DataListItem>
  );
}

/** One OPP version read-only (E9): for earlier versions, the adopted one, and the parents' page. */
export function OppContentView({ content, level, showHomework }: OppContentViewProps) {
  const { t } = useTranslation('opp');
  const format = useFormatters();
  const supportColumns: Column<OppContent['support'][number]>[] = [
    { key: 'goal', header: t('oppFields.goal'), rowHeader: true, width: '25%', cell: (line) => line.goal },
    { key: 'approach', header: t('oppFields.approach'), width: '35%', cell: (line) => line.approach },
    { key: 'who', header: t('oppFields.who'), cell: (line) => line.who },
    { key: 'frequency', header: t('oppFields.frequency'), cell: (line) => line.frequency },
  ];
  return (
    <>
      <Heading level={level}>{t('oppView.perspective')}</Heading>
      <DataList>
        <Entry label={t('oppFields.exitDestination')} value={content.exitDestination} />
        <Entry label={t('oppFields.exitReasons')} value={content.exitReasons} />
        <Entry label={t('oppFields.hinderingFactors')} value={content.hinderingFactors} />
        <Entry label={t('oppFields.supportingFactors')} value={content.supportingFactors} />
      </DataList>

      <Heading level={level}>{t('oppView.support')}</Heading>
      {content.support.length === 0 ? (
        <Paragraph>{t('oppView.noSupport')}</Paragraph>
      ) : (
        <DataTable
          caption={t('oppView.supportCaption')}
          columns={supportColumns}
          // The lines of a saved version never move: their place is their key.
          rows={content.support.map((line, index) => ({ ...line, key: String(index) }))}
          rowKey={(line) => line.key}
          empty={t('oppView.noSupport')}
        />
      )}
      <DataList>
        <Entry label={t('oppFields.independentWorkAgreement')} value={content.independentWorkAgreement} />
        {(showHomework || content.homeworkAgreement) && (
          <Entry label={t('oppFields.homeworkAgreement')} value={content.homeworkAgreement} />
        )}
        <Entry label={t('oppFields.curriculumDeviations')} value={content.curriculumDeviations} />
        <Entry
          label={t('oppFields.evaluationDates')}
          value={content.evaluationDates.map((date) => format.date(date)).join(', ')}
        />
      </DataList>

      <Heading level={level}>{t('oppView.parents')}</Heading>
      <DataList>
        <Entry
          label={t('oppFields.parentsDiscussedOn')}
          value={content.parentsDiscussedOn ? format.date(content.parentsDiscussedOn) : null}
        />
        <Entry
          label={t('oppFields.parentsDiscussionParticipants')}
          value={content.parentsDiscussionParticipants}
        />
        <Entry label={t('oppFields.parentsView')} value={content.parentsView} />
        <Entry
          label={t('oppFields.parentsAgreement')}
          value={content.parentsAgreement ? t(`oppFields.agreements.${content.parentsAgreement}`) : null}
        />
        <Entry label={t('oppFields.parentsAgreementComments')} value={content.parentsAgreementComments} />
      </DataList>

      <Heading level={level}>{t('oppView.pupil')}</Heading>
      <Paragraph className="passend-opp-text">{content.pupilView?.trim() || t('oppView.empty')}</Paragraph>
    </>
  );
}
