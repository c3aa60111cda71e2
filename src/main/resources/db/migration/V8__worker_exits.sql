-- A worker process that exits without stopping is marked EXITED, with its exit status,
-- by the supervisor that saw it go, so that its run is handled at once and the failure
-- names the cause (SIGKILL, the JVM out of heap) instead of a heartbeat timeout.
alter table worker drop constraint worker_state_check;
alter table worker add constraint worker_state_check check (state in ('IDLE', 'TRAINING', 'STOPPING', 'EXITED'));
alter table worker add column exit_status integer;

-- Attempts that ended with their worker killed by SIGKILL: a run killed twice (the
-- kernel's out-of-memory killer, most likely) is not retried again.
alter table training_run add column killed_attempts integer not null default 0 check (killed_attempts >= 0);
