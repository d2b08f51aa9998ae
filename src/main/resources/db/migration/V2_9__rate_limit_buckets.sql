-- Token buckets of the rate limits (bucket4j-postgresql), shared by every node: one row per limit and client.
-- touched_at lets idle buckets be forgotten: a bucket untouched for longer than its refill time is full again.
CREATE TABLE rate_limit_bucket (
    id         text PRIMARY KEY,
    state      bytea,
    touched_at timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION rate_limit_bucket_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.touched_at := now();
    RETURN NEW;
END
$$;

CREATE TRIGGER rate_limit_bucket_touch BEFORE UPDATE ON rate_limit_bucket
    FOR EACH ROW EXECUTE FUNCTION rate_limit_bucket_touch();

CREATE INDEX rate_limit_bucket_touched ON rate_limit_bucket (touched_at);
