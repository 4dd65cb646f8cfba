import { strToU8, zipSync } from 'fflate';
import type { FileReader } from '../../../contracts/privacy.ts';
import { type PdfDefinition, pagedPdf, renderPdf, type Translate } from '../requests/requests.pdf.ts';
import type { PupilExport } from './subject-access.service.ts';

type Locale = 'nl' | 'en';
type ExportRecord = Record<string, unknown>;

/**
 * P5: the export of an access request as one zip — `inzage.pdf` (a B1 cover letter to the requester,
 * then every record in Dutch), `gegevens.json` (the same, machine-readable) and the original files
 * under `bestanden/`.
 */
export async function exportZip(data: PupilExport, t: Translate, locale: Locale): Promise<Uint8Array> {
  const pdf = await renderPdf(exportPdfDefinition(data, t, locale));
  const entries: Record<string, Uint8Array> = {
    'inzage.pdf': new Uint8Array(pdf),
    'gegevens.json': strToU8(JSON.stringify(exportJson(data), null, 2)),
  };
  for (const file of data.files) entries[file.path] = new Uint8Array(file.content);
  return zipSync(entries, { level: 6, mtime: new Date(data.generatedAt) });
}

/** The machine-readable part: every record with its columns, the files by their path in the zip. */
export function exportJson(data: PupilExport) {
  const { files, ...rest } = data;
  return {
    format: 'passend-inzage/1',
    description:
      'Alle gegevens die Passend over deze leerling bewaart (AVG artikel 15). Bestanden staan in de map bestanden/.',
    ...rest,
    files: files.map(({ content: _content, ...file }) => file),
  };
}

/**
 * The cover letter's texts for the one who asked: a pupil asking about themselves reads it with *je*
 * and simpler words, a parent or anyone else with *u* (docs/style-guide.md).
 */
function letterOf(requesterRelation: string): 'subjectAccess.letter' | 'subjectAccess.letterPupil' {
  return requesterRelation === 'pupil' ? 'subjectAccess.letterPupil' : 'subjectAccess.letter';
}

/** What the readable document shows of each kind of record, in order (labels under `subjectAccess.pdf.fields`). */
const shownFields = {
  request: [
    'reference',
    'status',
    'schoolYear',
    'type',
    'question',
    'triedInBasicSupport',
    'hopedOutcome',
    'teacherName',
    'groupName',
    'pupilGroup',
    'asksDirectPupilSupport',
    'consentStatus',
    'assignedUserId',
    'createdByUserId',
    'parentsInformedOn',
    'parentsInformedHow',
    'outcome',
    'refusalReason',
    'submittedAt',
    'closedAt',
    'createdAt',
  ],
  person: ['kind', 'name', 'birthDate', 'email', 'phone', 'hasAuthority'],
  trajectory: [
    'status',
    'pupilFirstName',
    'pupilLastName',
    'pupilBirthDate',
    'pupilClass',
    'mentorUserId',
    'signalSource',
    'signalObserved',
    'signalSince',
    'signalTried',
    'signalledByUserId',
    'discussedOn',
    'discussionOutcome',
    'parentsContactedOn',
    'parentsContactedHow',
    'parentsContactOutcome',
    'eligibilityDecidedOn',
    'problemKinds',
    'eligibilityReasons',
    'alternativeAdvice',
    'parentsExplainedOn',
    'parentsExplainedHow',
    'endedOn',
    'endReason',
    'diplomaObtained',
    'diplomaLevel',
    'nextDestination',
    'createdAt',
  ],
  oppVersion: [
    'version',
    'status',
    'exitDestination',
    'exitReasons',
    'hinderingFactors',
    'supportingFactors',
    'support',
    'independentWorkAgreement',
    'homeworkAgreement',
    'curriculumDeviations',
    'evaluationDates',
    'parentsDiscussedOn',
    'parentsDiscussionParticipants',
    'parentsView',
    'parentsAgreement',
    'parentsAgreementComments',
    'pupilView',
    'adoptedAt',
    'adoptedByUserId',
    'createdAt',
  ],
  oppEvaluation: ['evaluatedOn', 'summary', 'evaluatedByUserId'],
  referral: [
    'referredOn',
    'agencyKind',
    'reason',
    'parentalConsent',
    'consentRecordedOn',
    'zatDiscussedOn',
    'zatDiscussion',
    'outcome',
    'outcomeOn',
    'createdByUserId',
  ],
  contact: ['contactOn', 'party', 'partyName', 'channel', 'summary', 'followUp', 'createdByUserId'],
} as const;

