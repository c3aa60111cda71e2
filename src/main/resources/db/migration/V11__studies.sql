-- A study: one request that launches a run per configuration and seed, and compares them.
-- Its configurations are fixed at launch; its status follows from its runs'.
create table study (
    id                  bigint generated always as identity primary key,
    name                text             not null check (length(name) between 1 and 200),
    dataset_id          text             not null references dataset (id),
    strategy            text             not null check (strategy in ('GRID', 'RANDOM')),
    -- The request as the client sent it: base, grid or ranges, seeds, stopping rule.
    request             jsonb            not null check (jsonb_typeof(request) = 'object'),
    -- What each configuration sets, in launch order: [{"algorithm": ..., "lambdaSim": ...}, ...].
    configurations      jsonb            not null check (jsonb_typeof(configurations) = 'array'),
    -- The configuration the others are compared with.
    baseline            integer          check (baseline >= 0),
    cancel_requested    boolean          not null default false,
    created_by          text,
    created_at          timestamptz      not null
);

-- A run launched by a study belongs to it, as one of its configurations; a run the
-- median rule stopped says why.
alter table training_run
    add column study_id bigint references study (id),
    add column study_configuration integer check (study_configuration >= 0),
    add column stopped_early text,
    add constraint training_run_study_membership_check
        check ((study_id is null) = (study_configuration is null));

create index training_run_study_idx on training_run (study_id) where study_id is not null;
