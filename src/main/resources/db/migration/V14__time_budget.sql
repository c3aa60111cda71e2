-- A run may say how long it may train; runs stored before trained without a budget.
update training_run
set hyperparameters = '{"maxMinutes": 0}'::jsonb || hyperparameters
where not hyperparameters ? 'maxMinutes';
