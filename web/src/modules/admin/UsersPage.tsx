import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, ButtonGroup, Paragraph } from '@utrecht/component-library-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type UserSummary,
  userPageSchema,
  userSortSchema,
  userStatusSchema,
} from '../../../../contracts/users.ts';
import { api, withQuery } from '../../app/api.ts';
import { useFormatters } from '../../app/format.ts';
import { formErrorsFrom } from '../../app/forms.ts';
import { roleAssignmentLabel } from '../../app/labels.ts';
import { hasPermission, useSignedInSession } from '../../app/session.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { Pagination } from '../../ui/Pagination.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { type Column, DataTable } from '../../ui/table/DataTable.tsx';
import { ListToolbar } from '../../ui/table/ListToolbar.tsx';
import { useRowButtons } from '../../ui/table/row-buttons.ts';
import { useListParams } from '../../ui/table/useListParams.ts';
import { AccountDialog, accountChangedMessage } from './AccountDialog.tsx';
import { adminKeys } from './admin.keys.ts';
import { EditRolesForm } from './EditRolesForm.tsx';
import { InviteUserForm } from './InviteUserForm.tsx';

const pageSize = 25;

/**
 * `/beheer/gebruikers`: the partnership's users, searchable, filtered by status, sorted and paged on the
 * server (all in the address); the invite
 * form, role changes, and ending or reopening an account (P7).
 */
