package dev.memebattle.telegram;

import dev.memebattle.picture.UnusablePicture;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.GetFile;
import org.telegram.telegrambots.meta.api.objects.Document;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.photo.PhotoSize;


import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * People's pictures from Telegram: a photo (its largest size) or an image sent as a file, fetched
 * only through the Bot API's own getFile (never an address someone typed), within the size limit
 * from the size Telegram declares and again while reading.
 */
final class TelegramPictures {

    private final BotApi api;
    private final long maxBytes;
    /** "https://api.telegram.org/file/bot&lt;token&gt;/": holds the token, so it is never logged. */
    private final String fileBase;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    /** @param url the Bot API server files come from (the one the bot talks to) */
    TelegramPictures(BotApi api, TelegramUrl url, String token, long maxBytes) {
        this.api = api;
        this.maxBytes = maxBytes;
        this.fileBase = url.getSchema() + "://" + url.getHost() + ":" + url.getPort() + "/file/bot" + token + "/";
    }

    /** A picture's file in {@code message}: its photo, or a document that says it is an image. */
    record PictureFile(String fileId, long declaredBytes) {
    }

    static Optional<PictureFile> in(Message message) {
        if (message == null) {
            return Optional.empty();
        }
        if (message.getPhoto() != null && !message.getPhoto().isEmpty()) {
            PhotoSize largest = message.getPhoto().stream()
                    .max(Comparator.comparingLong(p -> (long) p.getWidth() * p.getHeight())).orElseThrow();
            return Optional.of(new PictureFile(largest.getFileId(), largest.getFileSize() == null ? 0 : largest.getFileSize()));
        }
        Document document = message.getDocument();
        if (document != null && document.getMimeType() != null
                && document.getMimeType().toLowerCase(Locale.ROOT).startsWith("image/")) {
            return Optional.of(new PictureFile(document.getFileId(), document.getFileSize() == null ? 0 : document.getFileSize()));
        }
        return Optional.empty();
    }

    /** The picture's bytes; fails with {@link UnusablePicture} (its message for the user) when refused. */
    CompletableFuture<byte[]> fetch(PictureFile file) {
        if (file.declaredBytes() > maxBytes) {
            return CompletableFuture.failedFuture(new UnusablePicture(tooLarge(file.declaredBytes())));
        }
        return api.call(GetFile.builder().fileId(file.fileId()).build())
                .thenCompose(found -> {
                    if (found.getFileSize() != null && found.getFileSize() > maxBytes) {
                        throw new CompletionException(new UnusablePicture(tooLarge(found.getFileSize())));
                    }
                    // (the client library's own download ignores a custom Bot API server)
                    HttpRequest request = HttpRequest.newBuilder(URI.create(fileBase + found.getFilePath()))
                            .timeout(Duration.ofSeconds(20)).GET().build();
                    return http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
                })
                .thenApply(response -> {
                    try (InputStream in = response.body()) {
                        if (response.statusCode() != 200) {
                            throw new CompletionException(new UnusablePicture("Telegram didn't give me that picture — send it again."));
                        }
                        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
                        if (bytes.length > maxBytes) {
                            throw new CompletionException(new UnusablePicture(String.format(Locale.ROOT,
                                    "That picture is larger than %.1f MB, the most I take.", maxBytes / 1048576.0)));
                        }
                        return bytes;
                    } catch (IOException e) {
                        throw new CompletionException(new UnusablePicture("Telegram didn't give me that picture — send it again.", e));
                    }
                });
    }

    private String tooLarge(long bytes) {
        return String.format(Locale.ROOT, "That picture is %.1f MB; the most I take is %.1f MB.", bytes / 1048576.0,
                maxBytes / 1048576.0);
    }
}
