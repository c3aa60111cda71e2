-- FixMatch, with or without the contrastive term, joins the algorithms a run may train.
alter table training_run drop constraint training_run_algorithm_check;
alter table training_run add constraint training_run_algorithm_check
    check (algorithm in ('SUPERVISED', 'MIXMATCH', 'SIMMIXMATCH', 'FIXMATCH', 'SIMFIXMATCH'));
