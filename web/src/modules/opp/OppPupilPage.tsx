import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  ButtonGroup,
  Heading,
  Heading2,
  Paragraph,
  PrimaryActionButton,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import {
  type OppParentView,
  oppParentViewSchema,
  oppPupilViewInputSchema,
} from '../../../../contracts/opp.ts';
import { privacyStatementPath } from '../../../../contracts/public.ts';
import { api } from '../../app/api.ts';
import { useFormatters } from '../../app/format.ts';
import { formErrorsFrom } from '../../app/forms.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { ContractForm } from '../../ui/Form.tsx';
import { TextAreaField } from '../../ui/form/ChoiceFields.tsx';
import { useContractForm } from '../../ui/form/useContractForm.ts';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { useTokenFromHash } from '../auth/tokenFromHash.ts';
import { ConsentAnswerForm, useOppLinkView } from './OppParentPage.tsx';
import { oppKeys } from './opp.api.ts';

/**
 * `/mijn-plan#token=…`: the pupil (from 12) reads their plan in simple words and adds their own view
 * (hoorrecht); from 18 they answer on the action part themselves (E12). No account; the token stays
 * in the fragment.
 */
export function OppPupilPage() {
  const { t } = useTranslation('opp');
  const format = useFormatters();
  const token = useTokenFromHash();
  const view = useOppLinkView(token);
  if (!token || view.isError)
    return (
      <>
        <PageHeading>{t('pupilView.titleUnknown')}</PageHeading>
        {view.isError ? (
          <ErrorAlert errors={formErrorsFrom(view.error)} />
        ) : (
          <Alert type="error">
            <Paragraph>{t('pupilView.noToken')}</Paragraph>
          </Alert>
        )}
        <Paragraph>{t('pupilView.askMentor')}</Paragraph>
      </>
    );
  if (!view.data)
    return (
      <>
        <PageHeading placeholder>{t('pupilView.titleUnknown')}</PageHeading>
        <Paragraph role="status">{t('pupilView.loading')}</Paragraph>
      </>
    );
  const page = view.data;
  const plan = page.consent?.plan ?? page.adopted;
  return (
    <>
      <PageHeading>{t('pupilView.title', { name: page.pupilFirstName })}</PageHeading>
      <Paragraph lead>{t('pupilView.intro', { name: page.pupilFirstName })}</Paragraph>
      {plan && <SimplePlan plan={plan} />}
      {page.consent?.canAnswer && <PupilConsent token={token} consent={page.consent} />}
      <section className="passend-section" aria-labelledby="pupil-own-view">
        <Heading2 id="pupil-own-view">{t('pupilView.ownHeading')}</Heading2>
        <Paragraph>{t('pupilView.ownIntro')}</Paragraph>
        {page.pupilOwnView && (
          <Alert type="ok">
            <Paragraph>{t('pupilView.ownSaved')}</Paragraph>
            <Paragraph className="passend-opp-text">{page.pupilOwnView}</Paragraph>
          </Alert>
        )}
        <OwnViewForm token={token} />
      </section>
      <Heading2>{t('pupilView.privacyHeading')}</Heading2>
      <Paragraph>
        <a
          className="utrecht-link utrecht-link--html-a"
          href={privacyStatementPath(page.partnershipSlug, 'pupil')}
        >
          {t('pupilView.privacyLink')}
        </a>
      </Paragraph>
      <Paragraph appearance="small">
        {t('pupilView.validUntil', { date: format.date(page.linkExpiresAt) })}
      </Paragraph>
    </>
  );
}

type Plan = NonNullable<OppParentView['adopted']> | NonNullable<OppParentView['consent']>['plan'];

/** The plan in a few simple questions: where you want to go, what helps, what is hard, what we do. */
function SimplePlan({ plan }: { plan: Plan }) {
  const { t } = useTranslation('opp');
  const answer = (text: string) => text.trim() || t('pupilView.empty');
  return (
    <section className="passend-section" aria-labelledby="pupil-plan">
      <Heading2 id="pupil-plan">{t('pupilView.planHeading')}</Heading2>
      <Heading level={3}>{t('pupilView.goal')}</Heading>
      <Paragraph className="passend-opp-text">{answer(plan.exitDestination)}</Paragraph>
      <Heading level={3}>{t('pupilView.helps')}</Heading>
      <Paragraph className="passend-opp-text">{answer(plan.supportingFactors)}</Paragraph>
      <Heading level={3}>{t('pupilView.hard')}</Heading>
      <Paragraph className="passend-opp-text">{answer(plan.hinderingFactors)}</Paragraph>
      <Heading level={3}>{t('pupilView.weDo')}</Heading>
      {plan.support.length === 0 ? (
        <Paragraph>{t('pupilView.empty')}</Paragraph>
      ) : (
        <UnorderedList>
          {plan.support.map((line, index) => (
            // The lines of a saved version never move: their place is their key.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <UnorderedListItem key={index}>{t('pupilView.supportLine', line)}</UnorderedListItem>
          ))}
        </UnorderedList>
      )}
      {plan.independentWorkAgreement.trim() && (
        <>
          <Heading level={3}>{t('pupilView.agreements')}</Heading>
          <Paragraph className="passend-opp-text">{plan.independentWorkAgreement}</Paragraph>
        </>
      )}
    </section>
  );
}

function PupilConsent({ token, consent }: { token: string; consent: NonNullable<OppParentView['consent']> }) {
  const { t } = useTranslation('opp');
  return (
    <section className="passend-section" aria-labelledby="pupil-consent">
      <Heading2 id="pupil-consent">{t('pupilView.consentHeading')}</Heading2>
      <Paragraph>{t('pupilView.consentIntro')}</Paragraph>
      {consent.answer && (
        <Paragraph role="status">{t(`pupilView.consentAnswered.${consent.answer.decision}`)}</Paragraph>
      )}
      <ConsentAnswerForm
        token={token}
        texts={{
          question: t('pupilView.consentQuestion'),
          give: t('pupilView.consentYes'),
          refuse: t('pupilView.consentNo'),
          comments: t('pupilView.consentComments'),
          commentsHint: t('pupilView.consentCommentsHint'),
          send: t('pupilView.consentSend'),
          saved: t('pupilView.consentSaved'),
        }}
      />
    </section>
  );
}

function OwnViewForm({ token }: { token: string }) {
  const { t } = useTranslation('opp');
  const queryClient = useQueryClient();
  const form = useContractForm({
    schema: oppPupilViewInputSchema,
    namespace: 'opp',
    initial: () => ({ token, view: '' }),
    send: (input) => api.post('/api/public/opp/pupil-view', input, oppParentViewSchema),
    onSuccess: (page) => {
      queryClient.setQueryData(oppKeys.parentView(token), page);
      form.reset({ token, view: '' });
    },
    successNotice: t('pupilView.ownThanks'),
  });
  return (
    <ContractForm form={form}>
      <TextAreaField
        label={t('pupilView.ownLabel')}
        description={t('pupilView.ownHint')}
        {...form.field('view')}
      />
      <ButtonGroup>
        <PrimaryActionButton type="submit" busy={form.pending}>
          {t('pupilView.ownSend')}
        </PrimaryActionButton>
      </ButtonGroup>
    </ContractForm>
  );
}
