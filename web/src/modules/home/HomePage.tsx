import {
  Alert,
  Heading2,
  Paragraph,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { roleAssignmentLabel } from '../../app/labels.ts';
import { hasPermission, useSignedInSession } from '../../app/session.ts';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { RouterLink } from '../../ui/RouterLink.tsx';

// Below this many recovery codes the user is told to make new ones.
const fewRecoveryCodes = 3;

/** `/`: who you are here, your roles with their schools, and where you can go. */
export function HomePage() {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const { user, tenant } = session;
  const canManageUsers = hasPermission(session, 'users.read');
  const canReadOutbox = hasPermission(session, 'outbox.read');

  return (
    <>
      <PageHeading>{t('home.title', { name: user.name })}</PageHeading>
      <Paragraph appearance="lead">{t('home.partnership', { tenant: tenant.name })}</Paragraph>
      {user.recoveryCodesLeft < fewRecoveryCodes && (
        <Alert type="warning" role="status">
          <Paragraph>{t('home.fewRecoveryCodes', { count: user.recoveryCodesLeft })}</Paragraph>
          <Paragraph>
            <RouterLink to="/account">{t('nav.account')}</RouterLink>
          </Paragraph>
        </Alert>
      )}
      <Heading2>{t('home.rolesTitle')}</Heading2>
      {user.roles.length === 0 ? (
        <Paragraph>{t('home.noRoles')}</Paragraph>
      ) : (
        <UnorderedList>
          {user.roles.map((assignment) => (
            <UnorderedListItem key={`${assignment.role}-${assignment.teamRole}-${assignment.locationId}`}>
              {roleAssignmentLabel(t, assignment)}
            </UnorderedListItem>
          ))}
        </UnorderedList>
      )}
      <Heading2>{t('home.tasksTitle')}</Heading2>
      <UnorderedList>
        {canManageUsers && (
          <UnorderedListItem>
            <RouterLink to="/beheer/gebruikers">{t('nav.users')}</RouterLink>
          </UnorderedListItem>
        )}
        {canReadOutbox && (
          <UnorderedListItem>
            <RouterLink to="/beheer/postvak">
              {session.outboxEnabled ? t('nav.outbox') : t('nav.outgoingMail')}
            </RouterLink>
          </UnorderedListItem>
        )}
        <UnorderedListItem>
          <RouterLink to="/account">{t('nav.account')}</RouterLink>
        </UnorderedListItem>
      </UnorderedList>
    </>
  );
}
