-- The test accuracy of a run's best checkpoint, where its data set has a test split.
alter table training_run
    add column test_top1 double precision check (test_top1 between 0 and 1),
    add column test_top5 double precision check (test_top5 between 0 and 1);
