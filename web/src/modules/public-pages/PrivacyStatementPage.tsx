import { Heading2, Paragraph, UnorderedList, UnorderedListItem } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import {
  type PublicPrivacyStatement,
  privacyStatementPath,
  publicPrivacyStatementSchema,
} from '../../../../contracts/public.ts';
import type { RetentionKind } from '../../../../contracts/retention.ts';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { PublicPageState } from './PublicStates.tsx';
import { usePublicPage } from './usePublicPage.ts';

const authorityUrl = 'https://www.autoriteitpersoonsgegevens.nl/';

/** The lists of the statement, each an array in the catalogue. */
type ListKey =
  | `privacyStatement.${'parent' | 'pupil'}.${'what' | 'rights'}`
  | 'privacyStatement.parent.who'
  | 'privacyStatement.parent.howLong';

/** What the texts fill in: the partnership and the schedule's periods in words. */
type StatementValues = { partnership: string } & Periods;
type Periods = {
  requestFile: string;
  trajectory: string;
  draft: string;
  auditEvent: string;
  mailAndLink: string;
  crisisVisit: string;
};

/**
 * `/p/:slug/privacy` (parents, B1, "u") and `/p/:slug/privacy/leerling` (pupils, simpler, "je"): the
 * partnership's privacy statement, public (issue 15, point 6). The periods come from the partnership's
 * retention schedule, so the statement always says what Passend does; the texts are the catalogue's.
 */
export function PrivacyStatementPage({ audience }: { audience: 'parent' | 'pupil' }) {
  const { t } = useTranslation('publicPages');
  const { slug = '' } = useParams();
  const statement = usePublicPage(
    ['privacy-statement', slug],
    `/api/public/${encodeURIComponent(slug)}/privacy-statement`,
    publicPrivacyStatementSchema,
  );
  if (!statement.data) {
    return (
      <PublicPageState
        loadingTitle={t('privacyStatement.loadingTitle')}
        notFound={statement.notFound}
        error={statement.error}
      />
    );
  }
  const values: StatementValues = {
    partnership: statement.data.partnershipName,
    ...periodsOf(statement.data, t),
  };
  const other = audience === 'parent' ? 'pupil' : 'parent';
  const list = (key: ListKey): string[] => t(key, { ...values, returnObjects: true });
  const prefix = `privacyStatement.${audience}` as const;
  return (
    <div className="passend-narrow">
      <PageHeading>{t(`${prefix}.title`, values)}</PageHeading>
      <Paragraph lead>{t(`${prefix}.intro`, values)}</Paragraph>
      <Paragraph>
        <RouterLink to={privacyStatementPath(slug, other)}>{t(`${prefix}.otherVersion`)}</RouterLink>
      </Paragraph>
      <section className="passend-section" aria-labelledby="privacy-what">
        <Heading2 id="privacy-what">{t(`${prefix}.whatTitle`)}</Heading2>
        {audience === 'parent' && <Paragraph>{t('privacyStatement.parent.whatIntro')}</Paragraph>}
        <UnorderedList>
          {list(`${prefix}.what`).map((item) => (
            <UnorderedListItem key={item}>{item}</UnorderedListItem>
          ))}
        </UnorderedList>
        {audience === 'parent' && <Paragraph>{t('privacyStatement.parent.whatSecondary')}</Paragraph>}
        <Paragraph>{t(`${prefix}.whatSensitive`)}</Paragraph>
      </section>
      <section className="passend-section" aria-labelledby="privacy-why">
        <Heading2 id="privacy-why">{t(`${prefix}.whyTitle`)}</Heading2>
        <Paragraph>{t(`${prefix}.why`)}</Paragraph>
        {audience === 'parent' && <Paragraph>{t('privacyStatement.parent.whyConsent')}</Paragraph>}
      </section>
      <section className="passend-section" aria-labelledby="privacy-who">
        <Heading2 id="privacy-who">{t(`${prefix}.whoTitle`)}</Heading2>
        {audience === 'parent' ? (
          <>
            <Paragraph>{t('privacyStatement.parent.whoIntro')}</Paragraph>
            <UnorderedList>
              {list('privacyStatement.parent.who').map((item) => (
                <UnorderedListItem key={item}>{item}</UnorderedListItem>
              ))}
            </UnorderedList>
            <Paragraph>{t('privacyStatement.parent.whoNot')}</Paragraph>
          </>
        ) : (
          <Paragraph>{t('privacyStatement.pupil.who')}</Paragraph>
        )}
      </section>
      <section className="passend-section" aria-labelledby="privacy-how-long">
        <Heading2 id="privacy-how-long">{t(`${prefix}.howLongTitle`)}</Heading2>
        {audience === 'parent' ? (
          <>
            <UnorderedList>
              {list('privacyStatement.parent.howLong').map((item) => (
                <UnorderedListItem key={item}>{item}</UnorderedListItem>
              ))}
            </UnorderedList>
            <Paragraph>{t('privacyStatement.parent.howLongFigures')}</Paragraph>
          </>
        ) : (
          <Paragraph>{t('privacyStatement.pupil.howLong', values)}</Paragraph>
        )}
      </section>
      <section className="passend-section" aria-labelledby="privacy-readers">
        <Heading2 id="privacy-readers">{t(`${prefix}.readersTitle`)}</Heading2>
        <Paragraph>{t(`${prefix}.readers`)}</Paragraph>
      </section>
      <section className="passend-section" aria-labelledby="privacy-rights">
        <Heading2 id="privacy-rights">{t(`${prefix}.rightsTitle`)}</Heading2>
        <UnorderedList>
          {list(`${prefix}.rights`).map((item) => (
            <UnorderedListItem key={item}>{item}</UnorderedListItem>
          ))}
        </UnorderedList>
        {audience === 'parent' && <Heading2>{t('privacyStatement.parent.askTitle')}</Heading2>}
        <Officers statement={statement.data} audience={audience} values={values} />
      </section>
      <section className="passend-section" aria-labelledby="privacy-complaint">
        <Heading2 id="privacy-complaint">{t(`${prefix}.complaintTitle`)}</Heading2>
        <Paragraph>{t(`${prefix}.complaint`)}</Paragraph>
        <Paragraph>
          <a className="utrecht-link utrecht-link--html-a" href={authorityUrl} rel="noopener">
            {t(`${prefix}.complaintLink`)}
          </a>
        </Paragraph>
      </section>
    </div>
  );
}

