package dev.memebattle.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.memebattle.picture.PictureLayout;
import dev.memebattle.picture.SavedTemplate;
import dev.memebattle.picture.SavedTemplateStore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Chats' own templates and their pictures in the database. A chat's list is cached briefly because
 * it is read far more often than it changes; this process's own changes invalidate it at once,
 * other processes' changes show up within {@code cacheTtl}. Pictures are never cached: they are
 * large and only read to render. Changes to one chat run one after another (a lock per chat), so
 * concurrent saves from several processes cannot pass the quota or take one name twice.
 */
public final class SqlSavedTemplates implements SavedTemplateStore {

    /** Everything but the picture, which only {@link #picture} reads. */
    private static final String COLUMNS = "key, chat_key, name, layout, sha256, animated, bytes, added_by, added_at";
    /** Namespaces the per-chat lock, so it cannot be mistaken for another feature's lock on the same chat. */
    private static final String LOCK_PREFIX = "saved_templates:";

    private final Database db;
    private final Cache<String, List<SavedTemplate>> byChat;

    public SqlSavedTemplates(Database db, Duration cacheTtl) {
        this.db = db;
        this.byChat = Caffeine.newBuilder().expireAfterWrite(cacheTtl).maximumSize(10_000).build();
    }

    @Override
    public List<SavedTemplate> list(String chatKey) {
        return byChat.get(chatKey, chat -> db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM saved_templates WHERE chat_key = ?")) {
                s.setString(1, chat);
                List<SavedTemplate> templates = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        templates.add(template(r));
                    }
                }
                // sorted here, not by ORDER BY: PostgreSQL would sort by its locale's collation, SQLite by bytes
                templates.sort(Comparator.comparing(SavedTemplate::name));
                return List.copyOf(templates);
            }
        }));
    }

    /**
     * Read each time, not cached: it is asked for rarely (a reroll, a battle round), and then it
     * must not return a template that another process has just removed.
     */
    @Override
    public Optional<SavedTemplate> byKey(String key) {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM saved_templates WHERE key = ?")) {
                s.setString(1, key);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(template(r)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public Optional<byte[]> picture(String key) {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT picture FROM saved_templates WHERE key = ?")) {
                s.setString(1, key);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(r.getBytes(1)) : Optional.empty();
                }
            }
        });
    }

    /**
     * @throws IllegalArgumentException if {@code template.bytes()} is not the picture's size: the
     *                                  quota counts the former, so they must agree
     */
    @Override
    public Change add(SavedTemplate template, byte[] picture, Quota quota) {
        if (template.bytes() != picture.length) {
            throw new IllegalArgumentException("The template says " + template.bytes() + " bytes, its picture has "
                    + picture.length);
        }
        String chatKey = template.chatKey();
        Change change = db.write(c -> {
            lockChat(c, chatKey);
            Usage usage = usage(c, chatKey);
            if (usage.count() + 1 > quota.maxCount() || usage.bytes() + template.bytes() > quota.maxBytes()) {
                return new QuotaFull(usage.count(), usage.bytes());
            }
            if (byName(c, chatKey, template.name()).isPresent()) {
                return new NameTaken(template.name());
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO saved_templates (" + COLUMNS + ", picture) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                s.setString(1, template.key());
                s.setString(2, chatKey);
                s.setString(3, template.name());
                s.setString(4, template.layout().name());
                s.setString(5, template.sha256());
                s.setInt(6, template.animated() ? 1 : 0);
                s.setLong(7, template.bytes());
                s.setString(8, template.addedBy());
                s.setLong(9, template.addedAt().toEpochMilli());
                s.setBytes(10, picture);
                s.executeUpdate();
            }
            return new Done(template);
        });
        // After the commit: a read that raced with us may have cached the old list.
        byChat.invalidate(chatKey);
        return change;
    }

    @Override
    public Change rename(String chatKey, String name, String newName) {
        Change change = db.write(c -> {
            lockChat(c, chatKey);
            Optional<SavedTemplate> current = byName(c, chatKey, name);
            if (current.isEmpty()) {
                return new NotFound(name);
            }
            if (byName(c, chatKey, newName).isPresent()) {
                return new NameTaken(newName);
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE saved_templates SET name = ? WHERE key = ?")) {
                s.setString(1, newName);
                s.setString(2, current.get().key());
                s.executeUpdate();
            }
            return new Done(current.get().renamed(newName));
        });
        byChat.invalidate(chatKey);
        return change;
    }

    @Override
    public Change remove(String chatKey, String name) {
        Change change = db.write(c -> {
            lockChat(c, chatKey);
            Optional<SavedTemplate> current = byName(c, chatKey, name);
            if (current.isEmpty()) {
                return new NotFound(name);
            }
            try (PreparedStatement s = c.prepareStatement("DELETE FROM saved_templates WHERE key = ?")) {
                s.setString(1, current.get().key());
                s.executeUpdate();
            }
            return new Done(current.get());
        });
        byChat.invalidate(chatKey);
        return change;
    }

    /** How much of its quota a chat uses. */
    private record Usage(int count, long bytes) {
    }

    private void lockChat(Connection transaction, String chatKey) throws SQLException {
        db.dialect().lock(transaction, LOCK_PREFIX + chatKey);
    }

    private static Usage usage(Connection c, String chatKey) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT COUNT(*), COALESCE(SUM(bytes), 0) FROM saved_templates WHERE chat_key = ?")) {
            s.setString(1, chatKey);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return new Usage(r.getInt(1), r.getLong(2));
            }
        }
    }

    private static Optional<SavedTemplate> byName(Connection c, String chatKey, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM saved_templates "
                + "WHERE chat_key = ? AND name = ?")) {
            s.setString(1, chatKey);
            s.setString(2, name);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(template(r)) : Optional.empty();
            }
        }
    }

    private static SavedTemplate template(ResultSet r) throws SQLException {
        return new SavedTemplate(r.getString(1), r.getString(2), r.getString(3), PictureLayout.valueOf(r.getString(4)),
                r.getString(5), r.getInt(6) == 1, r.getLong(7), r.getString(8), Instant.ofEpochMilli(r.getLong(9)));
    }
}
