CREATE TABLE `refused_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`minute` integer NOT NULL,
	`remote_addr` text NOT NULL,
	`count` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `refused_minute_addr_idx` ON `refused_requests` (`minute`,`remote_addr`);