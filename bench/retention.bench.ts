/**
 * `tsx bench/retention.bench.ts`: the nightly retention job (issue 15, P4) over one partnership of ~100
 * primary schools with BENCH_REQUESTS (default 20,000) closed support requests, each a whole file: the
 * pupil and one or two parents, a consent record (on paper with its scanned form, or digital through its
 * link), one or two messages, a file of 2–6 KB, five timeline rows and one or two expertise tags. Closed
 * 21 to 36 months ago, so four in five are past the standard 24 months. Besides: BENCH_AUDIT_EVENTS
 * (default twice the requests) audit events over seven years and a quarter as many sent or kept mails
 * over 120 days. Inserts set-based as the owner, sets the clock to today, then times one full
 * `runRetention` and a second one (nothing left: the cost of finding nothing), with every transaction
 * of the job timed through a wrapper around the kernel. Checks afterwards that what was due is gone,
 * what was not is still there and the request figures add up to the requests deleted; exits non-zero if
 * not. PGlite in memory, then the PostgreSQL server (see bench/databases.ts).
 */
import { sql } from 'drizzle-orm';
import { type RetentionKind, retentionKinds, retentionRules } from '../contracts/retention.ts';
import { todayInAmsterdam } from '../contracts/school-year.ts';
import { type RetentionRunResult, runRetention } from '../server/modules/retention/retention.job.ts';
import type { Kernel } from '../server/platform/kernel/kernel.ts';
import { createHarness, type Harness } from '../server/test/harness.ts';
import { measureOnEachDatabase } from './databases.ts';

const requestCount = Number(process.env.BENCH_REQUESTS ?? 20_000);
const auditEventCount = Number(process.env.BENCH_AUDIT_EVENTS ?? requestCount * 2);
const mailCount = Math.round(requestCount / 4);

/** One transaction of the job: how long it took and, when it deleted something, what and how much. */
type Transaction = { milliseconds: number; kind: RetentionKind | null; count: number };

/** The kernel as `runRetention` sees it, timing every transaction and noting what each deleted. */
function timedKernel(
  kernel: Kernel,
  transactions: Transaction[],
): Pick<Kernel, 'partnershipIds' | 'runAsSystem'> {
  return {
    partnershipIds: () => kernel.partnershipIds(),
    runAsSystem: async (tenantId, job, work) => {
      const transaction: Transaction = { milliseconds: 0, kind: null, count: 0 };
      const started = performance.now();
      try {
        return await kernel.runAsSystem(tenantId, job, (context) =>
          work({
            ...context,
            audit: (event, object, details) => {
              if (event === 'retention.deleted' && details) {
                transaction.kind = details.kind as RetentionKind;
                transaction.count = Number(details.count);
              }
              return context.audit(event, object, details);
            },
          }),
        );
      } finally {
        transaction.milliseconds = performance.now() - started;
        transactions.push(transaction);
      }
    },
  };
}

type Result = {
  setupSeconds: number;
  due: number;
  deleted: RetentionRunResult;
  seconds: number;
  batches: Record<RetentionKind, number>;
  /** Seconds spent in the transactions that deleted each kind. */
  secondsByKind: Record<RetentionKind, number>;
  requestBatches: { median: number; p95: number; count: number };
  transactions: number;
  secondRun: { milliseconds: number; deleted: number; transactions: number };
  figures: number;
  problems: string[];
};

