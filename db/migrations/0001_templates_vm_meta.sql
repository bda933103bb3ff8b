CREATE TABLE `templates` (
	`name` text PRIMARY KEY NOT NULL,
	`spec` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `vm_locks` (
	`uuid` text PRIMARY KEY NOT NULL,
	`operation` text NOT NULL,
	`task_id` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `vm_meta` (
	`uuid` text PRIMARY KEY NOT NULL,
	`template` text,
	`icon` text,
	`users` text DEFAULT '[]' NOT NULL,
	`groups` text DEFAULT '[]' NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `tasks` ADD `error_params` text;