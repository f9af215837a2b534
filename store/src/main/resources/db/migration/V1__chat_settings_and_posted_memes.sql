-- Portable SQL: runs unchanged on SQLite and PostgreSQL. Times are epoch milliseconds (BIGINT),
-- flags are INTEGER 0/1, lists are JSON arrays in TEXT.

CREATE TABLE chat_settings (
    chat_key         VARCHAR(200) NOT NULL PRIMARY KEY,
    allowed          TEXT         NOT NULL,
    denied           TEXT         NOT NULL,
    cooldown_seconds INTEGER      NOT NULL,
    filter           VARCHAR(16)  NOT NULL,
    reroll           VARCHAR(16)  NOT NULL,
    updated_at       BIGINT       NOT NULL
);

CREATE TABLE posted_memes (
    chat_key     VARCHAR(200) NOT NULL,
    message_id   VARCHAR(200) NOT NULL,
    requester_id VARCHAR(200) NOT NULL,
    template_key VARCHAR(200) NOT NULL,
    text_kind    VARCHAR(8)   NOT NULL, -- 'ai': text is the AI prefix; 'own': text is a JSON array, one per box
    text         TEXT         NOT NULL,
    seed         BIGINT       NOT NULL,
    format       VARCHAR(8)   NOT NULL,
    filter       VARCHAR(16)  NOT NULL,
    rerolls      INTEGER      NOT NULL,
    posted_at    BIGINT       NOT NULL,
    PRIMARY KEY (chat_key, message_id)
);

CREATE INDEX posted_memes_by_age ON posted_memes (posted_at);
