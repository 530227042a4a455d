// Zod schemas of the API key forms, shared by each form (zodResolver) and its server action.
import { z } from "zod";
import { parseRangeList } from "@/lib/server/ip-ranges";
import { checkedValues, line } from "@/lib/config/shared/fields";

export const API_SCOPES = ["tickets:create", "mail:pipe"] as const;
export type ApiScope = (typeof API_SCOPES)[number];
export const API_SCOPE_LABELS: Record<ApiScope, string> = {
  "tickets:create": "Open tickets through the REST API",
  "mail:pipe": "Deliver inbound mail (mail pipe)",
};

export const ZCreateApiKey = z.object({
  label: line("a label", 100),
  scopes: checkedValues(z.enum(API_SCOPES, { message: "Unknown scope." })).pipe(z.array(z.enum(API_SCOPES)).min(1, "Choose at least one scope.")),
  allowedIps: z
    .string()
    .max(2000, "Keep the list under 2,000 characters.")
    .default("")
    .superRefine((v, ctx) => {
      const result = parseRangeList(v);
      if (!result.ok) ctx.addIssue({ code: "custom", message: `Not a valid address or range: ${result.invalid.join(", ")}` });
    }),
});
export type CreateApiKeyInput = z.input<typeof ZCreateApiKey>;
