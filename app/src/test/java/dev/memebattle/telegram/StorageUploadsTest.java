package dev.memebattle.telegram;

import dev.memebattle.cli.BotComponents;
import dev.memebattle.config.TelegramConfig;
import dev.memebattle.engine.Meme;
import dev.memebattle.render.ImageFormat;
import dev.memebattle.render.RenderedMeme;
import dev.memebattle.template.MemeTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the storage-chat uploader does when the send queue itself refuses (the rest: TelegramInlineBurstTest). */
class StorageUploadsTest {

    private static BotComponents core;
    private static MemeTemplate doge;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @BeforeAll
    static void core() {
        core = TelegramTestKit.core();
        doge = core.bot().catalog().findExact("doge").orElseThrow();
    }

    @AfterAll
    static void close() {
        core.close();
    }

    private static Meme meme(String text) {
        return new Meme(doge, List.of(text), 1, true, new RenderedMeme(new byte[] {1, 2, 3}, ImageFormat.JPEG, 10, 10, 1));
    }

    @Test
    void uploadsForAQueueThatShutDownFailAtOnceAndAreNotOfferedAgainForever() throws Exception {
        SendQueue queue = new SendQueue(TelegramTestKit.FAST, timer);
        queue.close(Duration.ZERO);
        StorageUploads uploads = new StorageUploads(null, queue, List.of(new StorageUploads.StorageChat("-100", true)));
        List<CompletableFuture<StorageUploads.Uploaded>> ids = uploads.upload(List.of(meme("a"), meme("b")), () -> true);
        for (CompletableFuture<StorageUploads.Uploaded> id : ids) {
            assertThatThrownBy(() -> id.get(5, TimeUnit.SECONDS)).hasMessageContaining("shutting down");
        }
        assertThat(uploads.waiting()).isZero();
        // a later upload is tried (and refused) afresh, not joined to the failed one
        assertThatThrownBy(() -> uploads.upload(List.of(meme("a")), () -> true).get(0).get(5, TimeUnit.SECONDS))
                .hasMessageContaining("shutting down");
        timer.shutdownNow();
    }
}
