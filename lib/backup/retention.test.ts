import { describe, expect, it } from "vitest";
import { backupFileName, backupsToDelete } from "./retention";

describe("backup retention", () => {
  it("names a backup by its UTC time without characters NTFS refuses", () => {
    const name = backupFileName(new Date("2026-12-02T01:02:03.456Z"));
    expect(name).toBe("helpdesk-20261202-010203.tar.gz");
    expect(name).not.toMatch(/[<>:"/\\|?*]/);
    expect(backupFileName(new Date("2026-12-02T01:02:03Z"), "before-restore")).toBe("helpdesk-20261202-010203-before-restore.tar.gz");
  });

  it("deletes all but the newest N archives and nothing else", () => {
    const names = ["helpdesk-20261130-020000.tar.gz", "notes.txt", "helpdesk-20261202-020000.tar.gz", "helpdesk-20261201-020000-before-restore.tar.gz", "helpdesk-20261129-020000.tar.gz", "helpdesk-x.tar.gz"];
    expect(backupsToDelete(names, 2)).toEqual(["helpdesk-20261129-020000.tar.gz", "helpdesk-20261130-020000.tar.gz"]);
    expect(backupsToDelete(names, 10)).toEqual([]);
    expect(backupsToDelete(names, 0)).toHaveLength(4);
  });
});
