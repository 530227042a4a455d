// Pages and route handlers that still import the database client directly (issue 10). Each is to ask
// its capability's queries.ts instead; remove a line when its file is moved. New files may not join.
// Brackets are escaped: these are glob patterns.
export const DB_IMPORT_BASELINE = [
  "app/(agent)/agent/account/page.tsx",
  "app/(agent)/agent/attachments/\\[id\\]/route.ts",
  "app/(agent)/agent/layout.tsx",
  "app/(agent)/agent/notifications/page.tsx",
  "app/(agent)/agent/page.tsx",
  "app/(agent)/agent/tickets/\\[number\\]/page.tsx",
  "app/(agent)/agent/tickets/page.tsx",
  "app/(auth)/set-password/\\[token\\]/page.tsx",
  "app/(auth)/sign-in/page.tsx",
  "app/(public)/open/page.tsx",
  "app/(public)/t/\\[number\\]/\\[token\\]/attachments/\\[id\\]/route.ts",
  "app/(public)/t/\\[number\\]/\\[token\\]/page.tsx",
  "app/api/health/route.ts",
  "app/api/tickets.email/route.ts",
  "app/api/tickets.json/route.ts",
];
