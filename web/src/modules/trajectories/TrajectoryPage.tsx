import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Heading,
  Paragraph,
} from '@utrecht/component-library-react';
import { type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useParams, useSearchParams } from 'react-router';
import { todayInAmsterdam } from '../../../../contracts/school-year.ts';
import {
  contactChannels,
  decisionInputSchema,
  diplomaLevels,
  discussionInputSchema,
  endInputSchema,
  endReasons,
  explainedInputSchema,
  parentsContactInputSchema,
  problemKinds,
  type TrajectoryDetail,
  trajectoryDetailSchema,
} from '../../../../contracts/trajectories.ts';
import { api } from '../../app/api.ts';
import { useFormatters } from '../../app/format.ts';
import { formErrorsFrom } from '../../app/forms.ts';
import { useNavigateWithNotice } from '../../app/notice.tsx';
import { hasPermission, useSignedInSession } from '../../app/session.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { OppDeadlineValue, OppDeadlineWarning, SupportStart } from './OppDeadline.tsx';
import { type StepField, StepForm } from './StepForm.tsx';
import { trajectorySections } from './sections.tsx';
import { TrajectoryStatusTag } from './TrajectoryStatusTag.tsx';
import { trajectoryKeys } from './trajectories.api.ts';

/**
 * `/trajecten/:id`: a pupil's file at the expertise point — the signal, the intake (E9), the decision (E2),
 * the end (E11), then the parts other modules add (OPP, attendance, contacts…). `/signalen/:id` shows a
 * teacher their own signal and where it stands, nothing more (P1).
 */
export function TrajectoryPage({ ownSignal = false }: { ownSignal?: boolean }) {
  const { t } = useTranslation('trajectories');
  const { trajectoryId = '' } = useParams();
  const queryClient = useQueryClient();
  const trajectory = useQuery({
    queryKey: trajectoryKeys.detail(trajectoryId, ownSignal),
    queryFn: ({ signal }) =>
      api.get(
        `/api/${ownSignal ? 'signals' : 'trajectories'}/${trajectoryId}`,
        trajectoryDetailSchema,
        signal,
      ),
  });
  const saved = (detail: TrajectoryDetail) => {
    queryClient.setQueryData(trajectoryKeys.detail(trajectoryId, ownSignal), detail);
    // The list shows the status and sorts on the last change.
    void queryClient.invalidateQueries({ queryKey: trajectoryKeys.lists() });
  };
  const detail = trajectory.data;

  return (
    <>
      <PageHeading placeholder={!detail}>
        {detail ? `${detail.pupilFirstName} ${detail.pupilLastName}` : t('detail.title')}
      </PageHeading>
      <Paragraph>
        <RouterLink to={ownSignal ? '/signalen' : '/trajecten'}>{t('detail.back')}</RouterLink>
      </Paragraph>
      {trajectory.error && <ErrorAlert errors={formErrorsFrom(trajectory.error)} />}
      {trajectory.isPending && <Paragraph role="status">{t('app.loading', { ns: 'translation' })}</Paragraph>}
      {detail && <TrajectoryFile detail={detail} onSaved={saved} />}
    </>
  );
}

