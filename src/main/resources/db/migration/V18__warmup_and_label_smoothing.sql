-- A learning-rate warm-up and label smoothing join the hyperparameters; runs stored
-- before trained with neither.
update training_run
set hyperparameters = '{"warmupEpochs": 0, "labelSmoothing": 0}'::jsonb || hyperparameters
where not hyperparameters ? 'warmupEpochs';