async function measure(): Promise<Result> {
  const harness = await createHarness();
  try {
    const today = todayInAmsterdam();
    harness.clock.set(today);
    const setupStarted = performance.now();
    const world = await seed(harness);
    const setupSeconds = (performance.now() - setupStarted) / 1000;
    const before = await census(harness, world.tenantId, today);

    const transactions: Transaction[] = [];
    const started = performance.now();
    const deleted = await runRetention(timedKernel(harness.services.kernel, transactions));
    const seconds = (performance.now() - started) / 1000;

    const secondTransactions: Transaction[] = [];
    const secondStarted = performance.now();
    const second = await runRetention(timedKernel(harness.services.kernel, secondTransactions));
    const secondMilliseconds = performance.now() - secondStarted;

    const after = await census(harness, world.tenantId, today);
    const [log] = await harness.database.queryAsOwner<Record<RetentionKind, number> & { logged: number }>(sql`
      select ${sql.join(
        retentionKinds.map(
          (kind) => sql`(count(*) filter (where kind = ${kind}))::int as ${sql.identifier(kind)}`,
        ),
        sql`, `,
      )}, coalesce(sum(count) filter (where kind = 'request_file'), 0)::int as logged
      from deletion_log where tenant_id = ${world.tenantId}::uuid`);
    const [figures] = await harness.database.queryAsOwner<{ total: number }>(
      sql`select coalesce(sum(count), 0)::int as total from request_figures where tenant_id = ${world.tenantId}::uuid`,
    );
    if (!log || !figures) throw new Error('no deletion log or figures');

    const problems: string[] = [];
    const expect = (what: string, actual: number, expected: number) => {
      if (actual !== expected) problems.push(`${what}: ${actual}, expected ${expected}`);
    };
    expect('requests deleted', deleted.request_file, before.dueRequests);
    expect('requests left', after.requests, before.requests - before.dueRequests);
    expect('due requests left', after.dueRequests, 0);
    for (const table of childTables) expect(`${table} left`, after.rows[table], before.keptRows[table]);
    expect('audit events deleted', deleted.audit_event, before.dueAuditEvents);
    expect('due audit events left', after.dueAuditEvents, 0);
    expect('seeded audit events left', after.auditEvents, before.auditEvents - before.dueAuditEvents);
    expect('due mails left', after.dueMails, 0);
    expect('mails left', after.mails, before.mails - before.dueMails);
    expect('drafts and trajectories deleted', deleted.draft + deleted.trajectory, 0);
    expect('request figures', figures.total, deleted.request_file);
    expect('requests in the deletion log', log.logged, deleted.request_file);
    const secondDeleted = retentionKinds.reduce((total, kind) => total + second[kind], 0);
    expect('deleted by the second run', secondDeleted, 0);
    const batchTimes = transactions
      .filter((transaction) => transaction.kind === 'request_file')
      .map((transaction) => transaction.milliseconds)
      .sort((left, right) => left - right);
    expect('request batches timed', batchTimes.length, log.request_file);

    const at = (share: number) =>
      batchTimes[Math.min(batchTimes.length - 1, Math.floor(share * batchTimes.length))] ?? 0;
    return {
      setupSeconds,
      due: before.dueRequests,
      deleted,
      seconds,
      batches: Object.fromEntries(retentionKinds.map((kind) => [kind, log[kind]])) as Record<
        RetentionKind,
        number
      >,
      secondsByKind: Object.fromEntries(
        retentionKinds.map((kind) => [
          kind,
          transactions
            .filter((transaction) => transaction.kind === kind)
            .reduce((total, transaction) => total + transaction.milliseconds / 1000, 0),
        ]),
      ) as Record<RetentionKind, number>,
      requestBatches: { median: at(0.5), p95: at(0.95), count: batchTimes.length },
      transactions: transactions.length,
      secondRun: {
        milliseconds: secondMilliseconds,
        deleted: secondDeleted,
        transactions: secondTransactions.length,
      },
      figures: figures.total,
      problems,
    };
  } finally {
    await harness.close();
  }
}

/** The tables of a request's file that go with it by cascade. */
const childTables = [
  'request_people',
  'consent_links',
  'consent_records',
  'request_messages',
  'request_attachments',
  'request_events',
  'support_request_tags',
] as const;
type ChildTable = (typeof childTables)[number];