function TrajectoryFile({
  detail,
  onSaved,
}: {
  detail: TrajectoryDetail;
  onSaved: (detail: TrajectoryDetail) => void;
}) {
  const { t } = useTranslation('trajectories');
  const session = useSignedInSession();
  const [params] = useSearchParams();
  const location = useLocation();
  const navigateWithNotice = useNavigateWithNotice();
  // A step's form is gone or folded away once saved: the page itself says what was recorded.
  const savedWith = (notice: string) => (saved: TrajectoryDetail) => {
    onSaved(saved);
    navigateWithNotice(`${location.pathname}${location.search}`, notice, { replace: true });
  };
  const sections = trajectorySections.filter((section) => hasPermission(session, section.action));
  const chosen =
    detail.view === 'file' ? sections.find((section) => section.id === params.get('deel')) : undefined;
  const format = useFormatters();
  const person = (value: { name: string } | null) => value?.name ?? t('detail.unknown');
  const today = todayInAmsterdam();
  const isFile = detail.view === 'file';
  const open = detail.status === 'eligible' || detail.status === 'active';

  return (
    <>
      {detail.oppDeadline && open && <OppDeadlineWarning deadline={detail.oppDeadline} />}
      <DataList aria-label={t('detail.summary')}>
        <Item label={t('detail.status')}>
          <TrajectoryStatusTag status={detail.status} />
        </Item>
        <Item label={t('fields.pupilClass')}>{detail.pupilClass}</Item>
        <Item label={t('fields.locationId')}>{detail.locationName}</Item>
        <Item label={t('fields.mentorUserId')}>{person(detail.mentor)}</Item>
        {detail.pupilBirthDate && (
          <Item label={t('detail.birthDate')}>{format.date(detail.pupilBirthDate)}</Item>
        )}
        {detail.oppDeadline && (
          <Item label={t('oppDeadline.label')}>
            <OppDeadlineValue deadline={detail.oppDeadline} today={today} />
          </Item>
        )}
      </DataList>

      {detail.view === 'file' && sections.length > 0 && (
        <nav aria-label={t('detail.parts')} className="passend-trajectory-parts">
          <ul>
            {[
              { id: '', label: t('parts.file') },
              ...sections.map(({ id }) => ({ id, label: t(`parts.${id}` as 'parts.file') })),
            ].map((part) => (
              <li key={part.id}>
                <RouterLink
                  to={{ search: part.id ? `?deel=${part.id}` : '' }}
                  current={(chosen?.id ?? '') === part.id}
                >
                  {part.label}
                </RouterLink>
              </li>
            ))}
          </ul>
        </nav>
      )}

      {chosen ? (
        <chosen.Component
          trajectoryId={detail.id}
          locationId={detail.locationId}
          status={detail.status}
          offersHomeworkSupport={detail.offersHomeworkSupport}
        />
      ) : (
        <>
          <Section title={t('detail.signal')}>
            <DataList aria-label={t('detail.signal')}>
              <Item label={t('detail.source')}>{t(`sources.${detail.signal.source}`)}</Item>
              <Item label={t('detail.signalledBy')}>
                {t('detail.byOn', {
                  name: person(detail.signal.signalledBy),
                  date: format.date(detail.signal.signalledOn),
                })}
              </Item>
              <Item label={t('detail.observed')}>{detail.signal.observed}</Item>
              {detail.signal.since && <Item label={t('detail.since')}>{detail.signal.since}</Item>}
              {detail.signal.tried && <Item label={t('detail.tried')}>{detail.signal.tried}</Item>}
              {detail.signal.discussWith && (
                <Item label={t('detail.discussWith')}>{t(`discussWith.${detail.signal.discussWith}`)}</Item>
              )}
            </DataList>
          </Section>

          {!isFile && <Paragraph>{t('detail.signalOnly')}</Paragraph>}

          {isFile && (
            <Section title={t('detail.discussion')}>
              {detail.discussion ? (
                <DataList aria-label={t('detail.discussion')}>
                  <Item label={t('fields.discussedOn')}>
                    {t('detail.byOn', {
                      name: person(detail.discussion.discussedBy),
                      date: format.date(detail.discussion.discussedOn),
                    })}
                  </Item>
                  <Item label={t('fields.outcome')}>{detail.discussion.outcome}</Item>
                </DataList>
              ) : (
                <Paragraph>{t('detail.notYet')}</Paragraph>
              )}
              {detail.may.intake && detail.status !== 'ended' && (
                <Editable recorded={Boolean(detail.discussion)}>
                  <StepForm
                    key={`discussion-${detail.discussion?.discussedOn}`}
                    trajectoryId={detail.id}
                    step="discussion"
                    schema={discussionInputSchema}
                    fields={discussionFields}
                    initial={{
                      discussedOn: detail.discussion?.discussedOn ?? today,
                      outcome: detail.discussion?.outcome ?? '',
                    }}
                    submitLabel={t('actions.saveDiscussion')}
                    onSaved={savedWith(t('saved.discussion'))}
                  />
                </Editable>
              )}
            </Section>
          )}

          {isFile && (
            <Section title={t('detail.parentsContact')}>
              {detail.parentsContact ? (
                <DataList aria-label={t('detail.parentsContact')}>
                  <Item label={t('fields.contactedOn')}>
                    {t('detail.byOn', {
                      name: person(detail.parentsContact.contactedBy),
                      date: format.date(detail.parentsContact.contactedOn),
                    })}
                  </Item>
                  <Item label={t('fields.how')}>{t(`channels.${detail.parentsContact.how}`)}</Item>
                  <Item label={t('fields.outcome')}>{detail.parentsContact.outcome}</Item>
                </DataList>
              ) : (
                <Paragraph>{t('detail.notYet')}</Paragraph>
              )}
              {detail.may.intake && detail.status !== 'ended' && (
                <Editable recorded={Boolean(detail.parentsContact)}>
                  <StepForm
                    key={`contact-${detail.parentsContact?.contactedOn}`}
                    trajectoryId={detail.id}
                    step="parents-contact"
                    schema={parentsContactInputSchema}
                    fields={parentsContactFields}
                    initial={{
                      contactedOn: detail.parentsContact?.contactedOn ?? today,
                      how: detail.parentsContact?.how ?? '',
                      outcome: detail.parentsContact?.outcome ?? '',
                    }}
                    submitLabel={t('actions.saveParentsContact')}
                    onSaved={savedWith(t('saved.parentsContact'))}
                  />
                </Editable>
              )}
            </Section>
          )}

          {isFile && (
            <Section title={t('detail.decision')}>
              {detail.decision ? (
                <DataList aria-label={t('detail.decision')}>
                  <Item label={t('fields.eligible')}>
                    {t(detail.decision.eligible ? 'detail.eligible' : 'detail.notEligible')}
                  </Item>
                  <Item label={t('fields.decidedOn')}>
                    {t('detail.byOn', {
                      name: person(detail.decision.decidedBy),
                      date: format.date(detail.decision.decidedOn),
                    })}
                  </Item>
                  {detail.decision.problemKinds.length > 0 && (
                    <Item label={t('fields.problemKinds')}>
                      {detail.decision.problemKinds.map((kind) => t(`problemKinds.${kind}`)).join(', ')}
                    </Item>
                  )}
                  <Item label={t('fields.reasons')}>{detail.decision.reasons}</Item>
                  {detail.decision.alternativeAdvice && (
                    <Item label={t('fields.alternativeAdvice')}>{detail.decision.alternativeAdvice}</Item>
                  )}
                </DataList>
              ) : (
                <Paragraph>
                  {t(detail.parentsContact ? 'detail.decisionPending' : 'detail.decisionNeedsContact')}
                </Paragraph>
              )}
              {detail.may.decide && detail.status === 'signalled' && (
                <StepForm
                  trajectoryId={detail.id}
                  step="decision"
                  schema={decisionInputSchema}
                  fields={decisionFields}
                  initial={{
                    decidedOn: today,
                    eligible: '',
                    problemKinds: [],
                    reasons: '',
                    alternativeAdvice: '',
                  }}
                  submitLabel={t('actions.decide')}
                  // E2, checked by the server too: a kind of problem when eligible, advice when not.
                  check={(values) =>
                    values.eligible === 'true' && values.problemKinds?.length === 0
                      ? [{ path: 'problemKinds', code: 'problem_kind_required' }]
                      : values.eligible === 'false' && !String(values.alternativeAdvice ?? '').trim()
                        ? [{ path: 'alternativeAdvice', code: 'alternative_advice_required' }]
                        : []
                  }
                  confirm={(input) => ({
                    title: t('confirm.decideTitle'),
                    body: t(input.eligible ? 'confirm.decideEligible' : 'confirm.decideNotEligible'),
                    confirmLabel: t('confirm.decide'),
                  })}
                  onSaved={savedWith(t('saved.decision'))}
                />
              )}
            </Section>
          )}

          {isFile && detail.oppDeadline && (
            <Section title={t('oppDeadline.section')}>
              <SupportStart
                detail={detail}
                deadline={detail.oppDeadline}
                canEdit={detail.may.decide && open}
                onSaved={savedWith(t('saved.supportStart'))}
              />
            </Section>
          )}

          {isFile && detail.decision?.eligible && (
            <Section title={t('detail.explained')}>
              {detail.explained ? (
                <DataList aria-label={t('detail.explained')}>
                  <Item label={t('fields.explainedOn')}>
                    {t('detail.byOn', {
                      name: person(detail.explained.explainedBy),
                      date: format.date(detail.explained.explainedOn),
                    })}
                  </Item>
                  <Item label={t('fields.how')}>{t(`channels.${detail.explained.how}`)}</Item>
                </DataList>
              ) : (
                <Paragraph>{t('detail.explainHint')}</Paragraph>
              )}
              {detail.may.intake && open && !detail.explained && (
                <StepForm
                  trajectoryId={detail.id}
                  step="explained"
                  schema={explainedInputSchema}
                  fields={explainedFields}
                  initial={{ explainedOn: today, how: '' }}
                  submitLabel={t('actions.saveExplained')}
                  onSaved={savedWith(t('saved.explained'))}
                />
              )}
            </Section>
          )}

          {isFile && (detail.end || (open && detail.may.end)) && (
            <Section title={t('detail.end')}>
              {detail.end ? (
                <DataList aria-label={t('detail.end')}>
                  <Item label={t('fields.endedOn')}>
                    {t('detail.byOn', {
                      name: person(detail.end.endedBy),
                      date: format.date(detail.end.endedOn),
                    })}
                  </Item>
                  <Item label={t('fields.reason')}>{t(`endReasons.${detail.end.reason}`)}</Item>
                  <Item label={t('fields.diplomaObtained')}>
                    {detail.end.diplomaObtained && detail.end.diplomaLevel
                      ? t('detail.diplomaAt', { level: t(`diplomaLevels.${detail.end.diplomaLevel}`) })
                      : t('form.no')}
                  </Item>
                  <Item label={t('fields.nextDestination')}>{detail.end.nextDestination}</Item>
                </DataList>
              ) : (
                <StepForm
                  trajectoryId={detail.id}
                  step="end"
                  schema={endInputSchema}
                  fields={endFields}
                  initial={{
                    endedOn: today,
                    reason: '',
                    diplomaObtained: '',
                    diplomaLevel: '',
                    nextDestination: '',
                  }}
                  submitLabel={t('actions.end')}
                  // E11, checked by the server too: a diploma has a level, a level needs a diploma.
                  check={(values) =>
                    values.diplomaObtained === 'true' && !values.diplomaLevel
                      ? [{ path: 'diplomaLevel', code: 'diploma_level_required' }]
                      : values.diplomaObtained === 'false' && values.diplomaLevel
                        ? [{ path: 'diplomaLevel', code: 'diploma_level_without_diploma' }]
                        : values.reason === 'diploma' && values.diplomaObtained === 'false'
                          ? [{ path: 'diplomaObtained', code: 'diploma_reason_needs_diploma' }]
                          : []
                  }
                  confirm={() => ({
                    title: t('confirm.endTitle'),
                    body: t('confirm.endBody'),
                    confirmLabel: t('confirm.end'),
                    danger: true,
                  })}
                  onSaved={savedWith(t('saved.end'))}
                />
              )}
            </Section>
          )}
        </>
      )}
    </>
  );
}

