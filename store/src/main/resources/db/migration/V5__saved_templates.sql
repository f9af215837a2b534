-- Chats' own templates. The picture is in the same row so that a template and its picture are saved
-- and removed together; it is the last column, and listing never selects it, so SQLite reads its
-- overflow pages (and PostgreSQL its TOAST) only when the picture itself is wanted.
-- ${binary} is BLOB on SQLite and BYTEA on PostgreSQL (set by Database from the Dialect).

CREATE TABLE saved_templates (
    key      VARCHAR(200) NOT NULL PRIMARY KEY, -- 'saved-…': what settings, posted memes and battles refer to
    chat_key VARCHAR(200) NOT NULL,
    name     VARCHAR(200) NOT NULL,
    layout   VARCHAR(16)  NOT NULL,             -- a PictureLayout name
    sha256   VARCHAR(64)  NOT NULL,
    animated INTEGER      NOT NULL,
    bytes    BIGINT       NOT NULL,             -- the picture's size, counted against the chat's quota
    added_by VARCHAR(200) NOT NULL,
    added_at BIGINT       NOT NULL,
    picture  ${binary}    NOT NULL,
    -- also the index for "this chat's templates": chat_key is its first column
    UNIQUE (chat_key, name)
);

-- Who may save templates in a chat; existing chats get the default, admins only.
ALTER TABLE chat_settings ADD COLUMN template_savers VARCHAR(16) NOT NULL DEFAULT 'ADMINS';
