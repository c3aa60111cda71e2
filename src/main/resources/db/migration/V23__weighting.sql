-- How FixMatch weighs its pseudo-labels becomes one hyperparameter, weighting, where three
-- booleans named it (softMatch and freeMatch excluding each other, flexMatch read only
-- without them); WeightingBooleans reads old checkpoints, and runs that pods of the
-- previous version store during the rolling update, the same way. Runs from before
-- FixMatch read as a fixed threshold, which they never read. The booleans stay, and new
-- runs are stored with them too, for those pods to read until a later release drops
-- them (expand, then contract). That release must run this update again first: a pod of
-- the previous version that saves a run during the rolling update writes its
-- hyperparameters back without weighting. Studies keep their requests and configurations
-- as their clients wrote them: they are launched, and only shown.
update training_run
set hyperparameters = hyperparameters || jsonb_build_object('weighting', case
        when (hyperparameters ->> 'softMatch')::boolean then 'SOFTMATCH'
        when (hyperparameters ->> 'freeMatch')::boolean then 'FREEMATCH'
        when (hyperparameters ->> 'flexMatch')::boolean then 'FLEXMATCH'
        else 'THRESHOLD'
    end)
where not hyperparameters ? 'weighting';