const discussionFields: StepField[] = [
  { name: 'discussedOn', kind: 'date' },
  { name: 'outcome', kind: 'textarea' },
];
const parentsContactFields: StepField[] = [
  { name: 'contactedOn', kind: 'date' },
  { name: 'how', kind: 'select', choices: contactChannels, choiceKey: 'channels' },
  { name: 'outcome', kind: 'textarea' },
];
const decisionFields: StepField[] = [
  { name: 'decidedOn', kind: 'date' },
  { name: 'eligible', kind: 'yesno' },
  { name: 'problemKinds', kind: 'checkboxes', choices: problemKinds, choiceKey: 'problemKinds' },
  { name: 'reasons', kind: 'textarea' },
  { name: 'alternativeAdvice', kind: 'textarea', optional: true },
];
const explainedFields: StepField[] = [
  { name: 'explainedOn', kind: 'date' },
  { name: 'how', kind: 'select', choices: contactChannels, choiceKey: 'channels' },
];
const endFields: StepField[] = [
  { name: 'endedOn', kind: 'date' },
  { name: 'reason', kind: 'select', choices: endReasons, choiceKey: 'endReasons' },
  { name: 'diplomaObtained', kind: 'yesno' },
  {
    name: 'diplomaLevel',
    kind: 'select',
    choices: diplomaLevels,
    choiceKey: 'diplomaLevels',
    optional: true,
  },
  { name: 'nextDestination', kind: 'text' },
];

// A recorded step can be corrected, behind a disclosure so the page reads as a record first.
function Editable({ recorded, children }: { recorded: boolean; children: ReactNode }) {
  const { t } = useTranslation('trajectories');
  if (!recorded) return children;
  return (
    <details>
      <summary>{t('actions.correct')}</summary>
      {children}
    </details>
  );
}

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <DataListItem>
      <DataListKey>{label}</DataListKey>
      <DataListValue>{children}</DataListValue>
    </DataListItem>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  const headingId = useId();
  return (
    <section className="passend-section" aria-labelledby={headingId}>
      <Heading level={2} id={headingId}>
        {title}
      </Heading>
      {children}
    </section>
  );
}
