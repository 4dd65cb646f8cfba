import { ButtonGroup, Paragraph, PrimaryActionButton } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type RequestDetail, requestDetailSchema } from '../../../../contracts/requests.ts';
import { api } from '../../app/api.ts';
import { formErrorsFrom } from '../../app/forms.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { Section } from './RequestDetailPage.tsx';
import { useRequestCommand } from './requests.api.ts';
import { TeacherPicker } from './TeacherPicker.tsx';

/**
 * Y3: the school names another teacher on a submitted request. The teacher replaced no longer reads
 * the request from then on; what they wrote stays with their name.
 */
export function ChangeTeacherSection({ request }: { request: RequestDetail }) {
  const { t } = useTranslation('requests');
  const [teacherUserId, setTeacherUserId] = useState(request.teacher?.id ?? '');
  const [done, setDone] = useState<string | null>(null);
  const change = useRequestCommand((id: string) =>
    api.put(`/api/requests/${request.id}/teacher`, { teacherUserId: id }, requestDetailSchema),
  );
  return (
    <Section title={t('changeTeacher.heading')}>
      <Paragraph>{t('changeTeacher.intro')}</Paragraph>
      {done && <Paragraph role="status">{done}</Paragraph>}
      {change.error && <ErrorAlert errors={formErrorsFrom(change.error)} />}
      <TeacherPicker
        locationId={request.location.id}
        current={request.teacher}
        name="teacherUserId"
        value={teacherUserId}
        onChange={setTeacherUserId}
        required
      />
      <ButtonGroup>
        <PrimaryActionButton
          type="button"
          disabled={!teacherUserId || teacherUserId === request.teacher?.id}
          busy={change.isPending}
          onClick={() =>
            change.mutate(teacherUserId, {
              onSuccess: (detail) => setDone(t('changeTeacher.done', { name: detail.teacher?.name ?? '' })),
            })
          }
        >
          {t('changeTeacher.button')}
        </PrimaryActionButton>
      </ButtonGroup>
    </Section>
  );
}
