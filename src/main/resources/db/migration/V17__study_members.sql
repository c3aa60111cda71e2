-- A study keeps the list of its runs, each with its configuration's place in the study;
-- a run no longer names a study, so the runs module knows nothing of studies.
-- training_run.study_id and study_configuration stay, unread, until a later release
-- copies what pods of the previous version wrote there during the rolling update and
-- drops them (expand, then contract): those pods still map the columns.
create table study_run (
    run_id        bigint  primary key references training_run (id),
    study_id      bigint  not null references study (id),
    configuration integer not null check (configuration >= 0)
);

create index study_run_study_idx on study_run (study_id, run_id);

insert into study_run (run_id, study_id, configuration)
select id, study_id, study_configuration from training_run where study_id is not null;
