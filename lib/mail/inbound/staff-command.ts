// What an agent's mail asks for: an internal note by default, a reply to the requester when its
// first line is "#reply" (that line is not part of the text). Pure.
export type StaffMailCommand = { mode: "note" | "reply"; body: string };

export function staffCommand(text: string): StaffMailCommand {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const first = lines.findIndex((l) => l.trim() !== "");
  if (first >= 0 && lines[first].trim().toLowerCase() === "#reply") return { mode: "reply", body: lines.slice(first + 1).join("\n").trim() };
  return { mode: "note", body: text.trim() };
}
