import { Badge } from "@/components/ui/badge";

export function StatusBadge({ status }: { status: { name: string; color: string } }) {
  return <Badge color={status.color}>{status.name}</Badge>;
}

export function PriorityBadge({ priority }: { priority: { name: string; color: string } }) {
  return <Badge color={priority.color}>{priority.name}</Badge>;
}