/** How to ask: the school, or the partnership's privacy officer(s) by name and work address. */
function Officers({
  statement,
  audience,
  values,
}: {
  statement: PublicPrivacyStatement;
  audience: 'parent' | 'pupil';
  values: StatementValues;
}) {
  const { t } = useTranslation('publicPages');
  const officers = statement.privacyOfficers;
  const prefix = `privacyStatement.${audience}` as const;
  if (officers.length === 0)
    return (
      <>
        {audience === 'parent' && <Paragraph>{t('privacyStatement.parent.ask', values)}</Paragraph>}
        <Paragraph>{t(`${prefix}.askNoOfficer`)}</Paragraph>
      </>
    );
  return (
    <>
      <Paragraph>{t(`${prefix}.ask`, values)}</Paragraph>
      {audience === 'parent' && <Paragraph>{t('privacyStatement.parent.askOfficers')}</Paragraph>}
      <UnorderedList>
        {officers.map((officer) => (
          <UnorderedListItem key={officer.email}>
            {officer.name},{' '}
            <a className="utrecht-link utrecht-link--html-a" href={`mailto:${officer.email}`}>
              {officer.email}
            </a>
          </UnorderedListItem>
        ))}
      </UnorderedList>
    </>
  );
}

type Translate = ReturnType<typeof useTranslation<'publicPages'>>['t'];

/** The schedule's periods in words: whole years as years ("2 jaar"), else months or days. */
export function periodsOf(statement: PublicPrivacyStatement, t: Translate): Periods {
  const words = (kind: RetentionKind) => {
    const period = statement.retention.find((candidate) => candidate.kind === kind);
    if (!period) return '';
    if (period.unit === 'months' && period.amount % 12 === 0)
      return t('privacyStatement.units.years', { count: period.amount / 12 });
    return t(`privacyStatement.units.${period.unit}`, { count: period.amount });
  };
  return {
    requestFile: words('request_file'),
    trajectory: words('trajectory'),
    draft: words('draft'),
    auditEvent: words('audit_event'),
    mailAndLink: words('mail_and_link'),
    crisisVisit: words('crisis_visit'),
  };
}
