CREATE TABLE `console_tokens` (
	`hash` text PRIMARY KEY NOT NULL,
	`vm_uuid` text NOT NULL,
	`kind` text NOT NULL,
	`user` text,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `console_tokens_expires_idx` ON `console_tokens` (`expires_at`);