export function UsersPage() {
  const { t } = useTranslation();
  const format = useFormatters();
  const queryClient = useQueryClient();
  const session = useSignedInSession();
  const list = useListParams({ zoek: '', status: '' }, { key: 'name', direction: 'ascending' });
  const page = list.page;
  const q = list.filters.zoek;
  const status = userStatusSchema.safeParse(list.filters.status).data;
  const sort = userSortSchema.safeParse(list.apiSort).data;
  const [accountChange, setAccountChange] = useState<{
    user: UserSummary;
    mode: 'deactivate' | 'reactivate';
  } | null>(null);
  const [accountMessage, setAccountMessage] = useState<string | null>(null);
  const accountButtons = useRowButtons<string>();
  const [inviting, setInviting] = useState(false);
  const [invitedEmail, setInvitedEmail] = useState<string | null>(null);
  const inviteButtonRef = useRef<HTMLButtonElement>(null);
  const [editing, setEditing] = useState<UserSummary | null>(null);
  const [savedName, setSavedName] = useState<string | null>(null);
  const editButtons = useRowButtons<string>();
  const canInvite = hasPermission(session, 'users.invite');
  const canManage = hasPermission(session, 'users.manage');
  const canReadLocations = hasPermission(session, 'locations.read');
  const canDeactivate = hasPermission(session, 'users.deactivate');
  const hasActions = canManage || canDeactivate;

  const users = useQuery({
    queryKey: adminKeys.userList({ page, pageSize, q, status, sort }),
    queryFn: ({ signal }) =>
      api.get(withQuery('/api/users', { page, pageSize, q, status, sort }), userPageSchema, signal),
    placeholderData: keepPreviousData,
  });

  // Focus goes back to the row's button once the dialog is gone: the dialog's own close returns focus
  // as it unmounts, so this runs in an effect after it (the button may now read "reactivate").
  const [focusAccountOf, setFocusAccountOf] = useState<string | null>(null);
  useEffect(() => {
    if (!focusAccountOf || accountChange) return;
    accountButtons.focusNow(focusAccountOf);
    setFocusAccountOf(null);
  }, [focusAccountOf, accountChange, accountButtons]);

  const closeAccountChange = (userId: string) => {
    setAccountChange(null);
    setFocusAccountOf(userId);
  };

  const clearMessages = () => {
    setSavedName(null);
    setInvitedEmail(null);
    setAccountMessage(null);
  };

  const closeInvite = () => {
    setInviting(false);
    // Put focus back where the user opened the form.
    requestAnimationFrame(() => inviteButtonRef.current?.focus());
  };

  const closeEdit = (userId: string) => {
    setEditing(null);
    // Back to the row's button the form was opened with.
    editButtons.focus(userId);
  };

  const actionsCell = (user: UserSummary) => (
    <ButtonGroup>
      {canManage && (
        <Button
          ref={editButtons.refFor(user.id)}
          appearance="secondary-action-button"
          type="button"
          aria-label={t('editRoles.openFor', { name: user.name })}
          aria-expanded={editing?.id === user.id}
          onClick={() => {
            clearMessages();
            setInviting(false);
            setEditing(user);
          }}
        >
          {t('editRoles.open')}
        </Button>
      )}
      {canDeactivate && user.id === session.user.id && (
        <span className="passend-muted">{t('accountEnd.ownAccount')}</span>
      )}
      {canDeactivate && user.id !== session.user.id && (
        <Button
          ref={accountButtons.refFor(user.id)}
          appearance="secondary-action-button"
          type="button"
          aria-haspopup="dialog"
          aria-label={t(
            user.status === 'disabled' ? 'accountEnd.reactivateFor' : 'accountEnd.deactivateFor',
            {
              name: user.name,
            },
          )}
          onClick={() => {
            clearMessages();
            setAccountChange({ user, mode: user.status === 'disabled' ? 'reactivate' : 'deactivate' });
          }}
        >
          {t(user.status === 'disabled' ? 'accountEnd.reactivate' : 'accountEnd.deactivate')}
        </Button>
      )}
    </ButtonGroup>
  );

  const columns: Column<UserSummary>[] = [
    {
      key: 'name',
      header: t('users.columnName'),
      cell: (user) => user.name,
      rowHeader: true,
      sortable: true,
    },
    {
      key: 'email',
      header: t('users.columnEmail'),
      cell: (user) => user.email,
      sortable: true,
      breakAnywhere: true,
    },
    {
      key: 'roles',
      header: t('users.columnRoles'),
      cell: (user) => (
        <ul className="passend-role-list">
          {user.roles.map((assignment) => (
            <li key={`${assignment.role}-${assignment.teamRole}-${assignment.locationId}`}>
              {roleAssignmentLabel(t, assignment)}
            </li>
          ))}
        </ul>
      ),
    },
    {
      key: 'status',
      header: t('users.columnStatus'),
      cell: (user) =>
        user.status === 'disabled' && user.deactivatedAt
          ? t('users.deactivatedOn', { date: format.date(user.deactivatedAt) })
          : t(`userStatus.${user.status}`),
      keepWithTitle: true,
      sortable: true,
    },
    {
      key: 'mfa',
      header: t('users.columnMfa'),
      cell: (user) => (user.mfaEnrolled ? t('users.mfaYes') : t('users.mfaNo')),
    },
    ...(hasActions ? [{ key: 'actions', header: t('editRoles.columnActions'), cell: actionsCell }] : []),
  ];

  return (
    <>
      <PageHeading>{t('users.title')}</PageHeading>
      <Paragraph>{t('users.intro', { tenant: session.tenant.name })}</Paragraph>
      {accountMessage && (
        <Alert type="ok" role="status">
          {accountMessage}
        </Alert>
      )}
      {savedName && (
        <Alert type="ok" role="status">
          {t('editRoles.saved', { name: savedName })}
        </Alert>
      )}
      {invitedEmail && (
        <Alert type="ok" role="status">
          {t('invite.sent', { email: invitedEmail })}
        </Alert>
      )}
      {canInvite && !inviting && (
        <ButtonGroup>
          <Button
            ref={inviteButtonRef}
            appearance="primary-action-button"
            type="button"
            aria-expanded={false}
            onClick={() => {
              clearMessages();
              setEditing(null);
              setInviting(true);
            }}
          >
            {t('users.inviteOpen')}
          </Button>
        </ButtonGroup>
      )}
      {canInvite && inviting && (
        <InviteUserForm
          canReadLocations={canReadLocations}
          onInvited={(email) => {
            setInvitedEmail(email);
            closeInvite();
          }}
          onCancel={closeInvite}
        />
      )}
      {canManage && editing && (
        <EditRolesForm
          key={editing.id}
          user={editing}
          canReadLocations={canReadLocations}
          onSaved={(user) => {
            setSavedName(user.name);
            closeEdit(user.id);
          }}
          onCancel={() => closeEdit(editing.id)}
        />
      )}
      <ListToolbar
        search={{
          label: t('users.searchLabel'),
          value: q,
          onSearch: (zoek) => list.setFilters({ zoek }),
        }}
        onClear={q || status ? list.clear : undefined}
      >
        <SelectField
          name="status"
          label={t('users.statusFilter')}
          placeholder={t('users.statusAll')}
          required={false}
          value={status ?? ''}
          onChange={(value) => list.setFilters({ status: value })}
          choices={userStatusSchema.options.map((value) => ({ value, label: t(`userStatus.${value}`) }))}
        />
      </ListToolbar>
      {users.isError && <ErrorAlert errors={formErrorsFrom(users.error)} />}
      {users.data && (
        <>
          <DataTable
            caption={q ? t('users.searchResult', { q }) : t('users.tableCaption')}
            columns={columns}
            rows={users.data.items}
            rowKey={(user) => user.id}
            empty={t('users.empty')}
            busy={users.isFetching}
            sort={list.sort}
            onSortChange={list.setSort}
          />
          <Pagination
            page={users.data.page}
            pageSize={users.data.pageSize}
            total={users.data.total}
            onPageChange={list.setPage}
          />
        </>
      )}
      {users.isPending && <Paragraph role="status">{t('app.loading')}</Paragraph>}
      {accountChange && (
        <AccountDialog
          key={`${accountChange.user.id}-${accountChange.mode}`}
          user={accountChange.user}
          mode={accountChange.mode}
          basePath="/api/users"
          onDone={async (changed) => {
            setAccountMessage(accountChangedMessage(t, accountChange.user.name, changed.status));
            await queryClient.invalidateQueries({ queryKey: adminKeys.users });
            closeAccountChange(accountChange.user.id);
          }}
          onCancel={() => closeAccountChange(accountChange.user.id)}
        />
      )}
    </>
  );
}
