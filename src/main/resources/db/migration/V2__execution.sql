-- The durable queue of db-scheduler (16.x schema for PostgreSQL): one row per queued or
-- running run, locked by the worker that executes it and kept alive by its heartbeats.
create table scheduled_tasks (
    task_name               text                     not null,
    task_instance           text                     not null,
    task_data               bytea,
    execution_time          timestamp with time zone not null,
    picked                  boolean                  not null,
    picked_by               text,
    last_success            timestamp with time zone,
    last_failure            timestamp with time zone,
    consecutive_failures    integer,
    last_heartbeat          timestamp with time zone,
    version                 bigint                   not null,
    priority                smallint,
    primary key (task_name, task_instance)
);

create index scheduled_tasks_execution_time_idx on scheduled_tasks (execution_time);
create index scheduled_tasks_last_heartbeat_idx on scheduled_tasks (last_heartbeat);
create index scheduled_tasks_priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc);

-- Who trains a run, on which devices, and for the how-manieth time.
alter table training_run
    add column worker       text,
    add column devices      text,
    add column attempts     integer not null default 0 check (attempts >= 0),
    add column requested_devices integer not null default 1 check (requested_devices between 1 and 16),
    add column resumed_from_step bigint check (resumed_from_step >= 0),
    add column eta_seconds  bigint check (eta_seconds >= 0);

-- The worker processes: each upserts its row with every heartbeat.
create table worker (
    name            text primary key,
    host            text        not null,
    pid             bigint      not null,
    devices         text        not null,
    state           text        not null check (state in ('IDLE', 'TRAINING', 'STOPPING')),
    run_id          bigint      references training_run (id) on delete set null,
    started_at      timestamptz not null,
    heartbeat_at    timestamptz not null
);
