-- API keys: only a SHA-256 of each key is stored; the key itself is shown once, when it is
-- created. A revoked key stays listed with the time it was revoked.
create table api_key (
    id          bigserial primary key,
    name        text        not null unique check (length(name) between 1 and 100),
    role        text        not null check (role in ('READER', 'TRAINER', 'ADMIN')),
    prefix      text        not null,
    secret_hash bytea       not null unique,
    created_by  text,
    created_at  timestamptz not null,
    revoked_at  timestamptz
);

-- Who launched a run: the API key or token subject; null where authentication is off.
alter table training_run add column created_by text;
create index training_run_active_by_creator on training_run (created_by)
    where status in ('QUEUED', 'RUNNING');
