-- The durable queue of data-set imports: db-scheduler's table, as the workers' queue
-- (V2), one row per import, polled by the API instances and kept alive by their
-- heartbeats, so an import that an instance was running when it went away runs again.
-- A table of its own: a scheduler deletes, after a while, the rows of task names it does
-- not know, so the workers' queue and this one must not share a table.
create table dataset_import_tasks (like scheduled_tasks including all);

-- Imports in progress when this version is deployed had no row in a queue; without one
-- they would stay IMPORTING, and an IMPORTING data set cannot be deleted.
update dataset
set status = 'FAILED', updated_at = now(),
    error = 'The import stopped: the service was upgraded while it ran; upload the archive again'
where status = 'IMPORTING';
