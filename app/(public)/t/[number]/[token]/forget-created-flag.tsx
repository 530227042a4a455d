"use client";
import { useEffect } from "react";

/** Drops "?created=1" from the address bar once shown, so a bookmark is the plain private link. */
export function ForgetCreatedFlag() {
  useEffect(() => {
    window.history.replaceState(window.history.state, "", window.location.pathname);
  }, []);
  return null;
}
