import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS } from "@/lib/settings/schema";
import { checkUploads, extensionOf, type IncomingFile } from "./validate";

const MB = 1024 * 1024;
const limits = {
  attachmentMaxFileMb: DEFAULT_SETTINGS.attachmentMaxFileMb,
  attachmentMaxFiles: DEFAULT_SETTINGS.attachmentMaxFiles,
  attachmentMaxTotalMb: DEFAULT_SETTINGS.attachmentMaxTotalMb,
  attachmentAllowedTypes: DEFAULT_SETTINGS.attachmentAllowedTypes,
};

/** A real 1×1 greyscale PNG: signature, IHDR, one IDAT row, IEND, each chunk with its CRC. */
function tinyPng(): Uint8Array {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const typeAndData = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(typeAndData));
    return Buffer.concat([length, typeAndData, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0); // width
  header.writeUInt32BE(1, 4); // height
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  const pixels = zlib.deflateSync(Buffer.from([0, 0x80])); // filter byte, one grey pixel
  return new Uint8Array(
    Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", header), chunk("IDAT", pixels), chunk("IEND", Buffer.alloc(0))]),
  );
}

const text = (name: string, content = "hello\n"): IncomingFile => ({ name, bytes: new TextEncoder().encode(content) });
const sized = (name: string, size: number): IncomingFile => ({ name, bytes: new Uint8Array(size).fill(0x61) });

async function refusal(files: IncomingFile[], overrides: Partial<typeof limits> = {}) {
  const result = await checkUploads(files, { ...limits, ...overrides });
  expect(result.ok).toBe(false);
  return result.ok ? "" : result.message;
}

describe("checkUploads", () => {
  it("accepts a real small PNG and reports its detected type", async () => {
    const result = await checkUploads([{ name: "screenshot.png", bytes: tinyPng(), declaredType: "image/png" }], limits);
    expect(result).toMatchObject({ ok: true, files: [{ fileName: "screenshot.png", contentType: "image/png" }] });
  });

  it("accepts plain UTF-8 text as text/plain", async () => {
    const result = await checkUploads([text("notes.txt", "Grüße, 2 × 3\n")], limits);
    expect(result).toMatchObject({ ok: true, files: [{ fileName: "notes.txt", contentType: "text/plain" }] });
  });

  it("ignores an empty slot of a file input (no name, no bytes)", async () => {
    const result = await checkUploads([{ name: "", bytes: new Uint8Array() }], limits);
    expect(result).toEqual({ ok: true, files: [] });
  });

  it("refuses more files than allowed", async () => {
    const files = Array.from({ length: limits.attachmentMaxFiles + 1 }, (_, i) => text(`f${i}.txt`));
    expect(await refusal(files)).toBe(`Attach at most ${limits.attachmentMaxFiles} files.`);
  });

  it("says attachments are off when no file is allowed", async () => {
    expect(await refusal([text("a.txt")], { attachmentMaxFiles: 0 })).toBe("Attachments are turned off.");
  });

  it("refuses a file over the per-file limit, naming it", async () => {
    expect(await refusal([sized("big.txt", 10 * MB + 1)])).toBe('"big.txt" is larger than 10 MB.');
  });

  it("refuses files that together exceed the total limit", async () => {
    const files = [sized("a.txt", 9 * MB), sized("b.txt", 9 * MB), sized("c.txt", 8 * MB)];
    expect(await refusal(files)).toMatch(/add up to more than 25 MB/);
  });

  it("refuses an empty file", async () => {
    expect(await refusal([{ name: "empty.txt", bytes: new Uint8Array() }])).toBe('"empty.txt" is empty.');
  });

  it.each(["run.exe", "script.js", "page.html", "noextension"])("refuses a disallowed type: %s", async (name) => {
    expect(await refusal([text(name)])).toMatch(/this type of file is not accepted\. Allowed: \.png/);
  });

  it.each([
    ["C:\\Users\\ken\\Desktop\\report.txt", "report.txt"],
    ["/home/ken/../../etc/report.txt", "report.txt"],
    ["..\\..\\windows\\report.txt", "report.txt"],
  ])("reduces a path in the name to its base name: %s", async (name, expected) => {
    const result = await checkUploads([text(name)], limits);
    expect(result).toMatchObject({ ok: true, files: [{ fileName: expected }] });
  });

  it.each([
    ["an ELF executable", [0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0], "elf"],
    ["a Windows executable", [0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0], "exe"],
  ])("refuses %s renamed .png", async (_, header, detected) => {
    const bytes = new Uint8Array(256);
    bytes.set(header);
    expect(await refusal([{ name: "cat.png", bytes, declaredType: "image/png" }])).toBe(`"cat.png" does not contain what its name says (it looks like a .${detected} file).`);
  });

  it("refuses a .png with no recognisable content", async () => {
    expect(await refusal([text("cat.png", "just text")])).toBe('"cat.png" does not contain what its name says.');
  });

  it("refuses a .txt that contains NUL bytes", async () => {
    expect(await refusal([{ name: "notes.txt", bytes: new Uint8Array([0x68, 0x69, 0x00, 0x21]) }])).toBe('"notes.txt" is not a plain text file, whatever its name says.');
  });

  it("refuses a .txt that is really a PNG or invalid UTF-8", async () => {
    expect(await refusal([{ name: "notes.txt", bytes: tinyPng() }])).toMatch(/not a plain text file/);
    expect(await refusal([{ name: "notes.txt", bytes: new Uint8Array([0xc3, 0x28]) }])).toMatch(/not a plain text file/);
  });
});

describe("extensionOf", () => {
  it.each([
    ["Photo.PNG", ".png"],
    ["archive.tar.gz", ".gz"],
    ["README", ""],
    ["trailing.", ""],
  ])("%s → %s", (name, ext) => {
    expect(extensionOf(name)).toBe(ext);
  });
});
