package dev.memebattle.telegram;

import dev.memebattle.picture.PictureLimits;
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
    private final PictureLimits limits;
    /** "https://api.telegram.org/file/bot&lt;token&gt;/": holds the token, so it is never logged. */
    private final String fileBase;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    /** @param url the Bot API server files come from (the one the bot talks to) */
    TelegramPictures(BotApi api, TelegramUrl url, String token, PictureLimits limits) {
        this.api = api;
        this.limits = limits;
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
        try {
            limits.checkSize(file.declaredBytes());
        } catch (UnusablePicture tooLarge) {
            return CompletableFuture.failedFuture(tooLarge);
        }
        return api.call(GetFile.builder().fileId(file.fileId()).build())
                .thenCompose(found -> {
                    try {
                        limits.checkSize(found.getFileSize() == null ? 0 : found.getFileSize());
                    } catch (UnusablePicture tooLarge) {
                        throw new CompletionException(tooLarge);
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
                        return limits.readAtMost(in);
                    } catch (UnusablePicture tooLarge) {
                        throw new CompletionException(tooLarge);
                    } catch (IOException e) {
                        throw new CompletionException(new UnusablePicture("Telegram didn't give me that picture — send it again.", e));
                    }
                });
    }

}
