import { describe, expect, it, vi } from "vitest";
import { safeCallbackUrl } from "./guards";

describe("safeCallbackUrl (the sign-in page's return address)", () => {
  it.each(["/\t/evil.example", "/\n/evil.example", "/\r\n/evil.example/agent", "/.//evil.example", "https://evil.example/", "javascript:alert(1)"])("never leads off the site: %j", (value) => {
    expect(safeCallbackUrl(value)).toBe("/agent");
  });

  it("keeps this site's pages, given as paths or as full addresses on APP_URL", () => {
    vi.stubEnv("APP_URL", "https://help.example.com");
    expect(safeCallbackUrl("/admin/audit?entity=agent")).toBe("/admin/audit?entity=agent");
    expect(safeCallbackUrl("https://help.example.com/agent/tickets/1")).toBe("/agent/tickets/1");
    expect(safeCallbackUrl("https://help.example.com.evil.example/", "/admin")).toBe("/admin");
    vi.unstubAllEnvs();
  });
});
