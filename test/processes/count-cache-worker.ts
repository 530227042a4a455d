// A server worker's queue-count cache in a process of its own, driven over IPC by the test as the
// cluster primary would: "count" asks for the cached count (answering how many times it was
// computed), "change" is this worker's own change; other messages are notes relayed from elsewhere.
import { cachedCount, queueCountsChanged } from "@/lib/tickets/count-cache";

let computed = 0;
process.on("message", async (message: { ask?: string }) => {
  if (message?.ask === "count") {
    const value = await cachedCount("agent:7", async () => ++computed);
    process.send!({ answer: value });
  } else if (message?.ask === "change") {
    queueCountsChanged();
    process.send!({ answer: "changed" });
  }
});
process.send!({ answer: "ready" });
