// The agents' "Edit requester" form and action share this schema. The email is the requester's
// identity (mail and links find them by it), so it is shown but not edited here.
import { z } from "zod";
import { requesterPhone } from "./schemas";
import { cleanLine } from "./text";

export const ZEditRequester = z.object({
  ticketId: z.coerce.number({ message: "Missing ticket." }).int().positive(),
  version: z.coerce.number().int().positive(),
  name: z.string().transform(cleanLine).pipe(z.string().min(1, "Enter the requester's name.").max(100, "Keep the name under 100 characters.")),
  phone: requesterPhone,
});
export type EditRequesterInput = z.input<typeof ZEditRequester>;
