-- A run with validationPerClass 0 has no validation set: its epochs have no validation
-- accuracy (rather than a 0 that reads as a measurement).
alter table epoch_metric alter column val_top1 drop not null;
alter table epoch_metric alter column val_top5 drop not null;
