// The form hook moved to components/forms/use-action-form.ts (one hook for every form); these names
// stay importable from here for the screens that still import them from this path.
export { refusalMessage, type ActionResultLike, type FormProblem } from "@/components/forms/use-action-form";