/** The audit events the bench seeds (the job's own `retention.deleted` events are not among them). */
const seededAuditEvents = [
  'requests.viewed',
  'requests.updated',
  'auth.signed_in',
  'requests.message_posted',
];

/**
 * What is there, and what the standard periods make due on `today`, worked out here in SQL of its own
 * rather than by the job's definitions: a request closed before the Amsterdam midnight that ends the day
 * 24 months ago, an audit event older than five years by the database's clock (and that day 60 months
 * ago), a mail sent or kept before the midnight that ends the day 30 days ago.
 */
async function census(harness: Harness, tenantId: string, today: string) {
  const endOfDayAgo = (interval: string) =>
    sql`((${today}::date - ${interval}::interval)::date + 1)::timestamp at time zone 'Europe/Amsterdam'`;
  const requestsUntil = endOfDayAgo(`${retentionRules.request_file.standard} months`);
  const auditUntil = sql`least(${endOfDayAgo(`${retentionRules.audit_event.standard} months`)}, now() - interval '5 years')`;
  const mailsUntil = endOfDayAgo(`${retentionRules.mail_and_link.standard} days`);
  const tenant = sql`${tenantId}::uuid`;
  const [row] = await harness.database.queryAsOwner<Record<string, number>>(sql`
    select
      (select count(*) from support_requests where tenant_id = ${tenant})::int as requests,
      (select count(*) from support_requests where tenant_id = ${tenant} and status = 'closed'
        and closed_at < ${requestsUntil})::int as due_requests,
      ${sql.join(
        childTables.map(
          (table) => sql`(select count(*) from ${sql.identifier(table)} where tenant_id = ${tenant})::int
            as ${sql.identifier(`rows_${table}`)},
            (select count(*) from ${sql.identifier(table)} c join support_requests r on r.id = c.request_id
              where c.tenant_id = ${tenant} and not (r.status = 'closed' and r.closed_at < ${requestsUntil}))::int
            as ${sql.identifier(`kept_${table}`)}`,
        ),
        sql`, `,
      )},
      (select count(*) from audit_events where tenant_id = ${tenant}
        and event in (${sql.join(
          seededAuditEvents.map((event) => sql`${event}`),
          sql`, `,
        )}))::int as audit_events,
      (select count(*) from audit_events where tenant_id = ${tenant} and occurred_at < ${auditUntil})::int
        as due_audit_events,
      (select count(*) from outbox_mails where tenant_id = ${tenant})::int as mails,
      (select count(*) from outbox_mails where tenant_id = ${tenant}
        and ((status = 'sent' and sent_at < ${mailsUntil}) or (status = 'kept' and created_at < ${mailsUntil})))::int
        as due_mails`);
  if (!row) throw new Error('no census');
  const of = (key: string) => Number(row[key]);
  return {
    requests: of('requests'),
    dueRequests: of('due_requests'),
    rows: Object.fromEntries(childTables.map((table) => [table, of(`rows_${table}`)])) as Record<
      ChildTable,
      number
    >,
    keptRows: Object.fromEntries(childTables.map((table) => [table, of(`kept_${table}`)])) as Record<
      ChildTable,
      number
    >,
    auditEvents: of('audit_events'),
    dueAuditEvents: of('due_audit_events'),
    mails: of('mails'),
    dueMails: of('due_mails'),
  };
}

