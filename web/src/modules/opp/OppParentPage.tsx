import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  ButtonGroup,
  Heading,
  Heading2,
  Paragraph,
  PrimaryActionButton,
} from '@utrecht/component-library-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type OppParentView,
  oppConsentAnswerInputSchema,
  oppParentViewSchema,
} from '../../../../contracts/opp.ts';
import { privacyStatementPath } from '../../../../contracts/public.ts';
import { api } from '../../app/api.ts';
import { useFormatters } from '../../app/format.ts';
import { formErrorsFrom } from '../../app/forms.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { FileReaders } from '../../ui/FileReaders.tsx';
import { ContractForm } from '../../ui/Form.tsx';
import { RadioGroupField, TextAreaField } from '../../ui/form/ChoiceFields.tsx';
import { useContractForm } from '../../ui/form/useContractForm.ts';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { useTokenFromHash } from '../auth/tokenFromHash.ts';
import { OppContentView } from './OppContentView.tsx';
import { oppKeys } from './opp.api.ts';

/**
 * `/opp-inzage#token=…`: the parents read their child's OPP through their personal link, without an
 * account (E9), and give or refuse consent on the draft's action part themselves (E12), with their
 * comments. The token stays in the fragment, so it never reaches a server log.
 */
export function OppParentPage() {
  const { t } = useTranslation('opp');
  const format = useFormatters();
  const token = useTokenFromHash();
  const view = useOppLinkView(token);
  if (!token || view.isError) return <LinkProblem error={view.error} />;
  if (!view.data)
    return (
      <>
        <PageHeading placeholder>{t('oppPublic.titleUnknown')}</PageHeading>
        <Paragraph role="status">{t('oppPage.loading')}</Paragraph>
      </>
    );
  const page = view.data;
  const { adopted, consent } = page;
  return (
    <>
      <PageHeading>{t('oppPublic.title', { name: page.pupilFirstName })}</PageHeading>
      {consent && <ConsentPart token={token} page={page} consent={consent} />}
      {adopted && (
        <section className="passend-section" aria-labelledby="opp-parent-adopted">
          <Heading2 id="opp-parent-adopted">{t('parentConsent.adoptedHeading')}</Heading2>
          <Paragraph lead>
            {t('oppPublic.intro', {
              school: page.schoolName,
              partnership: page.partnershipName,
              version: adopted.version,
              date: format.date(adopted.adoptedOn),
            })}
          </Paragraph>
          <Paragraph>{t('oppPublic.readOnly')}</Paragraph>
          <OppContentView content={adopted} level={3} showHomework={Boolean(adopted.homeworkAgreement)} />
        </section>
      )}
      <FileReaders
        readers={page.readers}
        heading={t('oppPublic.readersHeading')}
        intro={t('oppPublic.readersIntro', { name: page.pupilFirstName })}
        none={t('oppPublic.readersNone')}
        school={page.schoolName}
        partnership={page.partnershipName}
      />
      <Heading2>{t('oppPublic.privacyHeading')}</Heading2>
      <Paragraph>
        <a
          className="utrecht-link utrecht-link--html-a"
          href={privacyStatementPath(page.partnershipSlug, 'parent')}
        >
          {t('oppPublic.privacyLink', { partnership: page.partnershipName })}
        </a>
      </Paragraph>
      <Paragraph appearance="small">
        {t('oppPublic.validUntil', { date: format.date(page.linkExpiresAt) })}
      </Paragraph>
    </>
  );
}

