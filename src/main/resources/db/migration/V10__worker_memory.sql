-- The memory a worker's steps may use (its GPUs', or its machine's), so that a launch can
-- refuse a run whose estimated step fits no live worker.
alter table worker add column memory_bytes bigint check (memory_bytes > 0);
