// Who may see a ticket is written once (lib/auth/policy.ts) as branches that are both a Prisma
// `where` and a predicate. Here, on generated tickets, agents and follower rows, on both databases:
// the single-ticket check, the scope query, the queue pages and the counts all name the same tickets.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StaffActor } from "@/lib/auth/actor";
import { canSeeTicket, ticketScope, type TicketAccessFacts } from "@/lib/auth/policy";
import { updateAgent } from "@/lib/config/agents/service";
import { AppError } from "@/lib/server/errors";
import { addNote, assignTicket, changeStatus, replyToTicket, transferTicket } from "@/lib/tickets/agent-steps";
import { countInScope, queueCounts } from "@/lib/tickets/queue-counts";
import { queuePage } from "@/lib/tickets/queue-query";
import { openTicket } from "@/lib/tickets/requester-service";
import { staffWhoMaySee } from "@/lib/tickets/readers";
import { ticketWorkspace } from "@/lib/tickets/workspace-query";
import type { QueueParams } from "@/lib/tickets/schemas";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "./databases";
import { actorFor, department, helpTopic, staff, uid } from "./factories";

process.env.NEXTAUTH_SECRET ??= "test-secret-test-secret-test-secret-123";

/** A small seeded generator, so a failure names data that can be made again. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] };
}

async function allPages(db: TestDatabase["db"], actor: StaffActor, params: Omit<QueueParams, "after">): Promise<number[]> {
  const seen: number[] = [];
  let after: string | undefined;
  do {
    const page = await queuePage(db, actor, { ...params, after });
    seen.push(...page.rows.map((r) => r.id));
    after = page.next ?? undefined;
  } while (after);
  return seen;
}

const sorted = (ids: Iterable<number>) => [...ids].sort((a, b) => a - b);

describe.each(testDatabaseKinds())("one visibility definition on %s", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await t?.drop();
  });

  it("gives the same tickets through the predicate, the scope query, the queue pages and the counts, for every kind of agent", async () => {
    const rnd = random(kind === "sqlite" ? 9 : 10);
    const [a, b, c] = [await department(t.db), await department(t.db), await department(t.db)];
    const topics = [await helpTopic(t.db, a.id), await helpTopic(t.db, b.id), await helpTopic(t.db, c.id)];
    const admin = await staff(t.db, { admin: true });
    const inA = await staff(t.db, { departments: [a.id] });
    const inAB = await staff(t.db, { departments: [a.id, b.id] });
    const inB = await staff(t.db, { departments: [b.id] });
    const inCTeam = await staff(t.db, { departments: [c.id] });
    const noDeptTeam = await staff(t.db, {});
    const former = await staff(t.db, { departments: [a.id, c.id] });
    const team = await t.db.team.create({ data: { name: `Team ${uid()}`, members: { create: [{ staffId: inCTeam.id }, { staffId: noDeptTeam.id }, { staffId: inA.id }] } } });
    const agents = [inA, inAB, inB, inCTeam, noDeptTeam, former];
    const statuses = await t.db.ticketStatus.findMany();
    const openStatus = statuses.find((s) => s.kind === "OPEN")!;
    const closedStatus = statuses.find((s) => s.kind === "CLOSED")!;

    for (let i = 0; i < 36; i++) {
      const opened = await openTicket(t.db, { name: "Gen", email: `gen-${uid()}@example.com`, helpTopicId: rnd.pick(topics).id, subject: `Generated ${i}`, message: "x" });
      const isOpen = rnd.next() < 0.7;
      const ticket = await t.db.ticket.update({
        where: { number: opened.number },
        data: {
          assigneeId: rnd.pick([null, null, ...agents.map((s) => s.id)]),
          teamId: rnd.next() < 0.3 ? team.id : null,
          isOpen,
          statusId: isOpen ? openStatus.id : closedStatus.id,
        },
      });
      // Follower rows from every kind of past: through the ticket's own department, through one it
      // was transferred out of, through a department the agent never belonged to, or a deleted one.
      for (const follower of [admin, ...agents]) {
        if (rnd.next() < 0.35) await t.db.ticketWatcher.create({ data: { ticketId: ticket.id, staffId: follower.id, ticketIsOpen: isOpen, departmentId: rnd.pick([a.id, b.id, c.id, null]) } });
      }
    }
    // The former member leaves both departments through the admin screen's service.
    await updateAgent(t.db, await actorFor(t.db, admin.id), { id: former.id, name: former.name, email: former.email, username: former.username, access: [] });

    const tickets = await t.db.ticket.findMany({ select: { id: true, isOpen: true, departmentId: true, assigneeId: true, teamId: true, number: true, watchers: { select: { staffId: true, departmentId: true } } } });
    const reasons = new Set<string>();
    for (const who of [admin, ...agents]) {
      const actor = await actorFor(t.db, who.id);
      const predicate = tickets.filter((ticket) => canSeeTicket(actor, ticket as TicketAccessFacts));
      const visible = sorted(predicate.map((x) => x.id));
      const label = `${kind} staff ${who.id}`;

      const byScope = await t.db.ticket.findMany({ where: ticketScope(actor), select: { id: true } });
      expect(sorted(byScope.map((x) => x.id)), label).toEqual(visible);

      const queued = [...(await allPages(t.db, actor, { queue: "open", sort: "updated" })), ...(await allPages(t.db, actor, { queue: "closed", sort: "priority" }))];
      expect(sorted(queued), label).toEqual(visible);
      expect(new Set(queued).size, `${label}: no ticket twice`).toBe(queued.length);

      const followed = predicate.filter((x) => x.watchers.some((w) => w.staffId === actor.id));
      expect(sorted(await allPages(t.db, actor, { queue: "watching", sort: "due" })), label).toEqual(sorted(followed.map((x) => x.id)));

      const open = predicate.filter((x) => x.isOpen);
      const counts = await queueCounts(t.db, actor);
      expect(counts.open.value, label).toBe(open.length);
      expect(counts.watching.value, label).toBe(followed.length);
      expect(counts.unassigned.value, label).toBe(open.filter((x) => x.assigneeId === null && x.teamId === null).length);
      expect((await countInScope(t.db, actor, {})).value, label).toBe(predicate.length);
      expect((await countInScope(t.db, actor, { teamId: team.id })).value, label).toBe(predicate.filter((x) => x.teamId === team.id).length);

      // The single-ticket reads and the "who may hear about it" filter agree with the predicate too.
      for (const ticket of tickets.slice(0, 8)) {
        expect((await ticketWorkspace(t.db, actor, ticket.number)) !== null, `${label} ticket ${ticket.id}`).toBe(visible.includes(ticket.id));
        expect(await staffWhoMaySee(t.db, ticket.id, [actor.id]), `${label} ticket ${ticket.id}`).toEqual(visible.includes(ticket.id) ? [actor.id] : []);
      }
      for (const ticket of predicate) if (actor.isAdmin) reasons.add("admin");
      else {
        if (actor.departments.has(ticket.departmentId)) reasons.add("department");
        else if (ticket.assigneeId === actor.id) reasons.add("assignee");
        else reasons.add("follower");
      }
    }
    // The generated data covered every branch, and also the ways that no longer give access.
    expect([...reasons].sort()).toEqual(["admin", "assignee", "department", "follower"]);
    const formerActor = await actorFor(t.db, former.id);
    expect(tickets.some((x) => x.watchers.some((w) => w.staffId === former.id && (w.departmentId === a.id || w.departmentId === c.id)) && !canSeeTicket(formerActor, x as TicketAccessFacts))).toBe(true);
    const teamActor = await actorFor(t.db, noDeptTeam.id);
    expect(tickets.some((x) => x.teamId === team.id && !canSeeTicket(teamActor, x as TicketAccessFacts))).toBe(true);
  }, 180_000);

  it("gives follower rows from before this rule the department they could see the ticket through", async () => {
    // The migration's backfill, run again on rows as an older version left them (no department).
    const file = path.resolve(__dirname, "..", "prisma", ...(kind === "postgresql" ? ["postgres"] : []), "migrations", "20261202005500_access_follower_department", "migration.sql");
    const backfill = /UPDATE "TicketWatcher"[\s\S]*?\);\s*$/m.exec(fs.readFileSync(file, "utf8"))![0];
    const [support, sysadmin, network] = [await department(t.db, `Support ${uid()}`), await department(t.db, `Sysadmin ${uid()}`), await department(t.db, `Network ${uid()}`)];
    const member = await staff(t.db, { departments: [sysadmin.id] });
    const handedOn = await staff(t.db, { departments: [support.id, network.id] });
    const stranger = await staff(t.db, { departments: [network.id] });
    const opened = await openTicket(t.db, { name: "Old", email: `old-${uid()}@example.com`, helpTopicId: (await helpTopic(t.db, support.id)).id, subject: "Before", message: "x" });
    const ticket = await t.db.ticket.update({ where: { number: opened.number }, data: { departmentId: sysadmin.id } });
    await t.db.historyEvent.create({ data: { ticketId: ticket.id, actorStaffId: handedOn.id, type: "transferred", fromValue: support.name, toValue: sysadmin.name, ticketVersion: 2 } });
    await t.db.ticketWatcher.createMany({ data: [member, handedOn, stranger].map((s) => ({ ticketId: ticket.id, staffId: s.id })) });
    await t.db.$executeRawUnsafe(backfill);
    const rows = await t.db.ticketWatcher.findMany({ where: { ticketId: ticket.id }, select: { staffId: true, departmentId: true } });
    expect(Object.fromEntries(rows.map((r) => [r.staffId, r.departmentId]))).toEqual({ [member.id]: sysadmin.id, [handedOn.id]: support.id, [stranger.id]: sysadmin.id });
    expect(canSeeTicket(await actorFor(t.db, handedOn.id), { ...ticket, watchers: rows })).toBe(true);
    expect(canSeeTicket(await actorFor(t.db, stranger.id), { ...ticket, watchers: rows })).toBe(false);
  });

  describe("access that ends", () => {
    async function refusal(promise: Promise<unknown>): Promise<string | null> {
      const error = await promise.then(() => null, (e: unknown) => e);
      if (error === null) return null;
      if (error instanceof AppError) return error.code;
      throw error;
    }

    it("follows the rule through transfers, mentions, teams, assignment and membership changes", { timeout: 120_000 }, async () => {
      const [support, sysadmin, network] = [await department(t.db, `Support ${uid()}`), await department(t.db, `Sysadmin ${uid()}`), await department(t.db, `Network ${uid()}`)];
      const topic = await helpTopic(t.db, support.id);
      const role = await t.db.role.findUniqueOrThrow({ where: { name: "Expanded access" } });
      const adminRow = await staff(t.db, { admin: true });
      const admin = await actorFor(t.db, adminRow.id);
      const johnRow = await staff(t.db, { departments: [support.id] });
      const janeRow = await staff(t.db, { departments: [sysadmin.id] });
      const ninaRow = await staff(t.db, { departments: [network.id] });
      const team = await t.db.team.create({ data: { name: `Team ${uid()}`, members: { create: [{ staffId: ninaRow.id }, { staffId: janeRow.id }] } } });
      const as = (id: number) => actorFor(t.db, id);
      const setAccess = (row: typeof johnRow, departmentIds: number[]) =>
        updateAgent(t.db, admin, { id: row.id, name: row.name, email: row.email, username: row.username, access: departmentIds.map((departmentId) => ({ departmentId, roleId: role.id })) });
      const opened = await openTicket(t.db, { name: "Ken", email: `ken-${uid()}@example.com`, helpTopicId: topic.id, subject: `Access ${uid()}`, message: "Hello" });
      const ticketId = (await t.db.ticket.findUniqueOrThrow({ where: { number: opened.number } })).id;
      const version = async () => (await t.db.ticket.findUniqueOrThrow({ where: { id: ticketId } })).version;
      /** What the agent gets: the ticket page, a note, a reply, the queue row, the count. */
      async function access(id: number) {
        const actor = await as(id);
        const page = await ticketWorkspace(t.db, actor, opened.number);
        const note = await refusal(addNote(t.db, actor, { ticketId, version: await version(), body: `note by ${id}` }));
        const reply = await refusal(replyToTicket(t.db, actor, { ticketId, version: await version(), body: `reply by ${id}` }));
        const rows = [...(await allPages(t.db, actor, { queue: "open", sort: "updated" })), ...(await allPages(t.db, actor, { queue: "closed", sort: "updated" }))];
        const following = await allPages(t.db, actor, { queue: "watching", sort: "updated" });
        const counted = (await countInScope(t.db, actor, { id: ticketId })).value;
        return { page: page !== null, note, reply, queue: rows.includes(ticketId), following: following.includes(ticketId), counted };
      }
      const none = { page: false, note: "NOT_FOUND", reply: "NOT_FOUND", queue: false, following: false, counted: 0 };
      const notices = (staffId: number) => t.db.notification.count({ where: { staffId, ticketId } });

      // Department member: everything their role grants.
      expect(await access(johnRow.id)).toEqual({ page: true, note: null, reply: null, queue: true, following: true, counted: 1 });
      // John hands it on to Sysadmin: as a follower from Support he keeps sight of it and may note.
      await transferTicket(t.db, await as(johnRow.id), { ticketId, version: await version(), departmentId: sysadmin.id, reason: "Theirs" });
      expect(await access(johnRow.id)).toEqual({ page: true, note: null, reply: "FORBIDDEN", queue: true, following: true, counted: 1 });
      // Agents of the other departments see nothing, before and after being mentioned or teamed.
      expect(await access(ninaRow.id)).toEqual(none);
      await addNote(t.db, await as(janeRow.id), { ticketId, version: await version(), body: `@${ninaRow.username} and @${johnRow.username}, look` });
      expect(await notices(ninaRow.id)).toBe(0);
      expect(await t.db.outboxMessage.count({ where: { toAddress: ninaRow.email } })).toBe(0);
      expect(await t.db.ticketWatcher.count({ where: { ticketId, staffId: ninaRow.id } })).toBe(0);
      expect(await notices(johnRow.id)).toBe(1);
      await assignTicket(t.db, await as(janeRow.id), { ticketId, version: await version(), assignee: `team:${team.id}` });
      expect(await notices(ninaRow.id)).toBe(0);
      expect(await access(ninaRow.id)).toEqual(none);

      // John leaves Support: every ticket he followed through it is gone, including this one.
      await setAccess(johnRow, [network.id]);
      expect(await access(johnRow.id)).toEqual(none);
      const before = await notices(johnRow.id);
      const resolved = await t.db.ticketStatus.findFirstOrThrow({ where: { kind: "RESOLVED" } });
      await changeStatus(t.db, await as(janeRow.id), { ticketId, version: await version(), statusId: resolved.id, note: "Done" });
      expect(await notices(johnRow.id)).toBe(before);
      // Membership now, not then: back in Support, his follow counts again.
      await setAccess(johnRow, [support.id]);
      expect((await access(johnRow.id)).page).toBe(true);

      // The assignee keeps the ticket while assigned, even outside their departments.
      const reopened = await t.db.ticketStatus.findFirstOrThrow({ where: { kind: "OPEN" } });
      await changeStatus(t.db, await as(janeRow.id), { ticketId, version: await version(), statusId: reopened.id });
      await assignTicket(t.db, await as(janeRow.id), { ticketId, version: await version(), assignee: "me" });
      await setAccess(janeRow, [network.id]);
      const jane = await access(janeRow.id);
      expect(jane).toMatchObject({ page: true, note: null, reply: null, queue: true, counted: 1 });
      await assignTicket(t.db, admin, { ticketId, version: await version(), assignee: "none" });
      expect(await access(janeRow.id)).toEqual(none);

      // Admins see it all along.
      expect(await access(adminRow.id)).toMatchObject({ page: true, note: null, reply: null, queue: true, counted: 1 });
    });
  });
});
