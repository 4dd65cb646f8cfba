import { ButtonGroup, Paragraph, PrimaryActionButton } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { parentsInformedInputSchema, type RequestDetail } from '../../../../contracts/requests.ts';
import { todayInAmsterdam } from '../../../../contracts/school-year.ts';
import { useFormatters } from '../../app/format.ts';
import { useNavigateWithNotice } from '../../app/notice.tsx';
import { ContractForm } from '../../ui/Form.tsx';
import { useContractForm } from '../../ui/form/useContractForm.ts';
import { TextField } from '../../ui/TextField.tsx';
import { Section } from './RequestDetailPage.tsx';
import { postCommand, useShowRequestDetail } from './requests.api.ts';

/** R10: work with a group starts only after the school records that and how the parents were informed. */
export function ParentsInformedSection({ request }: { request: RequestDetail }) {
  const { t } = useTranslation('requests');
  const format = useFormatters();
  const showDetail = useShowRequestDetail();
  const navigateWithNotice = useNavigateWithNotice();
  const form = useContractForm({
    schema: parentsInformedInputSchema,
    namespace: 'requests',
    initial: () => ({ informedOn: todayInAmsterdam(), how: '' }),
    send: (input) => postCommand(request.id, '/parents-informed', input),
    // The form makes way for what was recorded: the notice goes to the top of the page.
    onSuccess: (detail) => {
      showDetail(detail);
      navigateWithNotice(`/hulpvragen/${detail.id}`, t('informed.done'), { replace: true });
    },
  });
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
        <ContractForm form={form}>
          <TextField type="date" label={t('informed.date')} {...form.field('informedOn')} />
          <TextField label={t('informed.how')} description={t('informed.howHint')} {...form.field('how')} />
          <ButtonGroup>
            <PrimaryActionButton type="submit" busy={form.pending}>
              {t('informed.submit')}
            </PrimaryActionButton>
          </ButtonGroup>
        </ContractForm>
      )}
    </Section>
  );
}
