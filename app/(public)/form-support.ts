// What the portal's forms and buttons say when a request got no answer. The form hook itself is
// components/forms/use-action-form.ts; file checks are components/forms/uploads.ts.

export const SEND_FAILED = "The form could not be sent: the connection failed or the request was too large. Nothing you typed is lost; try again.";
