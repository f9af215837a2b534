package dev.memebattle.telegram;

import java.io.IOException;

/**
 * The fake Bot API as a load generator sees it (for {@code dev.memebattle.discord.DashboardLoad},
 * which lives next to the fake Discord): messages from users, and flood waits (429) on our sends.
 * Test code only.
 */
public final class TelegramLoad implements AutoCloseable {

    public static final String TOKEN = TelegramTestKit.TOKEN;

    private final FakeBotApi api;

    public TelegramLoad() throws IOException {
        api = new FakeBotApi(TOKEN, TelegramTestKit.BOT);
    }

    /** Where the bot's {@code telegram.api_url} points. */
    public String url() {
        return api.url();
    }

    /** A text message from {@code userId} in {@code chatId} (negative: a supergroup, positive: a private chat). */
    public int send(long chatId, long userId, String text) {
        return api.sendText(chatId, userId, text);
    }

    /** The next {@code times} calls of {@code method} are answered as Telegram's flood limit does (429, retry_after). */
    public void floodWait(String method, int times, int retryAfterSeconds) {
        api.failNext(method, times, new FakeBotApi.Failure(429, "Too Many Requests: retry after " + retryAfterSeconds,
                retryAfterSeconds));
    }

    /** Photos the bot has posted so far (sent successfully). */
    public long photosSent() {
        return api.calls("sendPhoto").stream().filter(c -> !c.failed()).count();
    }

    @Override
    public void close() {
        api.close();
    }
}