/** The page behind a personal link, kept in memory only under its token. */
export function useOppLinkView(token: string | null) {
  return useQuery({
    queryKey: oppKeys.parentView(token),
    queryFn: () => api.post('/api/public/opp', { token }, oppParentViewSchema),
    enabled: Boolean(token),
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

function LinkProblem({ error }: { error: unknown }) {
  const { t } = useTranslation('opp');
  return (
    <>
      <PageHeading>{t('oppPublic.titleUnknown')}</PageHeading>
      {error ? (
        <ErrorAlert errors={formErrorsFrom(error)} />
      ) : (
        <Alert type="error">
          <Paragraph>{t('oppPublic.noToken')}</Paragraph>
        </Alert>
      )}
      <Paragraph>{t('oppPublic.askMentor')}</Paragraph>
    </>
  );
}

type Consent = NonNullable<OppParentView['consent']>;

/** The draft with both parts, the answer so far, and the form to answer on the action part (E12). */
function ConsentPart({ token, page, consent }: { token: string; page: OppParentView; consent: Consent }) {
  const { t } = useTranslation('opp');
  const format = useFormatters();
  const values = { name: page.pupilFirstName, school: page.schoolName, version: consent.plan.version };
  return (
    <section className="passend-section" aria-labelledby="opp-parent-consent">
      <Heading2 id="opp-parent-consent">{t('parentConsent.heading')}</Heading2>
      <Paragraph lead>{t('parentConsent.intro', values)}</Paragraph>
      <Paragraph>{t('parentConsent.parts')}</Paragraph>
      <OppContentView
        content={consent.plan}
        level={3}
        showHomework={Boolean(consent.plan.homeworkAgreement)}
      />
      <Heading level={3}>{t('parentConsent.answerHeading')}</Heading>
      {consent.answer && (
        <Alert type={consent.answer.decision === 'given' ? 'ok' : 'info'}>
          <Paragraph role="status">
            {t(`parentConsent.answered.${consent.answer.decision}`, {
              date: format.date(consent.answer.decidedOn),
              method: t(`parentConsent.methods.${consent.answer.method}`),
            })}
          </Paragraph>
          {consent.answer.comments && (
            <Paragraph className="passend-opp-text">
              {t('parentConsent.yourComments')} {consent.answer.comments}
            </Paragraph>
          )}
        </Alert>
      )}
      {consent.canAnswer ? (
        <AnswerForm token={token} again={consent.answer !== null} />
      ) : (
        <Paragraph>{t('parentConsent.pupilDecides', values)}</Paragraph>
      )}
      <Heading level={3}>{t('parentConsent.disputeHeading')}</Heading>
      <Paragraph>{t('parentConsent.disputeTalk')}</Paragraph>
      <Paragraph>{t('parentConsent.disputeComplaint')}</Paragraph>
      <Paragraph>
        {t('parentConsent.disputeCommission')}{' '}
        <a className="utrecht-link utrecht-link--html-a" href="https://www.onderwijsgeschillen.nl">
          {t('parentConsent.disputeCommissionLink')}
        </a>
      </Paragraph>
    </section>
  );
}

/** The texts of the consent form: the parents' wording or the pupil's own. */
export type ConsentAnswerTexts = {
  question: string;
  give: string;
  refuse: string;
  comments: string;
  commentsHint: string;
  send: string;
  saved: string;
};

/** The answer on the action part through a personal link, in the reader's own words (parents or pupil). */
export function ConsentAnswerForm({
  token,
  texts,
  before,
}: {
  token: string;
  texts: ConsentAnswerTexts;
  before?: ReactNode;
}) {
  const queryClient = useQueryClient();
  const form = useContractForm({
    schema: oppConsentAnswerInputSchema,
    namespace: 'opp',
    initial: () => ({ token, decision: '', comments: '' }),
    send: (input) => api.post('/api/public/opp/consent', input, oppParentViewSchema),
    onSuccess: (page) => {
      queryClient.setQueryData(oppKeys.parentView(token), page);
      form.reset({ token, decision: '', comments: '' });
    },
    successNotice: texts.saved,
  });
  return (
    <ContractForm form={form}>
      {before}
      <RadioGroupField
        {...form.field('decision', 'choice')}
        legend={texts.question}
        choices={[
          { value: 'given', label: texts.give },
          { value: 'refused', label: texts.refuse },
        ]}
      />
      <TextAreaField
        label={texts.comments}
        description={texts.commentsHint}
        {...form.field('comments')}
        required={false}
      />
      <ButtonGroup>
        <PrimaryActionButton type="submit" busy={form.pending}>
          {texts.send}
        </PrimaryActionButton>
      </ButtonGroup>
    </ContractForm>
  );
}

function AnswerForm({ token, again }: { token: string; again: boolean }) {
  const { t } = useTranslation('opp');
  return (
    <ConsentAnswerForm
      token={token}
      before={again && <Paragraph>{t('parentConsent.changeAnswer')}</Paragraph>}
      texts={{
        question: t('parentConsent.question'),
        give: t('parentConsent.give'),
        refuse: t('parentConsent.refuse'),
        comments: t('parentConsent.comments'),
        commentsHint: t('parentConsent.commentsHint'),
        send: t('parentConsent.send'),
        saved: t('parentConsent.saved'),
      }}
    />
  );
}
