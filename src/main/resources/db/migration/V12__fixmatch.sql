-- FixMatch, with or without the contrastive term, joins the algorithms a run may train.
alter table training_run drop constraint training_run_algorithm_check;
alter table training_run add constraint training_run_algorithm_check
    check (algorithm in ('SUPERVISED', 'MIXMATCH', 'SIMMIXMATCH', 'FIXMATCH', 'SIMFIXMATCH'));

-- Runs stored before FixMatch name its hyperparameters with the presets' values, so that
-- every stored run reads as a whole Hyperparameters (they train as they did: MixMatch and
-- supervised training read none of them).
update training_run
set hyperparameters = '{"threshold": 0.95, "lambdaPseudo": 1.0, "flexMatch": false}'::jsonb || hyperparameters
where not hyperparameters ? 'threshold';
