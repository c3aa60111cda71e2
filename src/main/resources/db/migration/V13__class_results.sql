-- The best checkpoint's first guesses class by class (on test, or on validation where the
-- data set has no test split): {"split": ..., "classNames": [...], "confusion": [[...]]}.
alter table training_run
    add column class_results jsonb check (jsonb_typeof(class_results) = 'object');

-- Whether the run's data set splits by its archive's layout, so that the split's
-- hyperparameters do not apply to it. Runs before this column trained on uploads alike.
alter table training_run
    add column split_by_layout boolean not null default false;
update training_run r
   set split_by_layout = true
  from dataset d
 where d.id = r.dataset_id and d.format = 'UPLOADED';
