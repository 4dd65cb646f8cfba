import type { TFunction } from 'i18next';
import { isGroupLevel, isPupilLevel, type RequestType } from '../../../../contracts/requests.ts';
import type { ConfirmQuestion } from '../../ui/form/useContractForm.ts';

/**
 * The question before a request is submitted, which cannot be undone: what happens next for its
 * kind (consent mails to parents, the parents-informed step, or a refusal at once).
 */
export function submitQuestion(
  t: TFunction<'requests'>,
  request: { type: RequestType | null; asksDirectPupilSupport: boolean | null },
): ConfirmQuestion {
  const body =
    request.asksDirectPupilSupport === true
      ? t('form.confirmRefused')
      : isPupilLevel(request.type)
        ? t('form.confirmPupil')
        : isGroupLevel(request.type)
          ? t('form.confirmGroup')
          : t('form.confirmBody');
  return { title: t('form.confirmTitle'), body, confirmLabel: t('form.confirmYes') };
}
