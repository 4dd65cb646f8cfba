import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  ButtonGroup,
  Paragraph,
  PrimaryActionButton,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { expertiseTagInputSchema, expertiseTagSchema } from '../../../../contracts/team.ts';
import { api } from '../../app/api.ts';
import { type FormErrors, formErrorsFrom, noFormErrors, validate } from '../../app/forms.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { Form } from '../../ui/Form.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { TextField } from '../../ui/TextField.tsx';
import { remove, teamMessageFor, useExpertiseTags } from './team.api.ts';

/** `/team/expertise`: the list of expertise tags the coordinator maintains (R1). */
export function ExpertiseTagsPage() {
  const { t } = useTranslation('team');
  const queryClient = useQueryClient();
  const tags = useExpertiseTags();
  const captionId = useId();
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  const [editing, setEditing] = useState<{ id: string; name: string } | null>(null);
  const [editErrors, setEditErrors] = useState<FormErrors>(noFormErrors);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['expertise-tags'] });

  const create = useMutation({
    mutationFn: (input: { name: string }) => api.post('/api/expertise-tags', input, expertiseTagSchema),
    onSuccess: async () => {
      setName('');
      setErrors(noFormErrors);
      await refresh();
    },
    onError: (error) => setErrors(formErrorsFrom(error)),
  });
  const rename = useMutation({
    mutationFn: (input: { id: string; name: string }) =>
      api.patch(`/api/expertise-tags/${input.id}`, { name: input.name }, expertiseTagSchema),
    onSuccess: async () => {
      setEditing(null);
      setEditErrors(noFormErrors);
      await refresh();
    },
    onError: (error) => setEditErrors(formErrorsFrom(error)),
  });
  const destroy = useMutation({
    mutationFn: (id: string) => remove(`/api/expertise-tags/${id}`),
    onSuccess: refresh,
  });

  return (
    <>
      <PageHeading>{t('tags.title')}</PageHeading>
      <Paragraph>
        <RouterLink to="/team">{t('tags.back')}</RouterLink>
      </Paragraph>
      <Paragraph>{t('tags.intro')}</Paragraph>
      <Form
        errors={errors}
        fields={['name']}
        onSubmit={() => {
          const result = validate(expertiseTagInputSchema, { name });
          if (!result.ok) return setErrors(result.errors);
          create.mutate(result.value);
        }}
        className="passend-toolbar"
      >
        <TextField
          name="name"
          label={t('tags.newLabel')}
          autoComplete="off"
          maxLength={60}
          value={name}
          onChange={setName}
          error={teamMessageFor(errors, 'name')}
        />
        <ButtonGroup>
          <PrimaryActionButton type="submit" busy={create.isPending}>
            {t('tags.add')}
          </PrimaryActionButton>
        </ButtonGroup>
      </Form>
      {tags.isError && <ErrorAlert errors={formErrorsFrom(tags.error)} />}
      {destroy.isError && <ErrorAlert errors={formErrorsFrom(destroy.error)} />}
      {tags.data && (
        <Table>
          <TableCaption id={captionId}>{t('tags.tableCaption')}</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t('tags.columnName')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('tags.columnActions')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {tags.data.items.length === 0 && (
              <TableRow>
                <TableCell colSpan={2}>{t('tags.empty')}</TableCell>
              </TableRow>
            )}
            {tags.data.items.map((tag) => (
              <TableRow key={tag.id}>
                <TableHeaderCell scope="row">
                  {editing?.id === tag.id ? (
                    <Form
                      errors={editErrors}
                      fields={['name']}
                      onSubmit={() => {
                        const result = validate(expertiseTagInputSchema, { name: editing.name });
                        if (!result.ok) return setEditErrors(result.errors);
                        rename.mutate({ id: tag.id, name: result.value.name });
                      }}
                    >
                      <TextField
                        name="name"
                        label={t('tags.renameLabel', { name: tag.name })}
                        autoComplete="off"
                        maxLength={60}
                        value={editing.name}
                        onChange={(value) => setEditing({ id: tag.id, name: value })}
                        error={teamMessageFor(editErrors, 'name')}
                      />
                      <ButtonGroup>
                        <PrimaryActionButton type="submit" busy={rename.isPending}>
                          {t('common.save')}
                        </PrimaryActionButton>
                        <Button
                          type="button"
                          appearance="secondary-action-button"
                          onClick={() => setEditing(null)}
                        >
                          {t('common.cancel')}
                        </Button>
                      </ButtonGroup>
                    </Form>
                  ) : (
                    tag.name
                  )}
                </TableHeaderCell>
                <TableCell>
                  <ButtonGroup>
                    <Button
                      type="button"
                      appearance="subtle-button"
                      onClick={() => {
                        setEditErrors(noFormErrors);
                        setEditing({ id: tag.id, name: tag.name });
                      }}
                    >
                      {t('tags.rename', { name: tag.name })}
                    </Button>
                    <Button
                      type="button"
                      appearance="subtle-button"
                      onClick={() => {
                        if (window.confirm(t('tags.confirmRemove', { name: tag.name })))
                          destroy.mutate(tag.id);
                      }}
                    >
                      {t('tags.remove', { name: tag.name })}
                    </Button>
                  </ButtonGroup>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {tags.isPending && <Paragraph role="status">{t('common.loading')}</Paragraph>}
    </>
  );
}
