package dev.memebattle.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.memebattle.caption.FilterLevel;
import dev.memebattle.chat.ChatSettings;
import dev.memebattle.chat.ChatSettingsStore;
import dev.memebattle.chat.RerollPolicy;
import dev.memebattle.chat.TemplateSaving;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Per-chat settings in the database. Reads are cached briefly because autocomplete asks for every
 * template it shows; this process's own updates invalidate the cache at once, other processes'
 * updates show up within {@code cacheTtl}. Updates lock the chat's row, so concurrent admins
 * (threads or processes) never lose each other's changes.
 */
public final class SqlChatSettingsStore implements ChatSettingsStore {

    private final Database db;
    private final Clock clock;
    private final Cache<String, ChatSettings> cache;

    public SqlChatSettingsStore(Database db, Clock clock, Duration cacheTtl) {
        this.db = db;
        this.clock = clock;
        this.cache = Caffeine.newBuilder().expireAfterWrite(cacheTtl).maximumSize(10_000).build();
    }

    @Override
    public ChatSettings get(String chatKey) {
        return cache.get(chatKey, key -> db.read(c -> select(c, key, "")).orElse(ChatSettings.DEFAULTS));
    }

    /** {@code change} may run more than once if the transaction is retried: keep it a pure function. */
    @Override
    public ChatSettings update(String chatKey, UnaryOperator<ChatSettings> change) {
        ChatSettings updated = db.write(c -> {
            long now = clock.millis();
            // Make sure the row exists so that it can be locked, then lock it while we change it.
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO chat_settings "
                    + "(chat_key, allowed, denied, cooldown_seconds, filter, reroll, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
                    + "ON CONFLICT (chat_key) DO NOTHING")) {
                bind(insert, chatKey, ChatSettings.DEFAULTS, now);
                insert.executeUpdate();
            }
            ChatSettings current = select(c, chatKey, db.dialect().forUpdate()).orElse(ChatSettings.DEFAULTS);
            ChatSettings next = change.apply(current);
            try (PreparedStatement update = c.prepareStatement("UPDATE chat_settings SET allowed = ?, denied = ?, "
                    + "cooldown_seconds = ?, filter = ?, reroll = ?, template_savers = ?, updated_at = ? WHERE chat_key = ?")) {
                update.setString(1, JsonLists.write(next.allowed()));
                update.setString(2, JsonLists.write(next.denied()));
                update.setInt(3, next.cooldownSeconds());
                update.setString(4, next.filter().name());
                update.setString(5, next.reroll().name());
                update.setString(6, next.saving().name());
                update.setLong(7, now);
                update.setString(8, chatKey);
                update.executeUpdate();
            }
            return next;
        });
        // After the commit: a read that raced with us may have cached the old value.
        cache.invalidate(chatKey);
        return updated;
    }

    private static void bind(PreparedStatement s, String chatKey, ChatSettings v, long now) throws SQLException {
        s.setString(1, chatKey);
        s.setString(2, JsonLists.write(v.allowed()));
        s.setString(3, JsonLists.write(v.denied()));
        s.setInt(4, v.cooldownSeconds());
        s.setString(5, v.filter().name());
        s.setString(6, v.reroll().name());
        s.setLong(7, now);
    }

    private static Optional<ChatSettings> select(Connection c, String chatKey, String lock) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT allowed, denied, cooldown_seconds, filter, reroll, template_savers "
                + "FROM chat_settings WHERE chat_key = ?" + lock)) {
            s.setString(1, chatKey);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                return Optional.of(new ChatSettings(new HashSet<>(JsonLists.read(r.getString(1))),
                        new HashSet<>(JsonLists.read(r.getString(2))), r.getInt(3),
                        Enums.parse(FilterLevel.class, r.getString(4), ChatSettings.DEFAULTS.filter()),
                        Enums.parse(RerollPolicy.class, r.getString(5), ChatSettings.DEFAULTS.reroll()),
                        Enums.parse(TemplateSaving.class, r.getString(6), ChatSettings.DEFAULTS.saving())));
            }
        }
    }
}
