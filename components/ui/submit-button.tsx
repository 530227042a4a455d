"use client";
// A form's submit button is disabled until the page is hydrated. Before that the form has no
// JavaScript handler, and a click (or Enter in a field) made the browser submit it natively: a GET
// to the page with every field in the address, the password of the sign-in form included, where
// proxies and access logs keep it. A disabled default button also stops implicit submission.
import { useSyncExternalStore, type ButtonHTMLAttributes } from "react";

const noSubscription = () => () => {};

export function SubmitButton({ disabled, ...props }: ButtonHTMLAttributes<HTMLButtonElement>) {
  const hydrated = useSyncExternalStore(noSubscription, () => true, () => false);
  return <button {...props} type="submit" disabled={!hydrated || disabled} />;
}
