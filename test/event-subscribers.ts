// Each test file's process registers the help desk's event subscribers, as instrumentation.ts does
// for the server: a ticket change is followed by its mail, notifications and fresh counts.
import { registerEventSubscribers } from "@/lib/events/subscribers";

registerEventSubscribers();
