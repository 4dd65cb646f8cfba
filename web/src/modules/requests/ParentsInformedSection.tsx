import { ButtonGroup, Paragraph, PrimaryActionButton } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parentsInformedInputSchema, type RequestDetail } from '../../../../contracts/requests.ts';
import { todayInAmsterdam } from '../../../../contracts/school-year.ts';
import { useFormatters } from '../../app/format.ts';
import { type FormErrors, formErrorsFrom, noFormErrors, validate } from '../../app/forms.ts';
import { Form } from '../../ui/Form.tsx';
import { TextField } from '../../ui/TextField.tsx';
import { Section } from './RequestDetailPage.tsx';
import { postCommand, requestMessageFor, useRequestCommand } from './requests.api.ts';

/** R10: work with a group starts only after the school records that and how the parents were informed. */
export function ParentsInformedSection({ request }: { request: RequestDetail }) {
  const { t } = useTranslation('requests');
  const format = useFormatters();
  const [informedOn, setInformedOn] = useState(todayInAmsterdam());
  const [how, setHow] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  const record = useRequestCommand(request.id, (input: { informedOn: string; how: string }) =>
    postCommand(request.id, '/parents-informed', input),
  );
  const submit = () => {
    const checked = validate(parentsInformedInputSchema, { informedOn, how });
    if (!checked.ok) return setErrors(checked.errors);
    record.mutate(checked.value, {
      onSuccess: () => setErrors(noFormErrors),
      onError: (error) => setErrors(formErrorsFrom(error)),
    });
  };
  return (
    <Section title={t('informed.heading')}>
      {request.parentsInformed ? (
        <Paragraph>
          {t('informed.recorded', {
            date: format.date(request.parentsInformed.informedOn),
            how: request.parentsInformed.how,
          })}
        </Paragraph>
      ) : (
        <Paragraph>{t('informed.needed')}</Paragraph>
      )}
      {!request.parentsInformed && request.commands.includes('record_parents_informed') && (
        <Form errors={errors} fields={['informedOn', 'how']} onSubmit={submit}>
          <TextField
            name="informedOn"
            type="date"
            label={t('informed.date')}
            value={informedOn}
            onChange={setInformedOn}
            error={requestMessageFor(errors, 'informedOn')}
          />
          <TextField
            name="how"
            label={t('informed.how')}
            description={t('informed.howHint')}
            maxLength={1000}
            value={how}
            onChange={setHow}
            error={requestMessageFor(errors, 'how')}
          />
          <ButtonGroup>
            <PrimaryActionButton type="submit" busy={record.isPending}>
              {t('informed.submit')}
            </PrimaryActionButton>
          </ButtonGroup>
        </Form>
      )}
    </Section>
  );
}
