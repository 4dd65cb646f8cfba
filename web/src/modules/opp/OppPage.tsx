import { useMutation } from '@tanstack/react-query';
import {
  ButtonGroup,
  Heading,
  Paragraph,
  PrimaryActionButton,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { useLocation, useParams, useSearchParams } from 'react-router';
import {
  type OppOverview,
  type OppVersionSummary,
  oppVersionDetailSchema,
} from '../../../../contracts/opp.ts';
import { api } from '../../app/api.ts';
import { useFormatters } from '../../app/format.ts';
import { formErrorsFrom } from '../../app/forms.ts';
import { useNavigateWithNotice } from '../../app/notice.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { OppContentView } from './OppContentView.tsx';
import { OppDraftForm } from './OppDraftForm.tsx';
import { useOppOverview, useOppVersion, useRefreshOpp } from './opp.api.ts';

/**
 * `/trajecten/:trajectoryId/opp`: the pupil's OPP (E9). The draft is edited here and adopted; the
 * adopted version is shown read-only, with a button to start a new version; `?versie=<id>` shows
 * any earlier version read-only.
 */
export function OppPage() {
  const { t } = useTranslation('opp');
  const { trajectoryId = '' } = useParams();
  const [params] = useSearchParams();
  const overview = useOppOverview(trajectoryId);
  const versionId = params.get('versie');
  if (overview.isError)
    return (
      <>
        <PageHeading>{t('oppPage.titleUnknown')}</PageHeading>
        <ErrorAlert errors={formErrorsFrom(overview.error)} />
      </>
    );
  if (!overview.data)
    return (
      <>
        <PageHeading placeholder>{t('oppPage.titleUnknown')}</PageHeading>
        <Paragraph role="status">{t('oppPage.loading')}</Paragraph>
      </>
    );
  const data = overview.data;
  return (
    <>
      <PageHeading>
        {t('oppPage.title', {
          name: `${data.pupil.firstName} ${data.pupil.lastName}`,
          className: data.pupil.className,
        })}
      </PageHeading>
      <Paragraph>
        <RouterLink to={`/trajecten/${trajectoryId}`}>{t('oppPage.back')}</RouterLink>
      </Paragraph>
      {versionId ? (
        <EarlierVersion versionId={versionId} trajectoryId={trajectoryId} />
      ) : (
        <Current overview={data} />
      )}
      <Versions overview={data} trajectoryId={trajectoryId} />
    </>
  );
}

function Current({ overview }: { overview: OppOverview }) {
  const { t } = useTranslation('opp');
  const format = useFormatters();
  const refresh = useRefreshOpp();
  const create = useMutation({
    mutationFn: () => api.post(`/api/trajectories/${overview.trajectoryId}/opp`, {}, oppVersionDetailSchema),
    onSuccess: () => refresh(),
  });
  const location = useLocation();
  const navigateWithNotice = useNavigateWithNotice();
  const canDraft = overview.commands.includes('draft');
  return (
    <>
      {create.error && <ErrorAlert errors={formErrorsFrom(create.error)} />}
      {overview.draft && (
        <section className="passend-section" aria-labelledby="opp-draft-heading">
          <Heading level={2} id="opp-draft-heading">
            {t('oppPage.draftHeading', { version: overview.draft.version })}
          </Heading>
          <Paragraph>{t(overview.adopted ? 'oppPage.draftIntroNext' : 'oppPage.draftIntroFirst')}</Paragraph>
          {overview.commands.includes('edit') ? (
            <OppDraftForm
              key={overview.draft.id}
              draft={{
                ...overview.draft,
                pupil: overview.pupil,
                offersHomeworkSupport: overview.offersHomeworkSupport,
                evaluations: [],
                commands: overview.commands,
              }}
              onChanged={(version) => {
                void refresh();
                // The draft's form is gone once adopted: the page says so at its top.
                if (version.status === 'adopted')
                  navigateWithNotice(`${location.pathname}${location.search}`, t('oppPage.adopted'), {
                    replace: true,
                  });
              }}
            />
          ) : (
            <OppContentView
              content={overview.draft}
              level={3}
              showHomework={overview.offersHomeworkSupport}
            />
          )}
        </section>
      )}
      {overview.adopted && (
        <section className="passend-section" aria-labelledby="opp-adopted-heading">
          <Heading level={2} id="opp-adopted-heading">
            {t('oppPage.adoptedHeading', { version: overview.adopted.version })}
          </Heading>
          <Paragraph>
            {t('oppPage.adoptedOn', {
              date: format.date(overview.adopted.adoptedAt ?? overview.adopted.updatedAt),
              name: overview.adopted.adoptedBy?.name ?? '',
            })}
          </Paragraph>
          <Paragraph>
            <a
              className="utrecht-link utrecht-link--html-a"
              href={`/api/opp-versions/${overview.adopted.id}/pdf`}
              download
            >
              {t('oppPage.pdf', { version: overview.adopted.version })}
            </a>
          </Paragraph>
          {canDraft && (
            <ButtonGroup>
              <PrimaryActionButton type="button" busy={create.isPending} onClick={() => create.mutate()}>
                {t('oppPage.newVersion')}
              </PrimaryActionButton>
            </ButtonGroup>
          )}
          <OppContentView
            content={overview.adopted}
            level={3}
            showHomework={overview.offersHomeworkSupport}
          />
        </section>
      )}
      {!overview.draft && !overview.adopted && (
        <section className="passend-section" aria-labelledby="opp-none-heading">
          <Heading level={2} id="opp-none-heading">
            {t('oppPage.noneHeading')}
          </Heading>
          <Paragraph>{t(canDraft ? 'oppPage.noneIntro' : 'oppPage.notOpen')}</Paragraph>
          {canDraft && (
            <ButtonGroup>
              <PrimaryActionButton type="button" busy={create.isPending} onClick={() => create.mutate()}>
                {t('oppPage.create')}
              </PrimaryActionButton>
            </ButtonGroup>
          )}
        </section>
      )}
    </>
  );
}

function EarlierVersion({ versionId, trajectoryId }: { versionId: string; trajectoryId: string }) {
  const { t } = useTranslation('opp');
  const format = useFormatters();
  const version = useOppVersion(versionId);
  if (version.isError) return <ErrorAlert errors={formErrorsFrom(version.error)} />;
  if (!version.data) return <Paragraph role="status">{t('oppPage.loading')}</Paragraph>;
  const data = version.data;
  return (
    <section className="passend-section" aria-labelledby="opp-version-heading">
      <Heading level={2} id="opp-version-heading">
        {t('oppPage.versionHeading', { version: data.version, status: t(`oppStatus.${data.status}`) })}
      </Heading>
      <Paragraph>
        <RouterLink to={`/trajecten/${trajectoryId}/opp`}>{t('oppPage.toCurrent')}</RouterLink>
      </Paragraph>
      <Paragraph>
        <a className="utrecht-link utrecht-link--html-a" href={`/api/opp-versions/${data.id}/pdf`} download>
          {t('oppPage.pdf', { version: data.version })}
        </a>
      </Paragraph>
      <OppContentView content={data} level={3} showHomework={data.offersHomeworkSupport} />
      {data.evaluations.length > 0 && (
        <>
          <Heading level={3}>{t('oppPage.evaluationsOfVersion')}</Heading>
          <UnorderedList>
            {data.evaluations.map((evaluation) => (
              <UnorderedListItem key={evaluation.id}>
                {t('oppSection.evaluationLine', {
                  date: format.date(evaluation.evaluatedOn),
                  name: evaluation.evaluatedBy.name,
                })}{' '}
                <span className="passend-opp-text">{evaluation.summary}</span>
              </UnorderedListItem>
            ))}
          </UnorderedList>
        </>
      )}
    </section>
  );
}

function Versions({ overview, trajectoryId }: { overview: OppOverview; trajectoryId: string }) {
  const { t } = useTranslation('opp');
  const format = useFormatters();
  if (overview.versions.length === 0) return null;
  const label = (version: OppVersionSummary) =>
    t('oppPage.versionLink', {
      version: version.version,
      status: t(`oppStatus.${version.status}`),
      date: format.date(version.adoptedAt ?? version.updatedAt),
    });
  return (
    <section className="passend-section" aria-labelledby="opp-versions-heading">
      <Heading level={2} id="opp-versions-heading">
        {t('oppPage.versionsHeading')}
      </Heading>
      <UnorderedList>
        {overview.versions.map((version) => (
          <UnorderedListItem key={version.id}>
            <RouterLink to={`/trajecten/${trajectoryId}/opp?versie=${version.id}`}>
              {label(version)}
            </RouterLink>
          </UnorderedListItem>
        ))}
      </UnorderedList>
    </section>
  );
}
