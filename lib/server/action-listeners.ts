// Caches that any successful action may have made stale (the queue counts: a new or archived
// department, someone's access) register here; the bottom layer knows none of them by name.
// On globalThis: Next may load this module in more than one bundle.
const KEY = Symbol.for("helpdesk.action-succeeded");
const listeners: Set<() => void> = ((globalThis as Record<symbol, Set<() => void> | undefined>)[KEY] ??= new Set());

export function onActionSucceeded(listener: () => void): void {
  listeners.add(listener);
}

export function actionSucceeded(): void {
  for (const listener of listeners) listener();
}
