import { useQuery } from '@tanstack/react-query';
import { ButtonGroup, Paragraph, PrimaryActionButton } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type AssignmentSuggestion,
  assignmentSuggestionListSchema,
  type RequestDetail,
} from '../../../../contracts/requests.ts';
import { api } from '../../app/api.ts';
import { formErrorsFrom } from '../../app/forms.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { Section } from './RequestDetailPage.tsx';
import { postCommand, requestKeys, useRequestCommand } from './requests.api.ts';

// The best matches show at once; the rest of the team is one click away.
const shownFirst = 5;

/**
 * R1: who works on the request; for the staff office and the school's contact person, team members
 * ranked by matching expertise and availability, with the reasons shown.
 */
export function AssignSection({ request, canAssign }: { request: RequestDetail; canAssign: boolean }) {
  const { t, i18n } = useTranslation('requests');
  const [done, setDone] = useState<string | null>(null);
  const suggestions = useQuery({
    queryKey: requestKeys.suggestions(request.id, request.assignedTo?.id ?? null),
    queryFn: ({ signal }) =>
      api.get(`/api/requests/${request.id}/assignment-suggestions`, assignmentSuggestionListSchema, signal),
    enabled: canAssign,
  });
  const assign = useRequestCommand((userId: string) => postCommand(request.id, '/assign', { userId }));
  const hours = new Intl.NumberFormat(i18n.language === 'en' ? 'en-GB' : 'nl-NL');
  const suggestion = (member: AssignmentSuggestion) => (
    <li key={member.userId}>
      <strong>{member.name}</strong> — {t(`teamRole.${member.teamRole}`)}
      <ul>
        {member.matchingTags.length > 0 && (
          <li>{t('assign.matching', { tags: member.matchingTags.join(', ') })}</li>
        )}
        {member.isFixedMember && (
          <li>{member.isContact ? t('assign.contactPerson') : t('assign.fixedMember')}</li>
        )}
        <li>{t('assign.openRequests', { count: member.openRequests })}</li>
        <li>
          {member.contractedHours === null
            ? t('assign.noHours')
            : t('assign.hours', { hours: hours.format(member.contractedHours) })}
        </li>
        {member.isAbsentToday && <li>{t('assign.absent')}</li>}
      </ul>
      {request.assignedTo?.id === member.userId ? (
        <Paragraph>{t('assign.isAssigned')}</Paragraph>
      ) : (
        <ButtonGroup>
          <PrimaryActionButton
            type="button"
            aria-label={t('assign.buttonFor', { name: member.name })}
            busy={assign.isPending && assign.variables === member.userId}
            onClick={() =>
              assign.mutate(member.userId, {
                onSuccess: () => setDone(t('assign.done', { name: member.name })),
              })
            }
          >
            {t('assign.button')}
          </PrimaryActionButton>
        </ButtonGroup>
      )}
    </li>
  );
  return (
    <Section title={t('assign.heading')}>
      <Paragraph>
        {request.assignedTo ? t('assign.current', { name: request.assignedTo.name }) : t('assign.nobody')}
      </Paragraph>
      {done && <Paragraph role="status">{done}</Paragraph>}
      {assign.error && <ErrorAlert errors={formErrorsFrom(assign.error)} />}
      {canAssign && suggestions.data && (
        <>
          <Paragraph>
            {suggestions.data.wantedTags.length > 0
              ? t('assign.wanted', { tags: suggestions.data.wantedTags.join(', ') })
              : t('assign.noWanted')}
          </Paragraph>
          <ol className="passend-suggestions">
            {suggestions.data.items.slice(0, shownFirst).map(suggestion)}
          </ol>
          {suggestions.data.items.length > shownFirst && (
            <details>
              <summary>{t('assign.more', { count: suggestions.data.items.length - shownFirst })}</summary>
              <ol className="passend-suggestions" start={shownFirst + 1}>
                {suggestions.data.items.slice(shownFirst).map(suggestion)}
              </ol>
            </details>
          )}
        </>
      )}
      {canAssign && suggestions.isError && <ErrorAlert errors={formErrorsFrom(suggestions.error)} />}
    </Section>
  );
}
