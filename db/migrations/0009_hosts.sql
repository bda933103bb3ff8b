CREATE TABLE `hosts` (
	`name` text PRIMARY KEY NOT NULL,
	`uri` text NOT NULL,
	`migration_uri` text,
	`description` text DEFAULT '' NOT NULL,
	`added_by` text,
	`added_at` integer NOT NULL
);
--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_vm_meta` (
	`host` text DEFAULT 'local' NOT NULL,
	`uuid` text NOT NULL,
	`template` text,
	`icon` text,
	`users` text DEFAULT '[]' NOT NULL,
	`groups` text DEFAULT '[]' NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`host`, `uuid`)
);
--> statement-breakpoint
INSERT INTO `__new_vm_meta`("host", "uuid", "template", "icon", "users", "groups", "created_at") SELECT 'local', "uuid", "template", "icon", "users", "groups", "created_at" FROM `vm_meta`;--> statement-breakpoint
DROP TABLE `vm_meta`;--> statement-breakpoint
ALTER TABLE `__new_vm_meta` RENAME TO `vm_meta`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
ALTER TABLE `console_tokens` ADD `host` text DEFAULT 'local' NOT NULL;--> statement-breakpoint
ALTER TABLE `tasks` ADD `host` text DEFAULT 'local' NOT NULL;