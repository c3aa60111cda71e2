-- Distribution alignment of FixMatch's pseudo-labels joins the hyperparameters; runs
-- stored before labeled the probabilities as the model predicted them.
update training_run
set hyperparameters = '{"distributionAlignment": false}'::jsonb || hyperparameters
where not hyperparameters ? 'distributionAlignment';
