-- When each user last made a meme in each chat, so cooldowns outlive restarts and hold across processes.
-- The claim time is stored, not the end, so an admin's new cooldown applies to running ones at once.

CREATE TABLE meme_cooldowns (
    chat_key   VARCHAR(200) NOT NULL,
    user_id    VARCHAR(200) NOT NULL,
    claimed_at BIGINT       NOT NULL,
    PRIMARY KEY (chat_key, user_id)
);

CREATE INDEX meme_cooldowns_by_age ON meme_cooldowns (claimed_at);
