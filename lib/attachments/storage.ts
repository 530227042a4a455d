// Attachment files live outside the web root under generated names; the original name is only
// metadata. Files are written before the database transaction and removed again if it fails.
import crypto from "node:crypto";
import { createReadStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import type { CheckedFile } from "./validate";

export function attachmentsDir(): string {
  // turbopackIgnore: a path from the environment would otherwise make the build trace (and copy
  // into .next/standalone) the whole project, data folder included.
  return path.resolve(/*turbopackIgnore: true*/ process.env.ATTACHMENTS_DIR ?? path.join(process.env.DATA_DIR ?? "data", "attachments"));
}

export type StoredFile = { fileName: string; contentType: string; size: number; storageKey: string; sha256: string; contentId?: string | null };

function pathFor(storageKey: string): string {
  // Keys are generated here (hex only), so they can never climb out of the directory.
  if (!/^[a-f0-9]{2}\/[a-f0-9]{32}$/.test(storageKey)) throw new Error("invalid storage key");
  return path.join(attachmentsDir(), storageKey);
}

export async function writeFiles(files: CheckedFile[]): Promise<StoredFile[]> {
  const stored: StoredFile[] = [];
  try {
    for (const file of files) {
      const id = crypto.randomBytes(16).toString("hex");
      const storageKey = `${id.slice(0, 2)}/${id}`;
      await fs.mkdir(path.dirname(pathFor(storageKey)), { recursive: true });
      await fs.writeFile(pathFor(storageKey), file.bytes, { flag: "wx", mode: 0o640 });
      stored.push({ fileName: file.fileName, contentType: file.contentType, size: file.bytes.length, storageKey, sha256: crypto.createHash("sha256").update(file.bytes).digest("hex"), ...(file.contentId ? { contentId: file.contentId } : {}) });
    }
    return stored;
  } catch (error) {
    await removeFiles(stored);
    throw error;
  }
}

export async function removeFiles(files: { storageKey: string }[]): Promise<void> {
  await Promise.all(files.map((f) => fs.rm(pathFor(f.storageKey), { force: true })));
}

export async function readFile(storageKey: string): Promise<Buffer> {
  return fs.readFile(pathFor(storageKey));
}

/** Writes the files, runs `save` (the transaction that records them), and cleans up if it fails. */
export async function withStoredFiles<T>(files: CheckedFile[], save: (stored: StoredFile[]) => Promise<T>): Promise<T> {
  const stored = await writeFiles(files);
  try {
    return await save(stored);
  } catch (error) {
    await removeFiles(stored);
    throw error;
  }
}

/** The stored file as a stream and its size on disk, so a download is never held in memory whole. */
export async function openStoredFile(storageKey: string): Promise<{ stream: ReadableStream<Uint8Array>; size: number }> {
  const file = pathFor(storageKey);
  const { size } = await fs.stat(file);
  return { stream: Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>, size };
}
