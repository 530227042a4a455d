import "server-only";
import { createDb, type Db } from "./prisma";

// One client per process; the global survives hot reloads in development.
const globalForDb = globalThis as unknown as { helpdeskDb?: Db };
export const db: Db = globalForDb.helpdeskDb ?? createDb();
if (process.env.NODE_ENV !== "production") globalForDb.helpdeskDb = db;
