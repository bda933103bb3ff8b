CREATE TABLE `iso_images` (
	`path` text PRIMARY KEY NOT NULL,
	`size` integer NOT NULL,
	`mtime_ms` integer NOT NULL,
	`volume_id` text DEFAULT '' NOT NULL,
	`os_distro` text DEFAULT 'unknown' NOT NULL,
	`os_version` text DEFAULT 'unknown' NOT NULL,
	`bootable` integer DEFAULT false NOT NULL,
	`checked_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `iso_scan_results` (
	`scan_id` integer NOT NULL,
	`path` text NOT NULL,
	FOREIGN KEY (`scan_id`) REFERENCES `iso_scans`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `iso_scan_results_scan_idx` ON `iso_scan_results` (`scan_id`);--> statement-breakpoint
CREATE TABLE `iso_scans` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`paths` text NOT NULL,
	`task_id` integer,
	`stop_requested` integer DEFAULT false NOT NULL,
	`files` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL
);
