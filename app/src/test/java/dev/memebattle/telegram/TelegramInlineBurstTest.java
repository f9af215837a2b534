package dev.memebattle.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memebattle.cli.BotComponents;
import dev.memebattle.config.TelegramConfig;
import dev.memebattle.telegram.FakeBotApi.Call;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.memebattle.telegram.TelegramTestKit.FAST;
import static dev.memebattle.telegram.TelegramTestKit.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Inline mode when the storage chat is the bottleneck (the real telegrambots client against the fake
 * Bot API): queries share media groups, a query is answered from the template's warm candidates
 * instead of waiting past Telegram's window, nothing is uploaded for a query already answered, and
 * warm candidates are made in the background only for the templates people use.
 */
class TelegramInlineBurstTest {

    private static final long STORAGE = -1009999;
    private static final long[] USERS = {301, 302, 303, 304, 305, 306};
    /** A storage channel that takes one message every 5 s: longer than the answer waits under load. */
    private static final TelegramConfig.Flood SLOW_STORAGE = new TelegramConfig.Flood(5000, 1000, 1000, 1000);
    private static final Set<String> UPLOADS = Set.of("sendphoto", "sendmediagroup", "sendanimation");

    private static BotComponents core;

    @BeforeAll
    static void core() {
        core = TelegramTestKit.core();
    }

    @AfterAll
    static void close() {
        core.close();
    }

    private static TelegramTestKit.Running start(TelegramConfig.Flood flood, int warmTemplates) throws Exception {
        TelegramTestKit.Running running = TelegramTestKit.start(core, c -> c.withFlood(flood)
                .withStorageChats(List.of(Long.toString(STORAGE))).withInlineWarmTemplates(warmTemplates));
        running.api().chatType(STORAGE, "channel");
        return running;
    }

    private static List<Call> storageMessages(FakeBotApi api) {
        return api.calls().stream().filter(c -> UPLOADS.contains(c.method().toLowerCase(java.util.Locale.ROOT))
                && !c.failed() && c.chatId() == STORAGE).toList();
    }

    /** Every file id in the messages a storage upload created (all sizes). */
    private static Set<String> fileIds(Call upload) {
        Set<String> ids = new HashSet<>();
        upload.result().findValuesAsText("file_id").forEach(ids::add);
        return ids;
    }

    /** An inline query, and the bot's answer to it. */
    private static Call ask(FakeBotApi api, long user, String query) {
        String id = api.inline(user, query, "");
        return answered(api, id);
    }

    private static Call answered(FakeBotApi api, String queryId) {
        return api.awaitOne("answerInlineQuery", c -> queryId.equals(c.text("inline_query_id")), WAIT);
    }

    private static List<String> ids(Call answer) {
        List<String> ids = new ArrayList<>();
        answer.params().path("results").forEach(r -> ids.add(r.path("id").asText()));
        return ids;
    }

    private static List<String> files(Call answer) {
        List<String> files = new ArrayList<>();
        answer.params().path("results").forEach(r -> files.add(r.path("photo_file_id").asText(r.path("gif_file_id").asText())));
        return files;
    }

    @Test
    void queriesWaitingForTheStorageChatAreAnsweredFromWarmCandidatesAndUploadNothingMore() throws Exception {
        try (TelegramTestKit.Running running = start(SLOW_STORAGE, 0)) {
            FakeBotApi api = running.api();
            // "@bot doge": the template's own candidates, which anyone may be shown (only the model's words)
            List<String> warm = files(ask(api, USERS[0], "doge"));
            assertThat(warm).hasSizeGreaterThanOrEqualTo(4);
            assertThat(storageMessages(api)).hasSize(1);

            // five people at once while the storage chat is busy for 5 s: nobody waits for it
            List<String> queries = new ArrayList<>();
            for (int i = 1; i < USERS.length; i++) {
                queries.add(api.inline(USERS[i], "doge burst " + i, ""));
            }
            for (String q : queries) {
                Call answer = answered(api, q);
                assertThat(ids(answer)).as(answer.params().toString()).isNotEmpty().allMatch(id -> id.startsWith("w-"));
                assertThat(files(answer)).allMatch(warm::contains).allMatch(api::hasFile);
                assertThat(answer.params().path("next_offset").asText()).isEqualTo("1"); // their own words on scrolling
            }
            Thread.sleep(SLOW_STORAGE.chatIntervalMs() + 1000); // the storage chat would take another message now
            assertThat(storageMessages(api)).as("nothing uploaded for queries already answered").hasSize(1);
        }
    }

    @Test
    void queriesWaitingTogetherShareOneMediaGroupAndGetTheirOwnWordsFirst() throws Exception {
        try (TelegramTestKit.Running running = start(SLOW_STORAGE, 0)) {
            FakeBotApi api = running.api();
            ask(api, USERS[0], "drake first");
            // no warm candidates of these templates: both wait for the storage chat's next message
            String drake = api.inline(USERS[1], "drake second", "");
            String cmm = api.inline(USERS[2], "cmm third", "");
            Call drakeAnswer = answered(api, drake);
            Call cmmAnswer = answered(api, cmm);
            List<Call> messages = storageMessages(api);
            assertThat(messages).hasSize(2);
            assertThat(messages.get(1).method()).isEqualToIgnoringCase("sendMediaGroup");
            Set<String> shared = fileIds(messages.get(1));
            for (Call answer : List.of(drakeAnswer, cmmAnswer)) {
                assertThat(ids(answer)).isNotEmpty().allMatch(id -> id.startsWith("p0-"));
                assertThat(files(answer)).allMatch(shared::contains);
            }
            JsonNode drakeFirst = drakeAnswer.params().path("results").path(0);
            assertThat(drakeFirst.path("description").asText()).startsWith("second");
        }
    }

    @Test
    void warmCandidatesAreMadeWhileIdleForTheTemplatesPeopleUse() throws Exception {
        try (TelegramTestKit.Running running = start(FAST, 1)) {
            FakeBotApi api = running.api();
            Call asked = ask(api, USERS[0], "drake asked");
            // drake is now the warmest template: its first candidates are made and uploaded in the background,
            // in one message (the bot was idle), and then nothing more
            long deadline = System.nanoTime() + WAIT.toNanos();
            List<Call> warmed = List.of();
            while (System.nanoTime() < deadline && warmed.isEmpty()) {
                Thread.sleep(200);
                warmed = storageMessages(api).stream().filter(m -> m.atNanos() > asked.atNanos()).toList();
            }
            assertThat(warmed).as("drake's first candidates are made ahead of any query").isNotEmpty();
            Thread.sleep(3000);
            Set<String> before = new HashSet<>();
            storageMessages(api).forEach(m -> before.addAll(fileIds(m)));
            assertThat(storageMessages(api).stream().filter(m -> m.atNanos() > asked.atNanos())).hasSize(1);

            // "@bot drake" shows those at once, and only its other candidates are new
            List<String> files = files(ask(api, USERS[1], "drake"));
            assertThat(files).hasSizeGreaterThan(WarmCandidates.PER_TEMPLATE);
            assertThat(files.subList(0, WarmCandidates.PER_TEMPLATE)).allMatch(before::contains);
            assertThat(files.subList(WarmCandidates.PER_TEMPLATE, files.size())).noneMatch(before::contains);
        }
    }
}
