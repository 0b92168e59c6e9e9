-- Administrator roles (portal rights): the admin API areas an administrator may use. NULL = full administrator.
ALTER TABLE "users" ADD COLUMN "admin_areas" text[];
