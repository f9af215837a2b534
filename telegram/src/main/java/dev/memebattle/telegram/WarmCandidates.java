package dev.memebattle.telegram;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.memebattle.chat.InlineCandidates;
import dev.memebattle.engine.Meme;
import dev.memebattle.engine.MemeRequest;
import dev.memebattle.engine.MemeText;
import dev.memebattle.template.MemeTemplate;
import dev.memebattle.template.TemplateCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Inline candidates kept ready ahead of the queries. For the templates used inline most (until there
 * is use to go by, the catalog's popular order), the first candidates of the template's own query
 * ({@code @bot doge}) are made — and uploaded, where candidates need uploading — while the engine
 * and the storage chats have nothing else to do: a round at a time, drawn one after another, its
 * stills uploaded in one message and at most one GIF. A burst of queries is then answered at
 * once from them, next to the fresh candidates that are ready in time, and {@code @bot doge} itself
 * costs nothing. They carry only the model's words, never a user's, so anyone may be shown them.
 */
final class WarmCandidates {

    private static final Logger log = LoggerFactory.getLogger(WarmCandidates.class);
    /** Made ahead per template; more are kept when queries make them anyway. */
    static final int PER_TEMPLATE = 2;
    private static final int KEPT_PER_TEMPLATE = 5;
    private static final long MAX_BYTES = 48L << 20;
    private static final int MAX_DUPLICATES = 10_000;
    /** How fast past use fades: a template asked for an hour ago counts half. */
    private static final double HALF_LIFE_NANOS = 3600e9;
    /** After a round that failed, nothing is made for this long: a storage chat the bot lost is not hammered. */
    private static final long PAUSE_NANOS = 60_000_000_000L;

    private final InlineCandidates candidates;
    private final TemplateCatalog catalog;
    private final int templates;
    private final Function<List<MemeRequest>, CompletableFuture<Prepared>> prepare;
    private final Predicate<Meme> showable;
    private final BooleanSupplier idle;
    /** By template; bounded by their images' bytes (by URL they are served from these). */
    private final Cache<String, List<Meme>> ready = Caffeine.newBuilder()
            .maximumWeight(MAX_BYTES)
            .weigher((String key, List<Meme> memes) -> memes.stream().mapToInt(m -> m.image().bytes().length).sum())
            .build();
    private final Map<String, Double> heat = new ConcurrentHashMap<>();
    /** Template and seed of candidates that came out the same as one kept. */
    private final Set<String> duplicates = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean making = new AtomicBoolean();
    private volatile long decayedAt = System.nanoTime();
    private volatile long pausedUntil = System.nanoTime();

    /**
     * @param templates how many templates to keep warm (0: none; candidates that queries make are still kept)
     * @param prepare   makes candidates showable (rendered, and uploaded where needed)
     * @param showable  whether Telegram can be shown a kept candidate now (its upload is still known)
     * @param idle      whether background work would delay nobody now
     */
    WarmCandidates(InlineCandidates candidates, TemplateCatalog catalog, int templates,
                   Function<List<MemeRequest>, CompletableFuture<Prepared>> prepare, Predicate<Meme> showable,
                   BooleanSupplier idle) {
        this.candidates = candidates;
        this.catalog = catalog;
        this.templates = templates;
        this.prepare = prepare;
        this.showable = showable;
        this.idle = idle;
    }

    /**
     * A round's outcome.
     *
     * @param made   the candidates now showable
     * @param failed how many could not be made (a picture, the storage chat); the others were skipped
     *               to give way to queries
     */
    record Prepared(List<Meme> made, int failed) {
    }

    /** A query asked for this template: it moves up the list of templates kept warm. */
    void asked(MemeTemplate template) {
        heat.merge(template.key(), 1.0, Double::sum);
    }

    /** A candidate a query made and showed: kept for others when it carries no user's words. */
    void offer(MemeRequest request, Meme meme) {
        if (request.text() instanceof MemeText.Ai ai && ai.prefix().isBlank()) {
            keep(meme);
        }
    }

    /** Candidates of this template that can be shown at once, the oldest first. */
    List<Meme> ready(MemeTemplate template) {
        List<Meme> list = ready.getIfPresent(template.key());
        return list == null ? List.of() : list.stream().filter(showable).toList();
    }

    /**
     * Makes the missing candidates of the warmest templates, if nothing else is going on: a round at a
     * time — up to a media group's worth of stills (uploaded together, one message to a storage chat)
     * and at most one GIF (a message of its own). Called regularly from a timer.
     */
    void tick() {
        if (templates == 0 || making.get() || System.nanoTime() - pausedUntil < 0 || !idle.getAsBoolean()) {
            return;
        }
        decay();
        List<MemeRequest> next = new ArrayList<>();
        boolean gif = false;
        for (MemeTemplate template : warmest()) {
            for (MemeRequest r : missing(template)) {
                if (next.size() < StorageUploads.MEDIA_GROUP && !(gif && template.animated())) {
                    next.add(r);
                    gif |= template.animated();
                }
            }
        }
        if (next.isEmpty() || !making.compareAndSet(false, true)) {
            return;
        }
        prepare.apply(next).whenComplete((round, error) -> {
            if (round != null) {
                round.made().forEach(this::keep);
            }
            if (error != null || round.failed() > 0) {
                pausedUntil = System.nanoTime() + PAUSE_NANOS; // not hammering a storage chat the bot lost
                log.debug("Warm inline candidates not made ({}); warming pauses", error != null ? error.toString()
                        : round.failed() + " of " + next.size());
            }
            making.set(false);
        });
    }

    /** The templates to keep warm: the most asked for, then the catalog's popular order. */
    private List<MemeTemplate> warmest() {
        List<MemeTemplate> out = new ArrayList<>();
        heat.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .map(e -> catalog.findExact(e.getKey()))
                .flatMap(Optional::stream)
                .limit(templates)
                .forEach(out::add);
        for (MemeTemplate t : catalog.all()) {
            if (out.size() >= templates) {
                break;
            }
            if (!out.contains(t)) {
                out.add(t);
            }
        }
        return out;
    }

    /** The template's own first candidates that are not ready (made once and kept, or made as a duplicate). */
    private List<MemeRequest> missing(MemeTemplate template) {
        Set<Long> seeds = new HashSet<>();
        ready(template).forEach(m -> seeds.add(m.seed()));
        return candidates.plan(template.key(), 0).requests().stream()
                .filter(r -> r.template().key().equals(template.key()))
                .limit(PER_TEMPLATE)
                .filter(r -> !seeds.contains(r.seed()) && !duplicates.contains(template.key() + '\u0000' + r.seed()))
                .toList();
    }

    private void keep(Meme meme) {
        ready.asMap().compute(meme.template().key(), (key, list) -> {
            List<Meme> next = new ArrayList<>(list == null ? List.of() : list);
            next.removeIf(m -> !showable.test(m)); // its upload is forgotten: it is made again when missing
            if (next.stream().anyMatch(m -> m.texts().equals(meme.texts()))) {
                // the same image as one kept (a caption writer that ignores the seed): made, not asked again
                if (duplicates.size() < MAX_DUPLICATES) {
                    duplicates.add(key + '\u0000' + meme.seed());
                }
                return List.copyOf(next);
            }
            next.add(meme);
            while (next.size() > KEPT_PER_TEMPLATE) {
                next.remove(0);
            }
            return List.copyOf(next);
        });
    }

    private void decay() {
        long now = System.nanoTime();
        double factor = Math.pow(0.5, (now - decayedAt) / HALF_LIFE_NANOS);
        decayedAt = now;
        heat.replaceAll((k, v) -> v * factor);
        heat.values().removeIf(v -> v < 0.01);
    }
}
