import { Heading, Paragraph, UnorderedList, UnorderedListItem } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import type { FileReader } from '../../../contracts/privacy.ts';
import { useFormatters } from '../app/format.ts';

/**
 * "Who read the file" on a parent's or pupil's page (P8): one line per person and day, as a kind of
 * role with its organisation — the page supplies the texts for its audience (u or je).
 */
export function FileReaders({
  readers,
  heading,
  intro,
  none,
  school,
  partnership,
}: {
  readers: FileReader[];
  heading: string;
  intro: string;
  none: string;
  school: string;
  partnership: string;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <>
      <Heading level={2}>{heading}</Heading>
      <Paragraph>{intro}</Paragraph>
      {readers.length > 0 ? (
        <UnorderedList aria-label={heading}>
          {readers.map((reader, index) => (
            // One line per person and day: two people of the same kind on one day are two lines.
            // biome-ignore lint/suspicious/noArrayIndexKey: the lines have no identity of their own
            <UnorderedListItem key={index}>
              {t('fileReaders.line', {
                date: format.date(reader.on),
                reader: t(`fileReaders.${reader.kind}`, { school, partnership }),
              })}
            </UnorderedListItem>
          ))}
        </UnorderedList>
      ) : (
        <Paragraph>{none}</Paragraph>
      )}
    </>
  );
}
