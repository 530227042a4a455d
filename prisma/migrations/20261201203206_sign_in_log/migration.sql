-- CreateTable
CREATE TABLE "SignInAttempt" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "email" TEXT NOT NULL,
    "staffId" INTEGER,
    "address" TEXT,
    "outcome" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "SignInAttempt_staffId_address_outcome_lastAt_idx" ON "SignInAttempt"("staffId", "address", "outcome", "lastAt");

-- CreateIndex
CREATE INDEX "SignInAttempt_email_address_outcome_lastAt_idx" ON "SignInAttempt"("email", "address", "outcome", "lastAt");

-- CreateIndex
CREATE INDEX "SignInAttempt_createdAt_idx" ON "SignInAttempt"("createdAt");
