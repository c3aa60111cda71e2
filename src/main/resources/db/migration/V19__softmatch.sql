-- SoftMatch's weights join the hyperparameters; runs stored before kept pseudo-labels by
-- a threshold.
update training_run
set hyperparameters = '{"softMatch": false}'::jsonb || hyperparameters
where not hyperparameters ? 'softMatch';