/** The partnership with its schools, staff, files, audit trail and outbox, inserted set-based as the owner. */
async function seed(harness: Harness) {
  const { tenantId } = await harness.createTenant([]);
  const owner = <T>(query: ReturnType<typeof sql>) => harness.database.queryAsOwner<T>(query);
  const tenant = sql`${tenantId}::uuid`;
  const [school] = await owner<{ id: string }>(sql`
    insert into locations (tenant_id, brin, location_code, name, sector, place)
    select ${tenant}, '99ZZ', lpad(n::text, 2, '0'), 'Basisschool ' || n, 'bo', 'Ede'
    from generate_series(0, 99) as n
    returning id`);
  const ib = await harness.createUser(tenantId, [{ role: 'internal_coordinator', locationId: school?.id }]);
  const contact = await harness.createUser(tenantId, [
    { role: 'team_member', teamRole: 'behavioural_scientist' },
  ]);
  const adviser = await harness.createUser(tenantId, [
    { role: 'team_member', teamRole: 'inclusion_adviser' },
  ]);
  const ibId = sql`${ib.userId}::uuid`;
  const contactId = sql`${contact.userId}::uuid`;
  const adviserId = sql`${adviser.userId}::uuid`;
  // The request's number n, from its reference HV-<school year>-<n>.
  const n = sql`split_part(r.reference, '-', 3)::int`;

  await owner(sql`
    insert into expertise_tags (tenant_id, name)
    select ${tenant}, 'Expertise ' || n from generate_series(1, 12) as n`);
  // Closed 21 to 36 months ago (a prime stride spreads them), submitted 20 to 170 days before.
  await owner(sql`
    with schools as (
      select id, row_number() over (order by id) - 1 as position, count(*) over () as total
      from locations where tenant_id = ${tenant}
    ),
    closing as (
      select n, now() - make_interval(days => 640 + (n * 7919) % 456, mins => n % 600) as closed_at
      from generate_series(1, ${requestCount}) as n
    ),
    dated as (
      select n, closed_at, closed_at - make_interval(days => 20 + n % 150) as submitted_at,
        extract(year from closed_at - make_interval(days => 20 + n % 150))::int
          - case when extract(month from closed_at - make_interval(days => 20 + n % 150)) < 8 then 1 else 0 end
          as school_year
      from closing
    )
    insert into support_requests (tenant_id, location_id, reference, school_year, idempotency_key, status,
      consent_status, consent_fixed_on, type, question, tried_in_basic_support, hoped_outcome, teacher_name,
      group_name, asks_direct_pupil_support, pupil_group, assigned_user_id, created_by_user_id, outcome,
      submitted_at, closed_at, created_at, updated_at)
    select ${tenant}, s.id, 'HV-' || d.school_year || '-' || lpad(d.n::text, 5, '0'), d.school_year,
      gen_random_uuid(), 'closed', 'complete', (d.submitted_at + interval '2 days')::date,
      (array['pupil_advice', 'pupil_advice', 'teacher_coaching_pupil', 'process_guidance'])[1 + d.n % 4],
      'Hoe kunnen we deze leerling helpen bij het plannen van het werk en het omgaan met prikkels in de klas?',
      'Dagplanning op tafel, korte instructie aan de instructietafel en een vaste werkplek.',
      'Handelingsadviezen voor de leerkracht en afspraken met ouders.',
      'Juf Marieke', 'groep ' || (3 + d.n % 6), false, 'groep ' || (3 + d.n % 6),
      case when d.n % 2 = 0 then ${contactId} else ${adviserId} end, ${ibId},
      'Adviezen gegeven; de school gaat verder met het plan en evalueert na zes weken.',
      d.submitted_at, d.closed_at, d.submitted_at - interval '2 days', d.closed_at
    from dated d join schools s on s.position = d.n % s.total`);
  // The pupil, one parent, and for two in three a second parent.
  await owner(sql`
    insert into request_people (tenant_id, request_id, kind, name, email, phone, has_authority, birth_date, position)
    select r.tenant_id, r.id, case when p = 0 then 'pupil' else 'parent' end,
      case p when 0 then 'Leerling ' || r.reference when 1 then 'Ouder A ' || r.reference
        else 'Ouder B ' || r.reference end,
      case when p > 0 then 'ouder' || p || '.' || lower(r.reference) || '@thuis.test' end,
      case when p > 0 then '06 12345678' end, case when p > 0 then true end,
      case when p = 0 then date '2012-09-01' + ${n} % 2500 end, p
    from support_requests r cross join generate_series(0, 2) as p
    where r.tenant_id = ${tenant} and (p < 2 or ${n} % 3 <> 0)`);
  // Odd requests: the first parent consented digitally, through a link now answered and expired.
  await owner(sql`
    insert into consent_links (tenant_id, request_id, person_id, token_hash, expires_at, answered_at,
      sent_by_user_id, created_at)
    select r.tenant_id, r.id, p.id, md5(p.id::text), r.submitted_at + interval '14 days',
      r.submitted_at + interval '2 days', ${ibId}, r.submitted_at
    from support_requests r join request_people p on p.request_id = r.id and p.position = 1
    where r.tenant_id = ${tenant} and ${n} % 2 = 1`);
  // A message from the school; for even requests also a note of the team.
  await owner(sql`
    insert into request_messages (tenant_id, request_id, kind, body, author_user_id, created_at)
    select r.tenant_id, r.id, case when m = 1 then 'message' else 'note' end,
      case when m = 1 then repeat('Verslag van het gesprek met de ouders en de leerkracht. ', 8)
        else repeat('Observatie in de klas: werkhouding wisselend, instructie kort herhalen. ', 4) end,
      case when m = 1 then ${ibId} else ${contactId} end, r.submitted_at + make_interval(days => 3 * m)
    from support_requests r cross join generate_series(1, 2) as m
    where r.tenant_id = ${tenant} and (m = 1 or ${n} % 2 = 0)`);
  // One file of 2–6 KB each, incompressible like a PDF or a scan (64 random contents): for even requests
  // the signed paper consent form, for odd ones a report with the school's message.
  await owner(sql`
    with contents as (
      select i, decode(string_agg(md5(i || '-' || j || '-' || random()), '' order by j), 'hex') as content
      from generate_series(0, 63) as i cross join generate_series(1, 128 + 4 * i) as j
      group by i
    )
    insert into request_attachments (tenant_id, request_id, message_id, kind, file_name, media_type, size,
      content, uploaded_by_user_id, uploaded_at)
    select r.tenant_id, r.id, case when ${n} % 2 = 1 then m.id end,
      case when ${n} % 2 = 0 then 'consent_form' else 'attachment' end,
      case when ${n} % 2 = 0 then 'toestemming.pdf' else 'verslag.pdf' end, 'application/pdf',
      octet_length(c.content), c.content, ${ibId}, r.submitted_at + interval '3 days'
    from support_requests r
    join contents c on c.i = ${n} % 64
    left join request_messages m on m.request_id = r.id and m.kind = 'message'
    where r.tenant_id = ${tenant}`);
  await owner(sql`
    insert into consent_records (tenant_id, request_id, person_id, decision, method, decided_on, recorded_at,
      recorded_by_user_id, text_version, signed_by, attachment_id, link_id)
    select r.tenant_id, r.id, p.id, 'given', case when l.id is null then 'paper' else 'digital' end,
      (r.submitted_at + interval '2 days')::date, r.submitted_at + interval '2 days',
      case when l.id is null then ${ibId} end, case when l.id is not null then 'ouder-2026-12' end,
      case when l.id is null then p.name end, a.id, l.id
    from support_requests r
    join request_people p on p.request_id = r.id and p.position = 1
    left join request_attachments a on a.request_id = r.id and a.kind = 'consent_form'
    left join consent_links l on l.request_id = r.id
    where r.tenant_id = ${tenant}`);
  await owner(sql`
    insert into request_events (tenant_id, request_id, transition, from_status, to_status, actor_user_id, at)
    select r.tenant_id, r.id, e.transition, e.from_status, e.to_status,
      case when e.step < 2 then ${ibId} else ${contactId} end,
      case when e.step = 4 then r.closed_at else r.submitted_at + make_interval(days => e.step) end
    from support_requests r cross join (values
      (0, 'submit', null, 'submitted'), (1, 'mark_ready', 'submitted', 'ready'),
      (2, 'assign', 'ready', 'assigned'), (3, 'start', 'assigned', 'in_progress'),
      (4, 'close', 'in_progress', 'closed')) as e(step, transition, from_status, to_status)
    where r.tenant_id = ${tenant}`);
  await owner(sql`
    with tags as (
      select id, row_number() over (order by id) - 1 as position from expertise_tags where tenant_id = ${tenant}
    )
    insert into support_request_tags (tenant_id, request_id, tag_id)
    select r.tenant_id, r.id, t.id
    from support_requests r cross join generate_series(0, 1) as k
    join tags t on t.position = (${n} + 5 * k) % 12
    where r.tenant_id = ${tenant} and (k = 0 or ${n} % 2 = 0)`);
  // Audit events over the last seven years, whole days apart from now (so none turns five years old
  // while the bench runs); mails sent or kept over the last 120 days.
  await owner(sql`
    insert into audit_events (tenant_id, occurred_at, event, actor_user_id, actor_roles, object_type,
      object_id, ip)
    select ${tenant}, now() - make_interval(days => (n * 7919) % 2557),
      (array[${sql.join(
        seededAuditEvents.map((event) => sql`${event}`),
        sql`, `,
      )}])[1 + n % 4],
      ${ibId}, '{coordinator}', 'support_request', gen_random_uuid()::text, '192.0.2.' || (n % 250)
    from generate_series(1, ${auditEventCount}) as n`);
  await owner(sql`
    insert into outbox_mails (tenant_id, to_address, subject, text, created_at, status, attempts, sent_at)
    select ${tenant}, 'ouder' || n || '@thuis.test', 'Toestemming gevraagd voor een hulpvraag',
      repeat('Beste ouder, de school vraagt uw toestemming voor een hulpvraag aan het expertiseteam. ', 3),
      now() - make_interval(days => n % 120), case when n % 10 = 0 then 'kept' else 'sent' end,
      case when n % 10 = 0 then 0 else 1 end,
      case when n % 10 <> 0 then now() - make_interval(days => n % 120) + interval '1 minute' end
    from generate_series(1, ${mailCount}) as n`);
  await owner(sql`analyze`);
  return { tenantId };
}

