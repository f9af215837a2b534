package dev.memebattle.config;

/**
 * Where the bot keeps its state. The database password is not here: it comes from
 * {@code MEMEBATTLE_DB_PASSWORD} (or inside the URL, for throwaway test databases).
 *
 * @param url                  JDBC URL: {@code jdbc:sqlite:FILE} (default {@code data/memebattle.db}) or
 *                             {@code jdbc:postgresql://HOST/DB} when several bot processes share one database
 * @param user                 database user (PostgreSQL); empty = none or in the URL
 * @param poolSize             connections in the pool; 0 = a sensible default for the database
 * @param settingsCacheSeconds how long a process may serve a chat's settings and list of own templates from memory; other
 *                             processes' changes show up within this time (own changes at once)
 */
public record StoreConfig(String url, String user, Integer poolSize, Integer settingsCacheSeconds) {
    public static final String DEFAULT_URL = "jdbc:sqlite:data/memebattle.db";
    static final StoreConfig DEFAULTS = new StoreConfig(null, null, null, null);

    public StoreConfig {
        url = url == null || url.isBlank() ? DEFAULT_URL : url.strip();
        user = user == null ? "" : user.strip();
        poolSize = poolSize == null ? 0 : Math.max(0, poolSize);
        settingsCacheSeconds = settingsCacheSeconds == null ? 5 : Math.max(0, settingsCacheSeconds);
    }

    public static StoreConfig of(String url) {
        return new StoreConfig(url, null, null, null);
    }
}
