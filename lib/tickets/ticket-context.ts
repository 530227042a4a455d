// The relations every ticket read and write needs alongside the ticket itself.
export const TICKET_CONTEXT = {
  status: true,
  priority: true,
  department: { select: { id: true, name: true } },
  assignee: { select: { id: true, name: true } },
  team: { select: { id: true, name: true } },
  requester: { select: { id: true, name: true, email: true, phone: true } },
  watchers: { select: { staffId: true, departmentId: true } },
} as const;
