// Which backup archives to keep: names carry their UTC time (helpdesk-YYYYMMDD-HHMMSS…), so sorting
// the names sorts by age. Pure, so the rule is tested on its own.
/** How many archives `manage backup` keeps when neither --keep nor BACKUP_KEEP says. */
export const DEFAULT_KEEP = 14;

export const BACKUP_PATTERN = /^helpdesk-(\d{8}-\d{6})(-[a-z-]+)?\.tar\.gz$/;

/** A name for a backup made at `now`, valid on NTFS (no colons). */
export function backupFileName(now: Date, label = ""): string {
  const stamp = now.toISOString().replace(/\.\d{3}Z$/, "").replace(/[-:]/g, "").replace("T", "-");
  return `helpdesk-${stamp}${label ? `-${label}` : ""}.tar.gz`;
}

/** The archives beyond the newest `keep` ones; other files in the folder are never touched. */
export function backupsToDelete(names: string[], keep: number): string[] {
  const backups = names.filter((n) => BACKUP_PATTERN.test(n)).sort();
  return backups.slice(0, Math.max(0, backups.length - keep));
}
