-- CreateIndex
CREATE INDEX "OutboxMessage_state_id_idx" ON "OutboxMessage"("state", "id");

