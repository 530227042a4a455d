-- DropIndex
DROP INDEX "Ticket_isOpen_priorityOrder_updatedAt_id_idx";

-- DropIndex
DROP INDEX "Ticket_departmentId_isOpen_priorityOrder_updatedAt_id_idx";

-- CreateIndex
CREATE INDEX "Ticket_departmentId_isOpen_priorityOrder_updatedAt_id_idx" ON "Ticket"("departmentId", "isOpen", "priorityOrder", "updatedAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Ticket_isOpen_priorityOrder_updatedAt_id_idx" ON "Ticket"("isOpen", "priorityOrder", "updatedAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Ticket_assigneeId_isOpen_priorityOrder_updatedAt_id_idx" ON "Ticket"("assigneeId", "isOpen", "priorityOrder", "updatedAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Ticket_teamId_isOpen_priorityOrder_updatedAt_id_idx" ON "Ticket"("teamId", "isOpen", "priorityOrder", "updatedAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Ticket_isOpen_createdAt_id_idx" ON "Ticket"("isOpen", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Ticket_departmentId_isOpen_createdAt_id_idx" ON "Ticket"("departmentId", "isOpen", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Ticket_departmentId_isOpen_dueAt_idx" ON "Ticket"("departmentId", "isOpen", "dueAt");

-- CreateIndex
CREATE INDEX "Ticket_assigneeId_isOpen_dueAt_idx" ON "Ticket"("assigneeId", "isOpen", "dueAt");

-- CreateIndex
CREATE INDEX "Ticket_teamId_isOpen_dueAt_idx" ON "Ticket"("teamId", "isOpen", "dueAt");

