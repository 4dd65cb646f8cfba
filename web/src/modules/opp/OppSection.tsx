import { useMutation } from '@tanstack/react-query';
import {
  Alert,
  ButtonGroup,
  FormFieldTextarea,
  Heading,
  Paragraph,
  PrimaryActionButton,
  SecondaryActionButton,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import {
  type OppOverview,
  type OppParentLinkCreated,
  oppEvaluationInputSchema,
  oppEvaluationSchema,
  oppParentLinkCreatedSchema,
  oppParentLinkSchema,
  oppVersionDetailSchema,
} from '../../../../contracts/opp.ts';
import { todayInAmsterdam } from '../../../../contracts/school-year.ts';
import { api, apiRequest } from '../../app/api.ts';
import { useFormatters } from '../../app/format.ts';
import {
  type FormErrors,
  formErrorsFrom,
  moduleMessageFor,
  noFormErrors,
  validate,
} from '../../app/forms.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { Form } from '../../ui/Form.tsx';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { ScrollTable } from '../../ui/ScrollTable.tsx';
import { TextField } from '../../ui/TextField.tsx';
import type { TrajectorySectionProps } from '../trajectories/sections.tsx';
import { useOppOverview, useRefreshOpp } from './opp.api.ts';
import './opp.css';

/**
 * The OPP part of the trajectory page (E9): where the plan stands, its versions, the yearly
 * evaluation, the PDF and the parents' links. Editing happens on the OPP page.
 */
export function OppSection({ trajectoryId }: TrajectorySectionProps) {
  const { t } = useTranslation('opp');
  const headingId = useId();
  const overview = useOppOverview(trajectoryId);
  return (
    <section className="passend-section" aria-labelledby={headingId}>
      <Heading level={2} id={headingId}>
        {t('oppSection.title')}
      </Heading>
      {overview.isError && <ErrorAlert errors={formErrorsFrom(overview.error)} />}
      {!overview.data && !overview.isError && <Paragraph role="status">{t('oppPage.loading')}</Paragraph>}
      {overview.data && <SectionBody overview={overview.data} />}
    </section>
  );
}

function SectionBody({ overview }: { overview: OppOverview }) {
  const { t } = useTranslation('opp');
  const format = useFormatters();
  const navigate = useNavigate();
  const refresh = useRefreshOpp();
  const page = `/trajecten/${overview.trajectoryId}/opp`;
  const create = useMutation({
    mutationFn: () => api.post(`/api/trajectories/${overview.trajectoryId}/opp`, {}, oppVersionDetailSchema),
    onSuccess: async () => {
      await refresh();
      navigate(page);
    },
  });
  const { adopted, draft, evaluation } = overview;
  return (
    <>
      <Paragraph>
        {adopted
          ? t('oppSection.adopted', {
              version: adopted.version,
              date: format.date(adopted.adoptedAt ?? adopted.updatedAt),
            })
          : t(draft ? 'oppSection.draftOnly' : 'oppSection.none')}
        {adopted && draft ? ` ${t('oppSection.draftToo', { version: draft.version })}` : ''}
      </Paragraph>
      {adopted && evaluation.due && (
        <Alert type="warning">
          <Paragraph>{t('oppSection.evaluationDue')}</Paragraph>
        </Alert>
      )}
      {adopted && (
        <Paragraph>
          {evaluation.lastEvaluatedOn
            ? t('oppSection.lastEvaluated', { date: format.date(evaluation.lastEvaluatedOn) })
            : t('oppSection.neverEvaluated')}{' '}
          {evaluation.nextPlannedOn
            ? t('oppSection.nextPlanned', { date: format.date(evaluation.nextPlannedOn) })
            : ''}
        </Paragraph>
      )}
      {create.error && <ErrorAlert errors={formErrorsFrom(create.error)} />}
      <ButtonGroup>
        {!adopted && !draft && overview.commands.includes('draft') ? (
          <PrimaryActionButton type="button" busy={create.isPending} onClick={() => create.mutate()}>
            {t('oppPage.create')}
          </PrimaryActionButton>
        ) : (
          (adopted || draft) && (
            <RouterLink to={page}>
              {t(draft && overview.commands.includes('edit') ? 'oppSection.editDraft' : 'oppSection.open')}
            </RouterLink>
          )
        )}
      </ButtonGroup>
      {adopted && (
        <Paragraph>
          <a
            className="utrecht-link utrecht-link--html-a"
            href={`/api/opp-versions/${adopted.id}/pdf`}
            download
          >
            {t('oppPage.pdf', { version: adopted.version })}
          </a>
        </Paragraph>
      )}
      {overview.versions.length > 0 && (
        <ScrollTable caption={t('oppSection.versionsCaption')}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t('oppSection.version')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('oppSection.status')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('oppSection.date')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('oppSection.by')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {overview.versions.map((version) => (
              <TableRow key={version.id}>
                <TableCell>
                  <RouterLink to={`${page}?versie=${version.id}`}>
                    {t('oppSection.versionNumber', { version: version.version })}
                  </RouterLink>
                </TableCell>
                <TableCell>{t(`oppStatus.${version.status}`)}</TableCell>
                <TableCell>{format.date(version.adoptedAt ?? version.updatedAt)}</TableCell>
                <TableCell>{version.createdByName}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </ScrollTable>
      )}
      {overview.commands.includes('evaluate') && (
        <EvaluationForm trajectoryId={overview.trajectoryId} onSaved={() => void refresh()} />
      )}
      {overview.evaluations.length > 0 && (
        <>
          <Heading level={3}>{t('oppSection.evaluationsHeading')}</Heading>
          <UnorderedList>
            {overview.evaluations.map((item) => (
              <UnorderedListItem key={item.id}>
                {t('oppSection.evaluationLine', {
                  date: format.date(item.evaluatedOn),
                  name: item.evaluatedBy.name,
                })}{' '}
                <span className="passend-opp-text">{item.summary}</span>
              </UnorderedListItem>
            ))}
          </UnorderedList>
        </>
      )}
      {(overview.commands.includes('share') || overview.parentLinks.length > 0) && (
        <ParentLinks overview={overview} onChanged={() => void refresh()} />
      )}
    </>
  );
}

function EvaluationForm({ trajectoryId, onSaved }: { trajectoryId: string; onSaved: () => void }) {
  const { t } = useTranslation('opp');
  const headingId = useId();
  const [evaluatedOn, setEvaluatedOn] = useState(() => todayInAmsterdam());
  const [summary, setSummary] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: async () => {
      setSaved(false);
      const checked = validate(oppEvaluationInputSchema, { evaluatedOn: evaluatedOn || undefined, summary });
      if (!checked.ok) throw checked.errors;
      return api.post(
        `/api/trajectories/${trajectoryId}/opp/evaluations`,
        checked.value,
        oppEvaluationSchema,
      );
    },
    onSuccess: () => {
      setErrors(noFormErrors);
      setSummary('');
      setSaved(true);
      onSaved();
    },
    onError: (error) =>
      setErrors(
        !(error instanceof Error) && 'fields' in (error as object)
          ? (error as FormErrors)
          : formErrorsFrom(error),
      ),
  });
  const message = (path: string) => moduleMessageFor('opp', errors, path);
  return (
    <section aria-labelledby={headingId}>
      <Heading level={3} id={headingId}>
        {t('oppSection.evaluateHeading')}
      </Heading>
      <Paragraph>{t('oppSection.evaluateIntro')}</Paragraph>
      <Form errors={errors} fields={['evaluatedOn', 'summary']} onSubmit={() => save.mutate()}>
        <TextField
          name="evaluatedOn"
          type="date"
          label={t('oppSection.evaluatedOn')}
          value={evaluatedOn}
          onChange={setEvaluatedOn}
          error={message('evaluatedOn')}
        />
        <FormFieldTextarea
          name="summary"
          label={t('oppSection.summary')}
          rows={4}
          maxLength={10_000}
          required
          value={summary}
          onChange={(event) => setSummary(event.target.value)}
          invalid={Boolean(message('summary'))}
          errorMessage={message('summary')}
        />
        {saved && <Paragraph role="status">{t('oppSection.evaluationSaved')}</Paragraph>}
        <ButtonGroup>
          <PrimaryActionButton type="submit" busy={save.isPending}>
            {t('oppSection.saveEvaluation')}
          </PrimaryActionButton>
        </ButtonGroup>
      </Form>
    </section>
  );
}

function ParentLinks({ overview, onChanged }: { overview: OppOverview; onChanged: () => void }) {
  const { t } = useTranslation('opp');
  const format = useFormatters();
  const headingId = useId();
  const [created, setCreated] = useState<OppParentLinkCreated | null>(null);
  const create = useMutation({
    mutationFn: () =>
      api.post(`/api/trajectories/${overview.trajectoryId}/opp/parent-links`, {}, oppParentLinkCreatedSchema),
    onSuccess: (result) => {
      setCreated(result);
      onChanged();
    },
  });
  const revoke = useMutation({
    mutationFn: (linkId: string) =>
      apiRequest('DELETE', `/api/opp-parent-links/${linkId}`, { schema: oppParentLinkSchema }),
    onSuccess: (link) => {
      if (created?.link.id === link.id) setCreated(null);
      onChanged();
    },
  });
  const error = create.error ?? revoke.error;
  return (
    <section aria-labelledby={headingId}>
      <Heading level={3} id={headingId}>
        {t('oppSection.parentsHeading')}
      </Heading>
      <Paragraph>{t('oppSection.parentsIntro')}</Paragraph>
      {error && <ErrorAlert errors={formErrorsFrom(error)} />}
      {created && (
        <>
          <TextField
            name="parentLink"
            label={t('oppSection.parentLink')}
            value={created.url}
            readOnly
            onChange={() => {}}
            className="passend-break-anywhere"
          />
          <Paragraph role="status">
            {t('oppSection.copyNow', { date: format.date(created.link.expiresAt) })}
          </Paragraph>
        </>
      )}
      {overview.commands.includes('share') && (
        <ButtonGroup>
          <SecondaryActionButton type="button" busy={create.isPending} onClick={() => create.mutate()}>
            {t('oppSection.createLink')}
          </SecondaryActionButton>
        </ButtonGroup>
      )}
      {overview.parentLinks.length > 0 && (
        <ScrollTable caption={t('oppSection.linksCaption')}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t('oppSection.linkMade')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('oppSection.linkExpires')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('oppSection.linkOpened')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('oppSection.status')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('oppSection.actions')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {overview.parentLinks.map((link) => (
              <TableRow key={link.id}>
                <TableCell>
                  {t('oppSection.linkMadeBy', {
                    date: format.date(link.createdAt),
                    name: link.createdByName,
                  })}
                </TableCell>
                <TableCell>{format.date(link.expiresAt)}</TableCell>
                <TableCell>
                  {link.lastOpenedAt ? format.dateTime(link.lastOpenedAt) : t('oppSection.never')}
                </TableCell>
                <TableCell>
                  {t(
                    link.active
                      ? 'oppSection.linkActive'
                      : link.revokedAt
                        ? 'oppSection.linkRevoked'
                        : 'oppSection.linkExpired',
                  )}
                </TableCell>
                <TableCell>
                  {link.active && (
                    <SecondaryActionButton
                      type="button"
                      busy={revoke.isPending && revoke.variables === link.id}
                      onClick={() => revoke.mutate(link.id)}
                    >
                      {t('oppSection.revoke', { date: format.date(link.createdAt) })}
                    </SecondaryActionButton>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </ScrollTable>
      )}
    </section>
  );
}
