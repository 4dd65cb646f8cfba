import {
  Alert,
  ButtonGroup,
  Heading,
  Paragraph,
  PrimaryActionButton,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type OppConsent,
  type OppOverview,
  oppConsentSchema,
  oppPaperConsentFieldsSchema,
} from '../../../../contracts/opp.ts';
import { todayInAmsterdam } from '../../../../contracts/school-year.ts';
import { uploadForm } from '../../app/api.ts';
import { useFormatters } from '../../app/format.ts';
import { ContractForm } from '../../ui/Form.tsx';
import { RadioGroupField, TextAreaField } from '../../ui/form/ChoiceFields.tsx';
import { useContractForm } from '../../ui/form/useContractForm.ts';
import { TextField } from '../../ui/TextField.tsx';
import { type Column, DataTable } from '../../ui/table/DataTable.tsx';
import { FileField } from '../requests/FileField.tsx';
import { fileProblem } from '../requests/requests.api.ts';

/**
 * Consent on the OPP's action part (E12) as staff see it: where the draft stands, every answer (who,
 * when, how, for which version), a paper answer with its scan, and the pupil's own view.
 */
export function OppConsentPanel({ overview, onChanged }: { overview: OppOverview; onChanged: () => void }) {
  const { t } = useTranslation('opp');
  const format = useFormatters();
  const headingId = useId();
  const { draft, draftConsent } = overview;
  const columns: Column<OppConsent>[] = [
    {
      key: 'when',
      header: t('oppConsent.when'),
      rowHeader: true,
      nowrap: true,
      cell: (row) => format.date(row.decidedOn),
    },
    {
      key: 'answer',
      header: t('oppConsent.answer'),
      keepWithTitle: true,
      cell: (row) =>
        `${t(`oppConsent.decisions.${row.decision}`)}${row.current ? '' : ` ${t('oppConsent.outdated')}`}`,
    },
    { key: 'version', header: t('oppConsent.version'), nowrap: true, cell: (row) => String(row.version) },
    { key: 'by', header: t('oppConsent.by'), cell: (row) => t(`oppConsent.givers.${row.givenBy}`) },
    {
      key: 'how',
      header: t('oppConsent.how'),
      cell: (row) =>
        row.method === 'paper' ? (
          <>
            {t('oppConsent.paperBy', { signedBy: row.signedBy ?? '', name: row.recordedByName ?? '' })}{' '}
            {row.hasScan && (
              <a
                className="utrecht-link utrecht-link--html-a"
                href={`/api/opp-consents/${row.id}/scan`}
                download
              >
                {t('oppConsent.scan', { date: format.date(row.decidedOn) })}
              </a>
            )}
          </>
        ) : (
          t('oppConsent.methods.link')
        ),
    },
    {
      key: 'comments',
      header: t('oppConsent.comments'),
      cell: (row) => <span className="passend-opp-text">{row.comments || t('oppView.empty')}</span>,
    },
  ];
  return (
    <section aria-labelledby={headingId}>
      <Heading level={3} id={headingId}>
        {t('oppConsent.heading')}
      </Heading>
      <Paragraph>{t('oppConsent.intro')}</Paragraph>
      {draft && draftConsent && (
        <Alert type={draftConsent.decision === 'given' ? 'ok' : draftConsent.decision ? 'warning' : 'info'}>
          <Paragraph>
            {t(`oppConsent.state.${draftConsent.decision ?? 'none'}`, {
              version: draft.version,
              giver: t(`oppConsent.givers.${draftConsent.giver}`),
            })}
          </Paragraph>
        </Alert>
      )}
      {overview.consents.length > 0 && (
        <DataTable
          caption={t('oppConsent.caption')}
          columns={columns}
          rows={overview.consents}
          rowKey={(row) => row.id}
          empty={t('oppConsent.none')}
        />
      )}
      {draft && overview.commands.includes('edit') && (
        <PaperConsentForm versionId={draft.id} onRecorded={onChanged} />
      )}
      <Heading level={3}>{t('oppConsent.pupilViewsHeading')}</Heading>
      {overview.pupilViews.length === 0 ? (
        <Paragraph>{t('oppConsent.pupilViewsNone')}</Paragraph>
      ) : (
        <UnorderedList>
          {overview.pupilViews.map((item) => (
            <UnorderedListItem key={item.id}>
              {t('oppConsent.pupilViewLine', { date: format.date(item.createdAt), version: item.version })}{' '}
              <span className="passend-opp-text">{item.view}</span>
            </UnorderedListItem>
          ))}
        </UnorderedList>
      )}
    </section>
  );
}

function PaperConsentForm({ versionId, onRecorded }: { versionId: string; onRecorded: () => void }) {
  const { t } = useTranslation('opp');
  const [file, setFile] = useState<File | null>(null);
  const [resetKey, setResetKey] = useState(0);
  const initial = () => ({ decision: '', signedOn: todayInAmsterdam(), signedBy: '', comments: '' });
  const form = useContractForm({
    schema: oppPaperConsentFieldsSchema,
    namespace: 'opp',
    initial,
    // The scan is outside the contract's fields: checked here, so a wrong file sends nothing.
    check: () => {
      const problem = fileProblem(file);
      return problem ? [{ path: 'file', code: problem }] : [];
    },
    send: (input) =>
      uploadForm(`/api/opp-versions/${versionId}/consents/paper`, { ...input }, file, oppConsentSchema),
    onSuccess: () => {
      form.reset(initial());
      setFile(null);
      setResetKey((key) => key + 1);
      onRecorded();
    },
    successNotice: t('oppConsent.paperSaved'),
  });
  return (
    <details>
      <summary>{t('oppConsent.paperOpen')}</summary>
      <ContractForm form={form}>
        <RadioGroupField
          {...form.field('decision', 'choice')}
          legend={t('oppConsent.paperDecision')}
          choices={[
            { value: 'given', label: t('oppConsent.decisions.given') },
            { value: 'refused', label: t('oppConsent.decisions.refused') },
          ]}
        />
        <TextField type="date" label={t('oppConsent.paperDate')} {...form.field('signedOn')} />
        <TextField label={t('oppConsent.paperSignedBy')} {...form.field('signedBy')} />
        <TextAreaField
          label={t('oppConsent.comments')}
          description={t('oppConsent.paperCommentsHint')}
          {...form.field('comments')}
          required={false}
        />
        <FileField
          label={t('oppConsent.paperFile')}
          required
          error={form.message('file')}
          onChange={setFile}
          resetKey={resetKey}
        />
        <ButtonGroup>
          <PrimaryActionButton type="submit" busy={form.pending}>
            {t('oppConsent.paperSubmit')}
          </PrimaryActionButton>
        </ButtonGroup>
      </ContractForm>
    </details>
  );
}