/**
 * The readable document: the cover letter to the requester (B1, "u"), an overview, then each support
 * request and trajectory with all its records and who read it. Marked confidential on every page.
 */
export function exportPdfDefinition(data: PupilExport, t: Translate, locale: Locale): PdfDefinition {
  const tag = locale === 'nl' ? 'nl-NL' : 'en-GB';
  const date = (iso: string) =>
    new Intl.DateTimeFormat(tag, { dateStyle: 'long', timeZone: 'Europe/Amsterdam' }).format(
      new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso),
    );
  const dateTime = (iso: string) =>
    new Intl.DateTimeFormat(tag, {
      dateStyle: 'short',
      timeStyle: 'short',
      timeZone: 'Europe/Amsterdam',
    }).format(new Date(iso));
  const staff = new Map(data.staff.map((person) => [person.id, person.name]));
  const known = (key: string) => t(key) !== key;
  const valueText = (key: string, value: unknown): string => {
    if (value === null || value === undefined || value === '') return '';
    if (key.endsWith('UserId') && typeof value === 'string') return staff.get(value) ?? '';
    if (typeof value === 'boolean') return t(value ? 'subjectAccess.pdf.yes' : 'subjectAccess.pdf.no');
    if (Array.isArray(value))
      return value
        .map((item) => (typeof item === 'object' ? objectText(item) : valueText(key, item)))
        .join('\n');
    if (typeof value === 'object') return objectText(value as ExportRecord);
    const text = String(value);
    if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return date(text);
    if (/^\d{4}-\d{2}-\d{2}T/.test(text)) return dateTime(text);
    const valueKey = `subjectAccess.pdf.values.${text}`;
    return /^[a-z_]+$/.test(text) && known(valueKey) ? t(valueKey) : text;
  };
  const objectText = (value: ExportRecord) =>
    Object.entries(value)
      .filter(([, item]) => item !== null && item !== '')
      .map(
        ([key, item]) =>
          `${known(`subjectAccess.pdf.fields.${key}`) ? t(`subjectAccess.pdf.fields.${key}`) : key}: ${valueText(key, item)}`,
      )
      .join('; ');
  const heading = (text: string, style = 'heading') => ({ text, style });
  const paragraph = (text: string) => ({ text, margin: [0, 0, 0, 8] });
  const none = { text: t('subjectAccess.pdf.none'), italics: true, margin: [0, 0, 0, 8] };
  const fields = (record: ExportRecord, keys: readonly string[]) => {
    const rows = keys
      .map((key) => [key, valueText(key, record[key])] as const)
      .filter(([, value]) => value !== '')
      .map(([key, value]) => [{ text: t(`subjectAccess.pdf.fields.${key}`), style: 'label' }, value]);
    return rows.length === 0
      ? none
      : { table: { widths: [160, '*'], body: rows }, layout: 'lightHorizontalLines', margin: [0, 0, 0, 8] };
  };
  const table = (headers: string[], rows: string[][]) =>
    rows.length === 0
      ? none
      : {
          table: {
            headerRows: 1,
            widths: headers.map(() => '*'),
            body: [
              headers.map((header) => ({ text: t(`subjectAccess.pdf.columns.${header}`), style: 'label' })),
              ...rows,
            ],
          },
          layout: 'lightHorizontalLines',
          margin: [0, 0, 0, 8],
        };
  const readersTable = (readers: FileReader[]) =>
    table(
      ['date', 'reader'],
      readers.map((reader) => [date(reader.on), t(`subjectAccess.readers.${reader.kind}`)]),
    );
  const text = (value: unknown) => valueText('', value) || '—';

  const { pupil, subjectRequest } = data;
  const params = {
    name: subjectRequest.requesterName,
    pupil: pupil.name,
    birthDate: date(pupil.birthDate),
    receivedOn: date(subjectRequest.receivedOn),
    partnership: data.partnershipName,
  };
  const letter = letterOf(subjectRequest.requesterRelation);
  const content: unknown[] = [
    heading(t(`${letter}.title`), 'title'),
    paragraph(date(data.generatedAt)),
    paragraph(t('subjectAccess.letter.salutation', params)),
    ...['intro', 'contents', 'attachments', 'rights', 'questions'].map((part) =>
      paragraph(t(`${letter}.${part}`, params)),
    ),
    paragraph(t('subjectAccess.letter.closing', params)),
    { text: data.partnershipName, pageBreak: 'after' },

    heading(t('subjectAccess.pdf.overview'), 'title'),
    {
      table: {
        widths: [160, '*'],
        body: [
          [{ text: t('subjectAccess.pdf.fields.pupilName'), style: 'label' }, pupil.name],
          [{ text: t('subjectAccess.pdf.fields.birthDate'), style: 'label' }, date(pupil.birthDate)],
          [{ text: t('subjectAccess.pdf.fields.school'), style: 'label' }, pupil.school],
          [
            { text: t('subjectAccess.pdf.requestCount'), style: 'label' },
            String(data.supportRequests.length),
          ],
          [
            { text: t('subjectAccess.pdf.trajectoryCount'), style: 'label' },
            String(data.trajectories.length),
          ],
          [{ text: t('subjectAccess.pdf.fileCount'), style: 'label' }, String(data.files.length)],
        ],
      },
      layout: 'lightHorizontalLines',
      margin: [0, 0, 0, 8],
    },
  ];
  if (data.supportRequests.length === 0 && data.trajectories.length === 0)
    content.push(paragraph(t('subjectAccess.pdf.nothingHeld')));

  for (const entry of data.supportRequests) {
    const reference = String(entry.request.reference ?? '');
    const personName = (personId: unknown) =>
      String(entry.people.find((person) => person.id === personId)?.name ?? '—');
    content.push(
      heading(t('subjectAccess.pdf.requestTitle', { reference }), 'section'),
      fields({ ...entry.request, school: entry.school }, ['school', ...shownFields.request]),
      heading(t('subjectAccess.pdf.expertise')),
      entry.expertise.length === 0 ? none : paragraph(entry.expertise.join(', ')),
      heading(t('subjectAccess.pdf.people')),
      ...entry.people.map((person) => fields(person, shownFields.person)),
      heading(t('subjectAccess.pdf.consents')),
      table(
        ['person', 'decision', 'method', 'decidedOn', 'recordedAt', 'recordedBy'],
        entry.consentRecords.map((record) => [
          record.signedBy
            ? `${personName(record.personId)} (${record.signedBy})`
            : personName(record.personId),
          text(record.decision),
          text(record.method),
          text(record.decidedOn),
          text(record.recordedAt),
          record.recordedByUserId
            ? text(staff.get(String(record.recordedByUserId)))
            : t('subjectAccess.pdf.byLink'),
        ]),
      ),
      heading(t('subjectAccess.pdf.consentLinks')),
      table(
        ['person', 'sentAt', 'answeredAt', 'revokedAt'],
        entry.consentLinks.map((link) => [
          personName(link.personId),
          text(link.createdAt),
          text(link.answeredAt),
          text(link.revokedAt),
        ]),
      ),
      heading(t('subjectAccess.pdf.messages')),
      table(
        ['date', 'kind', 'author', 'text'],
        entry.messages.map((message) => [
          text(message.createdAt),
          text(message.kind),
          text(staff.get(String(message.authorUserId))),
          String(message.body ?? ''),
        ]),
      ),
      heading(t('subjectAccess.pdf.files')),
      table(
        ['fileName', 'kind', 'date', 'path'],
        entry.files.map((file) => [
          String(file.fileName ?? ''),
          text(file.kind),
          text(file.uploadedAt),
          String(file.path ?? ''),
        ]),
      ),
      heading(t('subjectAccess.pdf.timeline')),
      table(
        ['date', 'change', 'author', 'text'],
        entry.timeline.map((event) => [
          text(event.at),
          `${event.fromStatus ? text(event.fromStatus) : '—'} → ${text(event.toStatus)}`,
          event.actorUserId ? text(staff.get(String(event.actorUserId))) : t('subjectAccess.pdf.system'),
          text(event.reason),
        ]),
      ),
      heading(t('subjectAccess.pdf.readers')),
      readersTable(entry.readers),
    );
  }

  for (const [index, entry] of data.trajectories.entries()) {
    content.push(
      heading(t('subjectAccess.pdf.trajectoryTitle', { number: index + 1, school: entry.school }), 'section'),
      fields({ ...entry.trajectory, school: entry.school }, ['school', ...shownFields.trajectory]),
      heading(t('subjectAccess.pdf.oppVersions')),
      ...(entry.oppVersions.length === 0
        ? [none]
        : entry.oppVersions.map((version) => fields(version, shownFields.oppVersion))),
      heading(t('subjectAccess.pdf.oppEvaluations')),
      ...(entry.oppEvaluations.length === 0
        ? [none]
        : entry.oppEvaluations.map((evaluation) => fields(evaluation, shownFields.oppEvaluation))),
      heading(t('subjectAccess.pdf.attendance')),
      table(
        ['checkedInAt', 'checkedOutAt', 'reason', 'note'],
        entry.attendanceVisits.map((visit) => [
          text(visit.checkedInAt),
          text(visit.checkedOutAt),
          text(visit.reason),
          text(visit.note),
        ]),
      ),
      table(
        ['weekday', 'startsAt', 'endsAt', 'reason'],
        entry.attendanceExpectations.map((expectation) => [
          t(`subjectAccess.pdf.weekdays.${expectation.weekday}`),
          String(expectation.startsAt ?? ''),
          String(expectation.endsAt ?? ''),
          text(expectation.reason),
        ]),
      ),
      heading(t('subjectAccess.pdf.homework')),
      table(
        ['dueOn', 'subject', 'kind', 'text'],
        entry.homeworkItems.map((item) => [
          text(item.dueOn),
          text(item.subject),
          text(item.kind),
          text(item.description),
        ]),
      ),
      table(
        ['plannedOn', 'text', 'result', 'note'],
        entry.homeworkSessions.map((session) => [
          text(session.plannedOn),
          text(session.plannedWork),
          text(session.result),
          text(session.note),
        ]),
      ),
      heading(t('subjectAccess.pdf.contacts')),
      ...(entry.contacts.length === 0
        ? [none]
        : entry.contacts.map((contact) => fields(contact, shownFields.contact))),
      heading(t('subjectAccess.pdf.referrals')),
      ...(entry.referrals.length === 0
        ? [none]
        : entry.referrals.map((referral) => fields(referral, shownFields.referral))),
      heading(t('subjectAccess.pdf.oppLinks')),
      table(
        ['sentAt', 'expiresAt', 'revokedAt', 'lastOpenedAt'],
        entry.oppParentLinks.map((link) => [
          text(link.createdAt),
          text(link.expiresAt),
          text(link.revokedAt),
          text(link.lastOpenedAt),
        ]),
      ),
      heading(t('subjectAccess.pdf.readers')),
      readersTable(entry.readers),
    );
  }

  return pagedPdf({
    info: {
      title: t(`${letterOf(data.subjectRequest.requesterRelation)}.title`),
      subject: t('subjectAccess.pdf.confidential'),
    },
    header: { text: t('subjectAccess.pdf.confidential'), confidential: true },
    partnershipName: data.partnershipName,
    generated: t('subjectAccess.pdf.generated', { date: dateTime(data.generatedAt) }),
    page: (page, pages) => t('subjectAccess.pdf.page', { page, pages }),
    lineHeight: 1.25,
    styles: {
      title: { fontSize: 16, bold: true, margin: [0, 0, 0, 12] },
      section: { fontSize: 14, bold: true, margin: [0, 18, 0, 8], color: '#005a5b' },
      heading: { fontSize: 11, bold: true, margin: [0, 10, 0, 4], color: '#005a5b' },
    },
    content,
  });
}
