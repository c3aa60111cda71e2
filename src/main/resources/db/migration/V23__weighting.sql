-- How FixMatch weighs its pseudo-labels becomes one hyperparameter, weighting, where three
-- booleans named it (softMatch and freeMatch excluding each other, flexMatch read only
-- without them); CheckpointFile reads old checkpoints the same way. Runs from before
-- FixMatch read as a fixed threshold, which they never read. Studies keep their requests
-- and configurations as their clients wrote them: they are launched, and only shown.
update training_run
set hyperparameters = (hyperparameters - 'flexMatch' - 'softMatch' - 'freeMatch')
    || jsonb_build_object('weighting', case
        when (hyperparameters ->> 'softMatch')::boolean then 'SOFTMATCH'
        when (hyperparameters ->> 'freeMatch')::boolean then 'FREEMATCH'
        when (hyperparameters ->> 'flexMatch')::boolean then 'FLEXMATCH'
        else 'THRESHOLD'
    end)
where not hyperparameters ? 'weighting';
