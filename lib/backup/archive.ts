// One backup = one .tar.gz file: manifest.json, the database snapshot and the attachments. The
// manifest names the format, the app version, the database engine, the migrations the database had
// and a SHA-256 of every other file, so a restore can check the whole archive before touching
// anything. Archives are made and read with node-tar (maintained, used by npm itself), which also
// refuses entries that would land outside the folder they are extracted to.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import * as tar from "tar";
import { AppError } from "@/lib/server/errors";

export const MANIFEST = "manifest.json";
const FORMAT = "helpdesk-backup";
const FORMAT_VERSION = 1;

export type Manifest = {
  format: typeof FORMAT;
  formatVersion: number;
  createdAt: string;
  appVersion: string;
  provider: "sqlite" | "postgresql";
  migrations: string[];
  database: string;
  attachments: { files: number; bytes: number };
  /** Every file but the manifest, by its path in the archive (forward slashes). */
  files: Record<string, { sha256: string; bytes: number }>;
};

export function sha256Of(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = crypto.createHash("sha256");
    fs.createReadStream(file).on("error", reject).on("data", (d) => hash.update(d)).on("end", () => resolve(hash.digest("hex")));
  });
}

/** Files under `dir`, as archive paths (forward slashes, whatever the platform). */
export function filesUnder(dir: string, prefix: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  const visit = (folder: string, rel: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const relPath = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) visit(path.join(folder, entry.name), relPath);
      else if (entry.isFile()) out.push(`${prefix}/${relPath}`);
    }
  };
  visit(dir, "");
  return out.sort();
}

/** Writes the archive from a staging folder that holds the listed files (and writes the manifest there). */
export async function writeArchive(staging: string, out: string, manifest: Omit<Manifest, "format" | "formatVersion" | "files">, files: string[]): Promise<Manifest> {
  const listed: Manifest["files"] = {};
  for (const file of files) {
    const full = path.join(staging, ...file.split("/"));
    listed[file] = { sha256: await sha256Of(full), bytes: fs.statSync(full).size };
  }
  const complete: Manifest = { format: FORMAT, formatVersion: FORMAT_VERSION, ...manifest, files: listed };
  fs.writeFileSync(path.join(staging, MANIFEST), JSON.stringify(complete, null, 2));
  const partial = `${out}.partial`;
  // follow: the staging folder links to the attachments folder rather than copying it.
  await tar.create({ gzip: true, file: partial, cwd: staging, follow: true, portable: true }, [MANIFEST, ...files]);
  fs.renameSync(partial, out);
  return complete;
}

function parseManifest(text: string): Manifest {
  let value: Manifest;
  try {
    value = JSON.parse(text) as Manifest;
  } catch {
    throw new AppError("INVALID", "The backup's manifest is not readable: this is not a help desk backup, or it is damaged.");
  }
  if (value?.format !== FORMAT) throw new AppError("INVALID", "This file is not a help desk backup (no help desk manifest).");
  if (typeof value.formatVersion !== "number" || value.formatVersion > FORMAT_VERSION) throw new AppError("INVALID", "This backup was made by a newer version of the help desk. Upgrade this installation first, then restore.");
  if (!value.files || typeof value.files !== "object" || !Array.isArray(value.migrations)) throw new AppError("INVALID", "The backup's manifest is incomplete.");
  return value;
}

/**
 * Extracts the archive into `into` and checks it: a help desk manifest, every listed file present
 * with its checksum, nothing unlisted. Throws an AppError saying what is wrong; touches nothing else.
 */
export async function extractAndVerify(file: string, into: string): Promise<Manifest> {
  if (!fs.existsSync(file)) throw new AppError("NOT_FOUND", `There is no file at ${file}.`);
  fs.mkdirSync(into, { recursive: true });
  try {
    await tar.extract({ file, cwd: into, strict: true });
  } catch {
    throw new AppError("INVALID", `${path.basename(file)} is not a readable .tar.gz archive (damaged or cut short?).`);
  }
  const manifestFile = path.join(into, MANIFEST);
  if (!fs.existsSync(manifestFile)) throw new AppError("INVALID", "This file is not a help desk backup (no manifest.json).");
  const manifest = parseManifest(fs.readFileSync(manifestFile, "utf8"));
  const present = new Set(filesUnder(into, "").map((f) => f.slice(1)).filter((f) => f !== MANIFEST));
  for (const [name, expected] of Object.entries(manifest.files)) {
    const full = path.join(into, ...name.split("/"));
    if (!present.delete(name)) throw new AppError("INVALID", `The backup is incomplete: ${name} is missing.`);
    if ((await sha256Of(full)) !== expected.sha256) throw new AppError("INVALID", `The backup is damaged: ${name} does not match its checksum.`);
  }
  if (present.size) throw new AppError("INVALID", `The backup holds files its manifest does not list (${[...present].slice(0, 3).join(", ")}).`);
  if (!manifest.files[manifest.database]) throw new AppError("INVALID", "The backup has no database.");
  return manifest;
}
