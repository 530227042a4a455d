import "server-only";
// Reads for the canned response pages and the ticket composer, scoped to the actor; cache() shares
// one result between the components of a request.
import { cache } from "react";
import type { StaffActor } from "@/lib/auth/actor";
import type { ListParams } from "@/lib/config/shared/fields";
import { db } from "@/lib/server/db";
import { cannedDepartmentChoices, cannedForEdit, cannedResponsesFor, listCannedResponses } from "./service";

/** One page of the responses the actor manages (all of them for an administrator). */
export const cannedListPage = cache((actor: StaffActor, params: ListParams) => listCannedResponses(db, actor, params));

/** A response the actor may edit, or null (also when it belongs to a department they do not manage). */
export const cannedToEdit = cache((actor: StaffActor, id: number) => cannedForEdit(db, actor, id));

/** The departments the form lists for this actor. */
export const cannedFormDepartments = cache((actor: StaffActor, keepId: number | null = null) => cannedDepartmentChoices(db, actor, keepId));

/** The responses the composer offers on a ticket of this department. */
export const cannedForTicket = cache((actor: StaffActor, departmentId: number) => cannedResponsesFor(db, actor, departmentId));
