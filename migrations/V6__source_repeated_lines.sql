-- Lines that repeat across the documents of one source (the host of their source URL): once a line has been seen
-- in enough earlier documents of that source it is dropped as boilerplate (bylines, footers, share prompts that no
-- data file lists). Only a 64-bit hash of the normalised line is kept.
CREATE TABLE source_lines (
    source     varchar(255) NOT NULL,
    line_hash  bigint       NOT NULL,
    documents  integer      NOT NULL DEFAULT 1,
    PRIMARY KEY (source, line_hash)
);
