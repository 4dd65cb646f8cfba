import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, ButtonGroup, Paragraph, PrimaryActionButton } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type ExpertiseTag,
  expertiseTagInputSchema,
  expertiseTagSchema,
} from '../../../../contracts/team.ts';
import { api } from '../../app/api.ts';
import { formErrorsFrom } from '../../app/forms.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { ContractForm } from '../../ui/Form.tsx';
import { useContractForm } from '../../ui/form/useContractForm.ts';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { TextField } from '../../ui/TextField.tsx';
import { type Column, DataTable } from '../../ui/table/DataTable.tsx';
import { useRowButtons } from '../../ui/table/row-buttons.ts';
import { remove, teamKeys, useExpertiseTags } from './team.api.ts';

/** `/team/expertise`: the list of expertise tags the coordinator maintains (R1). */
export function ExpertiseTagsPage() {
  const { t } = useTranslation('team');
  const queryClient = useQueryClient();
  const tags = useExpertiseTags();
  const [editing, setEditing] = useState<string | null>(null);
  const [removing, setRemoving] = useState<ExpertiseTag | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const rowButtons = useRowButtons<string>();
  const refresh = () => queryClient.invalidateQueries({ queryKey: teamKeys.expertiseTags });
  const focusRow = rowButtons.focus;

  const create = useContractForm({
    schema: expertiseTagInputSchema,
    initial: { name: '' },
    namespace: 'team',
    send: (input) => api.post('/api/expertise-tags', input, expertiseTagSchema),
    // One notice for the page: what was added, renamed or removed last.
    onSuccess: async (tag) => {
      setNotice(t('tags.added', { name: tag.name }));
      create.reset();
      await refresh();
    },
  });
  const destroy = useMutation({
    mutationFn: (tag: ExpertiseTag) => remove(`/api/expertise-tags/${tag.id}`),
    onSuccess: async (_result, tag) => {
      setRemoving(null);
      setNotice(t('tags.removed', { name: tag.name }));
      await refresh();
    },
  });

  const columns: Column<ExpertiseTag>[] = [
    {
      key: 'name',
      header: t('tags.columnName'),
      cell: (tag) =>
        editing === tag.id ? (
          <RenameTagForm
            tag={tag}
            onDone={async (renamed) => {
              setEditing(null);
              setNotice(t('tags.renamed', { name: renamed.name }));
              await refresh();
              focusRow(tag.id);
            }}
            onCancel={() => {
              setEditing(null);
              focusRow(tag.id);
            }}
          />
        ) : (
          tag.name
        ),
      rowHeader: true,
    },
    {
      key: 'actions',
      header: t('tags.columnActions'),
      cell: (tag) => (
        <ButtonGroup>
          <Button
            ref={rowButtons.refFor(tag.id)}
            type="button"
            appearance="subtle-button"
            onClick={() => {
              setNotice(null);
              setEditing(tag.id);
            }}
          >
            {t('tags.rename', { name: tag.name })}
          </Button>
          <Button
            type="button"
            appearance="subtle-button"
            aria-haspopup="dialog"
            onClick={() => {
              setNotice(null);
              destroy.reset();
              setRemoving(tag);
            }}
          >
            {t('tags.remove', { name: tag.name })}
          </Button>
        </ButtonGroup>
      ),
    },
  ];

  return (
    <>
      <PageHeading>{t('tags.title')}</PageHeading>
      <Paragraph>
        <RouterLink to="/team">{t('tags.back')}</RouterLink>
      </Paragraph>
      <Paragraph>{t('tags.intro')}</Paragraph>
      <ContractForm form={create} className="passend-toolbar">
        <TextField label={t('tags.newLabel')} autoComplete="off" {...create.field('name')} />
        <ButtonGroup>
          <PrimaryActionButton type="submit" busy={create.pending}>
            {t('tags.add')}
          </PrimaryActionButton>
        </ButtonGroup>
      </ContractForm>
      {notice && (
        <Alert type="ok" role="status">
          {notice}
        </Alert>
      )}
      {tags.isError && <ErrorAlert errors={formErrorsFrom(tags.error)} />}
      {tags.isPending && <Paragraph role="status">{t('common.loading')}</Paragraph>}
      {tags.data && (
        <DataTable
          caption={t('tags.tableCaption')}
          columns={columns}
          rows={tags.data.items}
          rowKey={(tag) => tag.id}
          empty={t('tags.empty')}
          busy={tags.isFetching}
        />
      )}
      {removing && (
        <ConfirmDialog
          title={t('tags.confirmRemoveTitle', { name: removing.name })}
          confirmLabel={t('tags.removeConfirm')}
          cancelLabel={t('common.cancel')}
          danger
          busy={destroy.isPending}
          onConfirm={() => destroy.mutate(removing)}
          onCancel={() => {
            setRemoving(null);
            focusRow(removing.id);
          }}
        >
          {destroy.error && <ErrorAlert errors={formErrorsFrom(destroy.error)} />}
          <Paragraph>{t('tags.confirmRemove', { name: removing.name })}</Paragraph>
        </ConfirmDialog>
      )}
    </>
  );
}

type RenameTagFormProps = {
  tag: ExpertiseTag;
  onDone: (tag: ExpertiseTag) => Promise<void>;
  onCancel: () => void;
};

/** The new name of one tag, in its own row. */
function RenameTagForm({ tag, onDone, onCancel }: RenameTagFormProps) {
  const { t } = useTranslation('team');
  const form = useContractForm({
    schema: expertiseTagInputSchema,
    initial: { name: tag.name },
    namespace: 'team',
    send: (input) => api.patch(`/api/expertise-tags/${tag.id}`, input, expertiseTagSchema),
    onSuccess: onDone,
  });
  return (
    <ContractForm form={form}>
      <TextField
        label={t('tags.renameLabel', { name: tag.name })}
        autoComplete="off"
        autoFocus
        {...form.field('name')}
      />
      <ButtonGroup>
        <PrimaryActionButton type="submit" busy={form.pending}>
          {t('common.save')}
        </PrimaryActionButton>
        <Button type="button" appearance="secondary-action-button" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </ButtonGroup>
    </ContractForm>
  );
}