const results = await measureOnEachDatabase(measure);
console.log(
  `\nRetention: ${requestCount} closed requests (21–36 months ago) in one partnership over 100 primary schools, ` +
    `${auditEventCount} audit events, ${mailCount} mails; Node ${process.version}\n`,
);
console.log(
  '| database | requests deleted | seconds | requests/s | batches | batch median ms | batch p95 ms | second run ms |',
);
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const { database, result } of results)
  console.log(
    `| ${database} | ${result.deleted.request_file} | ${result.seconds.toFixed(1)} | ` +
      `${Math.round(result.deleted.request_file / result.seconds)} | ${result.batches.request_file} | ` +
      `${result.requestBatches.median.toFixed(1)} | ${result.requestBatches.p95.toFixed(1)} | ` +
      `${result.secondRun.milliseconds.toFixed(0)} |`,
  );
console.log('');
for (const { database, result } of results) {
  console.log(
    `${database}: seeded in ${result.setupSeconds.toFixed(1)} s; ${result.transactions} transactions; ` +
      `deleted ${retentionKinds
        .map(
          (kind) =>
            `${kind} ${result.deleted[kind]} (${result.batches[kind]} batches, ${result.secondsByKind[kind].toFixed(1)} s)`,
        )
        .join(', ')}; ` +
      `second run ${result.secondRun.transactions} transactions, deleted ${result.secondRun.deleted}; ` +
      `request figures add up to ${result.figures} (deleted ${result.deleted.request_file}, due ${result.due}).`,
  );
  for (const problem of result.problems) console.error(`${database}: PROBLEM ${problem}`);
}
if (results.some(({ result }) => result.problems.length > 0)) process.exitCode = 1;
