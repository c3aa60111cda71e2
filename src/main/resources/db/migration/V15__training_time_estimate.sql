-- A run's training time as estimated at launch, from the pool's measured throughput.
alter table training_run
    add column estimated_seconds            double precision check (estimated_seconds >= 0),
    add column estimated_images_per_second  double precision check (estimated_images_per_second > 0),
    add column estimated_from_runs          integer          check (estimated_from_runs > 0);
