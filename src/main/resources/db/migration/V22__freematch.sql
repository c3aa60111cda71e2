-- FreeMatch's self-adaptive thresholds join the hyperparameters; runs stored before kept
-- pseudo-labels by a fixed or FlexMatch's threshold, or weighed them by SoftMatch's.
update training_run
set hyperparameters = '{"freeMatch": false}'::jsonb || hyperparameters
where not hyperparameters ? 'freeMatch';
