// The signed-in staff member as every policy check sees it. Pure data: no database, no Next.
import type { Permission } from "./permissions";

export type StaffActor = {
  kind: "staff";
  id: number;
  name: string;
  email: string;
  username: string;
  isAdmin: boolean;
  /** Department id → the permissions the actor's role grants there. */
  departments: Map<number, ReadonlySet<Permission>>;
  teamIds: number[];
};

export function departmentIds(actor: StaffActor): number[] {
  return [...actor.departments.keys()];
}
