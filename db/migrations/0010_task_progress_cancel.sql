ALTER TABLE `tasks` ADD `progress` text;--> statement-breakpoint
ALTER TABLE `tasks` ADD `cancellable` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `tasks` ADD `cancel_requested` integer DEFAULT false NOT NULL;