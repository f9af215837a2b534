package dev.memebattle.discord;

import dev.memebattle.picture.PictureLimits;
import dev.memebattle.picture.UnusablePicture;
import net.dv8tion.jda.api.entities.Message;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * People's pictures from Discord: attachments only, and only from Discord's own CDN (never an
 * address someone typed), within the size limit from the size Discord declares and again while
 * reading. What the picture is, is checked after that by the core's picture reader.
 */
final class DiscordPictures {

    /** Where Discord serves attachments. */
    static final List<String> DISCORD_CDN = List.of("https://cdn.discordapp.com/", "https://media.discordapp.net/");

    private final List<String> allowed;
    private final PictureLimits limits;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    /** @param cdnUrl where attachments come from instead of Discord's CDN (our tests' fake); empty = Discord's */
    DiscordPictures(String cdnUrl, PictureLimits limits) {
        this.allowed = cdnUrl.isBlank() ? DISCORD_CDN : List.of(cdnUrl.endsWith("/") ? cdnUrl : cdnUrl + "/");
        this.limits = limits;
    }

    /** The attachment's bytes; fails with {@link UnusablePicture} (its message for the user) when refused. */
    CompletableFuture<byte[]> fetch(Message.Attachment attachment) {
        String url = attachment.getUrl();
        if (allowed.stream().noneMatch(prefix -> url.toLowerCase(Locale.ROOT).startsWith(prefix))) {
            return CompletableFuture.failedFuture(new UnusablePicture("I only take pictures attached on Discord itself."));
        }
        try {
            limits.checkSize(attachment.getSize());
        } catch (UnusablePicture tooLarge) {
            return CompletableFuture.failedFuture(tooLarge);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream()).thenApply(response -> {
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new CompletionException(new UnusablePicture("Discord didn't give me that picture — attach it again."));
                }
                return limits.readAtMost(body);
            } catch (UnusablePicture tooLarge) {
                throw new CompletionException(tooLarge);
            } catch (IOException e) {
                throw new CompletionException(new UnusablePicture("Discord didn't give me that picture — attach it again.", e));
            }
        });
    }
}
