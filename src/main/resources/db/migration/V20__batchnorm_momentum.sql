-- BatchNorm's momentum joins the hyperparameters; runs stored before trained with
-- libtorch's 0.1.
update training_run
set hyperparameters = '{"batchNormMomentum": 0.1}'::jsonb || hyperparameters
where not hyperparameters ? 'batchNormMomentum';
