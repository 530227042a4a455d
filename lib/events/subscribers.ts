import "server-only";
// The subscribers this help desk runs, in one place: the server registers them at start
// (instrumentation.ts), as do the tests. The wiring sits above the capabilities, so lib/tickets
// never imports lib/mail: mail hears about tickets through its subscriber.
import { ticketMailSubscriber } from "@/lib/mail/ticket-event-mail";
import { queueCountSubscriber } from "@/lib/tickets/count-cache";
import { notificationSubscriber } from "@/lib/tickets/notify";
import { registerSubscriber } from "./bus";

export function registerEventSubscribers(): void {
  registerSubscriber(ticketMailSubscriber);
  registerSubscriber(notificationSubscriber);
  registerSubscriber(queueCountSubscriber);
}
