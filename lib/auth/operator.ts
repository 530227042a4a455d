// The command-line operator (npm run manage, benchmarks): an administrator without a staff row.
// Its audit rows are recorded without an actor (OPERATOR_ID, lib/server/audit/record.ts).
import { OPERATOR_ID } from "@/lib/server/audit/record";
import type { StaffActor } from "./actor";

export function operatorActor(): StaffActor {
  return { kind: "staff", id: OPERATOR_ID, name: "Command line", email: "", username: "", isAdmin: true, departments: new Map(), teamIds: [] };
}
