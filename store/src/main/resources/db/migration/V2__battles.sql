-- Meme battles. Results are rows written once when a round closes; leaderboards are sums over them,
-- so they can always be recomputed and never drift.

CREATE TABLE battle_settings (
    chat_key      VARCHAR(200) NOT NULL PRIMARY KEY,
    enabled       INTEGER      NOT NULL,
    admins_only   INTEGER      NOT NULL,
    round_minutes INTEGER      NOT NULL,
    max_rounds    INTEGER      NOT NULL,
    updated_at    BIGINT       NOT NULL
);

CREATE TABLE players (
    platform     VARCHAR(32)  NOT NULL,
    user_id      VARCHAR(200) NOT NULL,
    display_name VARCHAR(200) NOT NULL,
    updated_at   BIGINT       NOT NULL,
    PRIMARY KEY (platform, user_id)
);

CREATE TABLE battles (
    battle_id     VARCHAR(32)  NOT NULL PRIMARY KEY,
    chat_key      VARCHAR(200) NOT NULL,
    platform      VARCHAR(32)  NOT NULL,
    chat_id       VARCHAR(200) NOT NULL,
    channel       VARCHAR(200) NOT NULL, -- where the adapter posts (Discord: the channel in the server)
    starter_id    VARCHAR(200) NOT NULL,
    template_key  VARCHAR(200),          -- NULL: a random allowed template each round
    rounds        INTEGER      NOT NULL,
    round_minutes INTEGER      NOT NULL,
    current_round INTEGER      NOT NULL,
    state         VARCHAR(16)  NOT NULL, -- RUNNING, FINISHED, CANCELLED
    started_at    BIGINT       NOT NULL,
    ended_at      BIGINT
);

-- At most one running battle per chat, even with several bot processes.
CREATE UNIQUE INDEX battles_one_running_per_chat ON battles (chat_key) WHERE state = 'RUNNING';

CREATE TABLE battle_rounds (
    battle_id    VARCHAR(32)  NOT NULL REFERENCES battles (battle_id),
    round_no     INTEGER      NOT NULL,
    template_key VARCHAR(200) NOT NULL,
    started_at   BIGINT       NOT NULL,
    deadline     BIGINT       NOT NULL,
    state        VARCHAR(16)  NOT NULL, -- OPEN, CLOSED, CANCELLED
    closed_at    BIGINT,
    PRIMARY KEY (battle_id, round_no)
);

CREATE INDEX battle_rounds_open_by_deadline ON battle_rounds (deadline) WHERE state = 'OPEN';

CREATE TABLE battle_entries (
    battle_id    VARCHAR(32)  NOT NULL,
    round_no     INTEGER      NOT NULL,
    player_id    VARCHAR(200) NOT NULL,
    template_key VARCHAR(200) NOT NULL,
    text_kind    VARCHAR(8)   NOT NULL,
    text         TEXT         NOT NULL,
    seed         BIGINT       NOT NULL,
    format       VARCHAR(8)   NOT NULL,
    filter       VARCHAR(16)  NOT NULL,
    caption      TEXT         NOT NULL,   -- the final text as rendered, for results
    message_id   VARCHAR(200),            -- the platform message showing it, once the adapter posted it
    entered_at   BIGINT       NOT NULL,
    PRIMARY KEY (battle_id, round_no, player_id),
    FOREIGN KEY (battle_id, round_no) REFERENCES battle_rounds (battle_id, round_no)
);

CREATE INDEX battle_entries_by_message ON battle_entries (message_id);

CREATE TABLE battle_votes (
    battle_id VARCHAR(32)  NOT NULL,
    round_no  INTEGER      NOT NULL,
    player_id VARCHAR(200) NOT NULL,  -- whose entry
    voter_id  VARCHAR(200) NOT NULL,
    voted_at  BIGINT       NOT NULL,
    PRIMARY KEY (battle_id, round_no, player_id, voter_id),
    FOREIGN KEY (battle_id, round_no, player_id) REFERENCES battle_entries (battle_id, round_no, player_id)
        ON DELETE CASCADE
);

CREATE TABLE battle_results (
    battle_id VARCHAR(32)  NOT NULL,
    round_no  INTEGER      NOT NULL,
    player_id VARCHAR(200) NOT NULL,
    chat_key  VARCHAR(200) NOT NULL,
    platform  VARCHAR(32)  NOT NULL,
    place     INTEGER      NOT NULL,
    votes     INTEGER      NOT NULL,
    points    INTEGER      NOT NULL,
    won       INTEGER      NOT NULL,
    closed_at BIGINT       NOT NULL,
    PRIMARY KEY (battle_id, round_no, player_id),
    FOREIGN KEY (battle_id, round_no) REFERENCES battle_rounds (battle_id, round_no)
);

CREATE INDEX battle_results_by_chat ON battle_results (chat_key, player_id);
CREATE INDEX battle_results_by_player ON battle_results (platform, player_id);
