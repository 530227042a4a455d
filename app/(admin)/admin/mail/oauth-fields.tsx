"use client";
// The OAuth 2.0 app registration fields, shared by the mailbox form and the SMTP sign-in form: the
// provider, how the help desk signs in (consent, or Microsoft 365 app-only), the tenant, the client
// ID and secret (never shown again; blank keeps it), the redirect URI to register, and endpoint
// overrides for sovereign clouds, folded away.
import { get, useWatch, type FieldValues, type Path, type UseFormReturn } from "react-hook-form";
import { TextField } from "@/components/admin/form-kit";
import { CopyButton } from "@/components/ui/copy-button";

export type OAuthValues = {
  oauthProvider: "microsoft" | "google";
  oauthFlow: "authorization_code" | "client_credentials";
  oauthTenant: string;
  oauthClientId: string;
  oauthClientSecret: string;
  oauthAuthorizeUrl: string;
  oauthTokenUrl: string;
};

export const EMPTY_OAUTH: OAuthValues = { oauthProvider: "microsoft", oauthFlow: "authorization_code", oauthTenant: "", oauthClientId: "", oauthClientSecret: "", oauthAuthorizeUrl: "", oauthTokenUrl: "" };

type Option = { value: string; label: string; hint: string };

/** A radio group drawn as cards, with its error under it; used for every either-or of these forms. */
export function RadioCards<T extends FieldValues>({ form, name, legend, options, onPick }: { form: UseFormReturn<T>; name: Path<T>; legend: string; options: Option[]; onPick?: (value: string) => void }) {
  const error = (get(form.formState.errors, name) as { message?: string } | undefined)?.message;
  const base = `rc-${name.replace(/\W/g, "-")}`;
  const field = form.register(name, { onChange: (e) => onPick?.(e.target.value) });
  return (
    <fieldset aria-describedby={error ? `${base}-error` : undefined}>
      <legend className="text-sm font-medium text-slate-800">{legend}</legend>
      <div className={`mt-1 grid gap-2 ${options.length > 2 ? "sm:grid-cols-3" : "sm:grid-cols-2"}`}>
        {options.map((o) => (
          <label key={o.value} className="flex cursor-pointer items-start gap-2.5 rounded-md border border-slate-200 p-3 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-600">
            {/* Named by the title alone, described by the hint: a screen reader hears "OAuth 2.0, radio button", then the detail. */}
            <input type="radio" value={o.value} className="mt-0.5 h-4 w-4" aria-labelledby={`${base}-${o.value}-title`} aria-describedby={`${base}-${o.value}-hint`} {...field} />
            <span>
              <span id={`${base}-${o.value}-title`} className="block text-sm font-medium text-slate-800">{o.label}</span>
              <span id={`${base}-${o.value}-hint`} className="block text-xs text-slate-600">{o.hint}</span>
            </span>
          </label>
        ))}
      </div>
      {error ? <p id={`${base}-error`} className="mt-1 text-sm text-red-700">{error}</p> : null}
    </fieldset>
  );
}

const PROVIDERS: Option[] = [
  { value: "microsoft", label: "Microsoft 365", hint: "Exchange Online through an app registration in Microsoft Entra ID." },
  { value: "google", label: "Gmail", hint: "Google Workspace or Gmail through an OAuth client in Google Cloud." },
];

const FLOWS: Option[] = [
  { value: "authorization_code", label: "Sign in as the mailbox", hint: "Someone signs in as the account once and consents; the help desk keeps it connected." },
  { value: "client_credentials", label: "App-only access", hint: "The app signs in as itself with its secret (application permissions and an Exchange mailbox permission)." },
];

export function OAuthFields<T extends OAuthValues & FieldValues>({ form, hasSecret, redirectUri, onProvider }: { form: UseFormReturn<T>; hasSecret: boolean; redirectUri: string; onProvider?: (provider: OAuthValues["oauthProvider"]) => void }) {
  const f = form as unknown as UseFormReturn<OAuthValues>;
  const provider = useWatch({ control: f.control, name: "oauthProvider" });
  const flow = useWatch({ control: f.control, name: "oauthFlow" });
  const microsoft = provider === "microsoft";
  const appOnly = microsoft && flow === "client_credentials";
  return (
    <div className="space-y-4">
      <RadioCards form={f} name="oauthProvider" legend="Provider" options={PROVIDERS} onPick={(v) => onProvider?.(v as OAuthValues["oauthProvider"])} />
      {microsoft ? <RadioCards form={f} name="oauthFlow" legend="How the help desk signs in" options={FLOWS} /> : null}
      {microsoft ? (
        <TextField form={f} name="oauthTenant" label="Directory (tenant) ID" required={appOnly} hint={appOnly ? "From the app registration's Overview page, or your domain (contoso.com)." : "From the app registration's Overview page. Empty: any work or school account (organizations)."} />
      ) : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField form={f} name="oauthClientId" label={microsoft ? "Application (client) ID" : "Client ID"} required />
        <TextField
          form={f}
          name="oauthClientSecret"
          label="Client secret"
          type="password"
          autoComplete="new-password"
          required={!hasSecret}
          hint={hasSecret ? "A secret is stored. Leave empty to keep it; it is never shown again." : microsoft ? "The secret's Value (not its ID), from Certificates & secrets." : "From the OAuth client's page."}
        />
      </div>
      {!appOnly ? (
        <div className="rounded-md border border-slate-200 bg-slate-50 p-3 text-sm">
          <p className="font-medium text-slate-800">Redirect URI to register</p>
          <p className="mt-0.5 text-xs text-slate-600">{microsoft ? "Add it under Authentication → Web → Redirect URIs." : "Add it under Authorized redirect URIs."} It must match exactly.</p>
          <div className="mt-2 flex flex-wrap items-center gap-2">
            <code className="break-all rounded bg-white px-2 py-1 text-xs text-slate-800 ring-1 ring-slate-200">{redirectUri}</code>
            <CopyButton text={redirectUri} label="Copy redirect URI" className="px-2.5 py-1 text-xs" />
          </div>
        </div>
      ) : null}
      <details className="rounded-md border border-slate-200 p-3 text-sm" open={!!(form.getValues("oauthAuthorizeUrl" as Path<T>) || form.getValues("oauthTokenUrl" as Path<T>))}>
        <summary className="cursor-pointer font-medium text-slate-800">Endpoints (sovereign clouds, testing)</summary>
        <div className="mt-3 space-y-4">
          <TextField form={f} name="oauthAuthorizeUrl" label="Authorization endpoint" hint="Empty: the provider's own." />
          <TextField form={f} name="oauthTokenUrl" label="Token endpoint" hint="Empty: the provider's own." />
        </div>
      </details>
    </div>
  );
}
