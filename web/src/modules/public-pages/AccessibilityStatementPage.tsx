import { Heading2, Paragraph, UnorderedList, UnorderedListItem } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { accessibilityStatementDate } from '../../../../contracts/public.ts';
import { useFormatters } from '../../app/format.ts';
import { PageHeading } from '../../ui/PageHeading.tsx';

const digitoegankelijkUrl = 'https://www.digitoegankelijk.nl/';

/** The lists of the statement, each an array in the catalogue. */
type ListKey = `accessibilityStatement.${'tested' | 'known' | 'plans'}`;

/**
 * `/toegankelijkheid`: the accessibility statement of Passend after the Digitoegankelijk model — its
 * status, what was tested and how, what is known not to comply, the measures planned, how to reach the
 * partnership, and the date. Public (no sign-in) and linked from the footer of every page.
 */
export function AccessibilityStatementPage() {
  const { t } = useTranslation('publicPages');
  const format = useFormatters();
  const list = (key: ListKey): string[] => t(key, { returnObjects: true });
  const section = (id: string, title: string, body: React.ReactNode) => (
    <section className="passend-section" aria-labelledby={id}>
      <Heading2 id={id}>{title}</Heading2>
      {body}
    </section>
  );
  const bullets = (key: ListKey) => (
    <UnorderedList>
      {list(key).map((item) => (
        <UnorderedListItem key={item}>{item}</UnorderedListItem>
      ))}
    </UnorderedList>
  );
  return (
    <div className="passend-narrow">
      <PageHeading>{t('accessibilityStatement.title')}</PageHeading>
      <Paragraph lead>{t('accessibilityStatement.intro')}</Paragraph>
      <Paragraph>{t('accessibilityStatement.scope', { address: window.location.origin })}</Paragraph>
      {section(
        'accessibility-status',
        t('accessibilityStatement.statusTitle'),
        <>
          <Paragraph>
            <strong>{t('accessibilityStatement.statusLabel')}</strong>
          </Paragraph>
          <Paragraph>{t('accessibilityStatement.status')}</Paragraph>
        </>,
      )}
      {section(
        'accessibility-tested',
        t('accessibilityStatement.testedTitle'),
        <>
          {bullets('accessibilityStatement.tested')}
          <Paragraph>{t('accessibilityStatement.notTested')}</Paragraph>
        </>,
      )}
      {section(
        'accessibility-known',
        t('accessibilityStatement.knownTitle'),
        bullets('accessibilityStatement.known'),
      )}
      {section(
        'accessibility-plans',
        t('accessibilityStatement.plansTitle'),
        bullets('accessibilityStatement.plans'),
      )}
      {section(
        'accessibility-contact',
        t('accessibilityStatement.contactTitle'),
        <>
          <Paragraph>{t('accessibilityStatement.contact')}</Paragraph>
          <Paragraph>{t('accessibilityStatement.contactHow')}</Paragraph>
          <Paragraph>{t('accessibilityStatement.complaint')}</Paragraph>
        </>,
      )}
      {section(
        'accessibility-about',
        t('accessibilityStatement.aboutTitle'),
        <>
          <Paragraph>
            {t('accessibilityStatement.date', {
              date: format.date(`${accessibilityStatementDate}T12:00:00Z`),
            })}
          </Paragraph>
          <Paragraph>{t('accessibilityStatement.model')}</Paragraph>
          <Paragraph>
            <a className="utrecht-link utrecht-link--html-a" href={digitoegankelijkUrl} rel="noopener">
              {t('accessibilityStatement.modelLink')}
            </a>
          </Paragraph>
        </>,
      )}
    </div>
  );
}
