// Several server processes (a node:cluster started by scripts/server-entry.cjs) each keep caches in
// memory. When one process learns that something changed, it tells the others through the cluster
// primary, which relays the note; a process that is not a cluster worker has nobody to tell. Notes
// carry only a name, never data: the receiver drops its cache and reads the database again.
type NoteHandler = () => void;

const REGISTRY = Symbol.for("helpdesk.clusterNotes");
type Registry = { handlers: Map<string, Set<NoteHandler>>; listening: boolean };

function registry(): Registry {
  const holder = globalThis as { [REGISTRY]?: Registry };
  return (holder[REGISTRY] ??= { handlers: new Map(), listening: false });
}

/** Tells the other server processes that `name` changed (nothing happens outside a cluster). */
export function tellOtherProcesses(name: string): void {
  if (typeof process.send !== "function" || !process.connected) return;
  try {
    process.send({ helpdeskNote: name });
  } catch {
    // The primary is going away (shutdown); the others' caches expire on their own.
  }
}

/** Runs `handler` whenever another process says `name` changed. Returns a function that stops it. */
export function onNoteFromOtherProcesses(name: string, handler: NoteHandler): () => void {
  const reg = registry();
  if (!reg.listening && typeof process.on === "function") {
    reg.listening = true;
    process.on("message", (message: unknown) => {
      const note = (message as { helpdeskNote?: unknown } | null)?.helpdeskNote;
      if (typeof note === "string") for (const h of reg.handlers.get(note) ?? []) h();
    });
  }
  const set = reg.handlers.get(name) ?? new Set<NoteHandler>();
  reg.handlers.set(name, set);
  set.add(handler);
  return () => set.delete(handler);
}
