-- Checkpoint bytes move into the blob store: one stored file per run and checksum, which
-- the rows with those bytes (LAST, BEST, PERIODIC and RELEASED copies) share.
alter table checkpoint add column blob_key text;

update checkpoint set blob_key = 'checkpoints/' || run_id || '/' || sha256 || '.ckpt';

insert into blob (key, size_bytes)
select distinct on (blob_key) blob_key, size_bytes from checkpoint order by blob_key, id;

insert into blob_chunk (blob_key, chunk, data)
select first.blob_key, chunk.chunk, chunk.data
from checkpoint_chunk chunk
join (select distinct on (blob_key) id, blob_key from checkpoint order by blob_key, id) first
  on first.id = chunk.checkpoint_id;

alter table checkpoint alter column blob_key set not null;

create index checkpoint_blob_key_idx on checkpoint (blob_key);

drop table checkpoint_chunk;
