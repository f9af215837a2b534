package dev.memebattle.store;

import dev.memebattle.config.BotConfig;
import dev.memebattle.config.StoreConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoreConfigTest {

    @Test
    void theShippedConfigUsesTheSqliteFile() {
        StoreConfig store = BotConfig.load(Path.of("config.yml"), Map.of()).store();
        assertThat(store).isEqualTo(StoreConfig.of(StoreConfig.DEFAULT_URL));
        assertThat(BotConfig.defaults().store().url()).isEqualTo("jdbc:sqlite:data/memebattle.db");
        assertThat(Dialect.of(store.url())).isEqualTo(Dialect.SQLITE);
        assertThat(Dialect.of("jdbc:postgresql://db/memebattle")).isEqualTo(Dialect.POSTGRESQL);
    }

    @Test
    void anUnsupportedUrlIsAClearError() {
        assertThatThrownBy(() -> Database.open("jdbc:mysql://x/y")).isInstanceOf(dev.memebattle.config.ConfigException.class)
                .hasMessageContaining("jdbc:sqlite:").hasMessageContaining("jdbc:mysql://x/y");
    }

    @Test
    void anUnreachableServerIsAShortStoreErrorWithoutThePassword() {
        assertThatThrownBy(() -> Database.open("jdbc:postgresql://127.0.0.1:1/nope?password=hunter2&connectTimeout=2", "", "", 1))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("127.0.0.1:1/nope")
                .hasMessageNotContaining("hunter2");
    }
}
