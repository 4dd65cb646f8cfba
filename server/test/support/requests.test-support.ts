import type { RequestDetail } from '../../../contracts/requests.ts';
import { addDays, todayInAmsterdam } from '../../../contracts/school-year.ts';
import { schoolTeamAssignments } from '../../modules/team/team.schema.ts';
import { tokenFromMail } from '../auth-helpers.ts';
import type { Harness, TestClient } from '../harness.ts';
import type { startSmtpServer } from '../smtp.ts';

/** A date of birth that makes a pupil `years` old today, `daysPastBirthday` days after their birthday. */
export function bornYearsAgo(years: number, daysPastBirthday = 10): string {
  const today = todayInAmsterdam();
  const [year, month, day] = today.split('-') as [string, string, string];
  const birthday = `${Number(year) - years}-${month}-${month === '02' && day === '29' ? '28' : day}`;
  return addDays(birthday, -daysPastBirthday);
}

/**
 * A partnership with two primary schools (a, c) and a secondary one (b); an IB and a director at a,
 * an IB at c, the coordinator, the functional admin, and school a's fixed pair: a behavioural
 * scientist (contact person) and an inclusion adviser; plus a third team member without schools.
 */
export async function createRequestsWorld(harness: Harness) {
  const { tenantId, locationIds } = await harness.createTenant(['a', 'b', 'c']);
  const user = async (role: Parameters<Harness['createUser']>[1][number]) => {
    const created = await harness.createUser(tenantId, [role]);
    return { ...created, client: await harness.signedIn(created) };
  };
  const ib = await user({ role: 'internal_coordinator', locationId: locationIds.a });
  const director = await user({ role: 'director', locationId: locationIds.a });
  const otherIb = await user({ role: 'internal_coordinator', locationId: locationIds.c });
  const coordinator = await user({ role: 'coordinator' });
  const admin = await user({ role: 'functional_admin' });
  const contact = await user({ role: 'team_member', teamRole: 'behavioural_scientist' });
  const adviser = await user({ role: 'team_member', teamRole: 'inclusion_adviser' });
  const outsider = await user({ role: 'team_member', teamRole: 'inclusion_adviser' });
  await harness.database.withTenant(tenantId, ({ db }) =>
    db.insert(schoolTeamAssignments).values([
      {
        tenantId,
        locationId: locationIds.a ?? '',
        userId: contact.userId,
        teamRole: 'behavioural_scientist',
        isContact: true,
        validFrom: '2020-08-01',
      },
      {
        tenantId,
        locationId: locationIds.a ?? '',
        userId: adviser.userId,
        teamRole: 'inclusion_adviser',
        isContact: false,
        validFrom: '2020-08-01',
      },
    ]),
  );
  return {
    tenantId,
    locationIds: locationIds as { a: string; b: string; c: string },
    ib,
    director,
    otherIb,
    coordinator,
    admin,
    contact,
    adviser,
    outsider,
  };
}

export type RequestsWorld = Awaited<ReturnType<typeof createRequestsWorld>>;

/** A complete pupil-level form for school a. */
export function pupilRequestForm(
  locationId: string,
  options: { pupilBirthDate?: string; pupilEmail?: string | null; parentEmails?: Array<string | null> } = {},
) {
  const parentEmails = options.parentEmails ?? [`ouder1.${crypto.randomUUID().slice(0, 8)}@thuis.test`];
  return {
    locationId,
    idempotencyKey: crypto.randomUUID(),
    type: 'pupil_advice',
    question: 'Hoe kunnen we Daan helpen bij het plannen van zijn werk?',
    triedInBasicSupport: 'Dagplanning op tafel en korte instructie aan de instructietafel.',
    hopedOutcome: 'Handelingsadviezen voor de leerkracht.',
    groupName: 'groep 7',
    asksDirectPupilSupport: false,
    expertiseTagIds: [],
    pupil: {
      name: 'Daan de Vries',
      birthDate: options.pupilBirthDate ?? bornYearsAgo(10),
      group: 'groep 7',
      email: options.pupilEmail ?? null,
    },
    parents: parentEmails.map((email, index) => ({
      name: index === 0 ? 'Sanne de Vries' : 'Mark de Vries',
      email,
      phone: '06 12345678',
      hasAuthority: true,
    })),
  };
}

/** Parses a JSON answer as a request detail. */
export function detailOf(response: { body: string }): RequestDetail {
  return JSON.parse(response.body) as RequestDetail;
}

/** Creates and submits a request as the client; returns the detail after submit. */
export async function fileRequest(client: TestClient, form: object): Promise<RequestDetail> {
  const created = await client.post('/api/requests', form);
  if (created.statusCode !== 201) throw new Error(`create failed: ${created.body}`);
  const submitted = await client.post(`/api/requests/${detailOf(created).id}/submit`);
  if (submitted.statusCode !== 200) throw new Error(`submit failed: ${submitted.body}`);
  return detailOf(submitted);
}

export const scannedForm = {
  fileName: 'toestemming.pdf',
  content: '%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n',
  contentType: 'application/pdf',
};

/**
 * Files a pupil-level request at school a whose one parent (without e-mail) then consents on paper
 * today, with the scanned form: the request is ready and assigned to school a's contact person.
 */
export async function fileRequestWithPaperConsent(
  world: RequestsWorld,
  options: { pupilBirthDate?: string; pupilName?: string } = {},
): Promise<RequestDetail> {
  const form = pupilRequestForm(world.locationIds.a, { parentEmails: [null], ...options });
  if (options.pupilName) form.pupil.name = options.pupilName;
  const filed = await fileRequest(world.ib.client, form);
  const recorded = await world.ib.client.upload(
    `/api/requests/${filed.id}/consents/paper`,
    {
      personId: filed.parents[0]?.id ?? '',
      decision: 'given',
      signedOn: todayInAmsterdam(),
      signedBy: 'Sanne de Vries',
    },
    scannedForm,
  );
  if (recorded.statusCode !== 200) throw new Error(`paper consent failed: ${recorded.body}`);
  return detailOf(recorded);
}

/** The consent token in the nth mail (1 = the first) to an address, waiting for it to arrive. */
export async function consentTokenFor(
  smtp: Awaited<ReturnType<typeof startSmtpServer>>,
  email: string,
  nth = 1,
): Promise<string> {
  // A bound, not a measure: a busy machine may take long to hand the mail over.
  const deadline = Date.now() + 60_000;
  for (;;) {
    const mails = smtp.received.filter((mail) => JSON.stringify(mail.to).includes(email));
    if (mails.length >= nth) return tokenFromMail(mails[nth - 1]?.text, '/toestemming');
    if (Date.now() > deadline) throw new Error(`no mail ${nth} to ${email}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
