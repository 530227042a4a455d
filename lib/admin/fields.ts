// Moved (issue 10): kept only so files of the branches moving mail and canned responses, and
// scripts/manage.ts, build until they import the new place. Delete with their last importer.
export * from "@/lib/config/shared/fields";
