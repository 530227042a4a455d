// Mail attachments against the same limits as the web form, one file at a time: a refused file is
// dropped with a note for the thread, and the message itself is kept.
import { checkUploads, type CheckedFile, type UploadLimits } from "@/lib/attachments/validate";
import type { InboundAttachment } from "./parse";

const MB = 1024 * 1024;

export async function checkMailAttachments(attachments: InboundAttachment[], limits: UploadLimits): Promise<{ files: CheckedFile[]; refused: string[] }> {
  const files: CheckedFile[] = [];
  const refused: string[] = [];
  let total = 0;
  for (const a of attachments) {
    const single = await checkUploads([{ name: a.fileName, bytes: new Uint8Array(a.content), declaredType: a.contentType }], { ...limits, attachmentMaxFiles: Math.max(limits.attachmentMaxFiles, 1) });
    if (!single.ok) {
      refused.push(single.message);
      continue;
    }
    if (files.length >= limits.attachmentMaxFiles) {
      refused.push(limits.attachmentMaxFiles === 0 ? `"${single.files[0].fileName}": attachments are turned off.` : `"${single.files[0].fileName}": only ${limits.attachmentMaxFiles} files are kept per message.`);
      continue;
    }
    if (total + a.content.length > limits.attachmentMaxTotalMb * MB) {
      refused.push(`"${single.files[0].fileName}": the files of one message may add up to ${limits.attachmentMaxTotalMb} MB.`);
      continue;
    }
    total += a.content.length;
    // Kept so the original email's cid: links can find their inline images.
    const contentId = a.contentId?.trim().replace(/^<|>$/g, "").slice(0, 500) || null;
    files.push({ ...single.files[0], contentId });
  }
  return { files, refused };
}
