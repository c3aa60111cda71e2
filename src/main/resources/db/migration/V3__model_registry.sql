-- A promotion copies a run's BEST checkpoint as RELEASED: a later BEST never replaces it.
alter table checkpoint drop constraint checkpoint_kind_check;
alter table checkpoint add constraint checkpoint_kind_check
    check (kind in ('BEST', 'LAST', 'PERIODIC', 'RELEASED'));

-- Model aliases (such as production) and their history: version n of an alias serves the
-- checkpoint promoted n-th; the alias serves its highest version.
create table model_version (
    alias           text        not null check (alias ~ '^[a-z][a-z0-9-]{0,62}$'),
    version         integer     not null check (version >= 1),
    checkpoint_id   bigint      not null references checkpoint (id),
    run_id          bigint      not null references training_run (id),
    promoted_at     timestamptz not null,
    primary key (alias, version)
);
