package dev.memebattle.telegram;

import dev.memebattle.chat.InlineCandidates;
import dev.memebattle.engine.Meme;
import dev.memebattle.engine.MemeRequest;
import dev.memebattle.engine.MemeText;
import dev.memebattle.template.MemeTemplate;
import dev.memebattle.template.TemplateCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Inline candidates kept ready ahead of the queries. For the templates used inline most (until there
 * is use to go by, the catalog's popular order), the first candidates of the template's own query
 * ({@code @bot doge}) are made — and uploaded, where candidates need uploading — one at a time while
 * the engine and the storage chats have nothing else to do. A burst of queries is then answered at
 * once from them, next to the fresh candidates that are ready in time, and {@code @bot doge} itself
 * costs nothing. They carry only the model's words, never a user's, so anyone may be shown them.
 */
final class WarmCandidates {

    private static final Logger log = LoggerFactory.getLogger(WarmCandidates.class);
    /** Made ahead per template; more are kept when queries make them anyway. */
    static final int PER_TEMPLATE = 2;
    private static final int KEPT_PER_TEMPLATE = 5;
    /** How fast past use fades: a template asked for an hour ago counts half. */
    private static final double HALF_LIFE_NANOS = 3600e9;
    /** A candidate that could not be made is not tried again for this long. */
    private static final long RETRY_NANOS = 600_000_000_000L;
    /** After a failure nothing is made for this long: a storage chat the bot lost is not hammered. */
    private static final long PAUSE_NANOS = 60_000_000_000L;

    private final InlineCandidates candidates;
    private final TemplateCatalog catalog;
    private final int templates;
    private final Function<MemeRequest, CompletableFuture<Optional<Meme>>> prepare;
    private final BooleanSupplier idle;
    private final Map<String, List<Meme>> ready = new ConcurrentHashMap<>();
    private final Map<String, Double> heat = new ConcurrentHashMap<>();
    private final Map<String, Long> failedAt = new ConcurrentHashMap<>();
    private final AtomicBoolean making = new AtomicBoolean();
    private volatile long decayedAt = System.nanoTime();
    private volatile long pausedUntil = System.nanoTime();

    /**
     * @param templates how many templates to keep warm (0: none; candidates that queries make are still kept)
     * @param prepare   makes a candidate showable (rendered, and uploaded where needed); empty if it could not be
     * @param idle      whether background work would delay nobody now
     */
    WarmCandidates(InlineCandidates candidates, TemplateCatalog catalog, int templates,
                   Function<MemeRequest, CompletableFuture<Optional<Meme>>> prepare, BooleanSupplier idle) {
        this.candidates = candidates;
        this.catalog = catalog;
        this.templates = templates;
        this.prepare = prepare;
        this.idle = idle;
    }

    /** A query asked for these templates: they move up the list of templates kept warm. */
    void asked(List<MemeTemplate> asked) {
        for (MemeTemplate t : new LinkedHashSet<>(asked)) {
            heat.merge(t.key(), 1.0, Double::sum);
        }
    }

    /** A candidate a query made and showed: kept for others when it carries no user's words. */
    void offer(MemeRequest request, Meme meme) {
        if (request.text() instanceof MemeText.Ai ai && ai.prefix().isBlank()) {
            keep(meme);
        }
    }

    /** Candidates of this template that can be shown at once, the oldest first. */
    List<Meme> ready(MemeTemplate template) {
        return ready.getOrDefault(template.key(), List.of());
    }

    /**
     * Makes the next missing candidate of the warmest template, if nothing else is going on. Called
     * regularly from a timer; makes one at a time, so it never takes more than one worker.
     */
    void tick() {
        if (templates == 0 || making.get() || System.nanoTime() - pausedUntil < 0 || !idle.getAsBoolean()) {
            return;
        }
        decay();
        for (MemeTemplate template : warmest()) {
            Optional<MemeRequest> next = missing(template);
            if (next.isEmpty()) {
                continue;
            }
            if (!making.compareAndSet(false, true)) {
                return;
            }
            MemeRequest request = next.get();
            prepare.apply(request).whenComplete((meme, error) -> {
                making.set(false);
                if (meme != null && meme.isPresent()) {
                    keep(meme.get());
                } else {
                    failedAt.put(id(request), System.nanoTime());
                    pausedUntil = System.nanoTime() + PAUSE_NANOS;
                    log.debug("Warm inline candidate for {} not made", template.key());
                }
            });
            return;
        }
    }

    /** The templates to keep warm: the most asked for, then the catalog's popular order. */
    List<MemeTemplate> warmest() {
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

    /** The first of the template's own candidates that is neither ready nor recently failed. */
    private Optional<MemeRequest> missing(MemeTemplate template) {
        List<Meme> have = ready(template);
        if (have.size() >= PER_TEMPLATE) {
            return Optional.empty();
        }
        Set<Long> seeds = new java.util.HashSet<>();
        have.forEach(m -> seeds.add(m.seed()));
        long now = System.nanoTime();
        return candidates.plan(template.key(), 0).requests().stream()
                .filter(r -> r.template().key().equals(template.key()))
                .limit(PER_TEMPLATE)
                .filter(r -> !seeds.contains(r.seed()))
                .filter(r -> {
                    Long failed = failedAt.get(id(r));
                    return failed == null || now - failed > RETRY_NANOS;
                })
                .findFirst();
    }

    private void keep(Meme meme) {
        ready.compute(meme.template().key(), (key, list) -> {
            List<Meme> next = new ArrayList<>(list == null ? List.of() : list);
            if (next.stream().anyMatch(m -> m.texts().equals(meme.texts()))) {
                return list;
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

    private static String id(MemeRequest r) {
        return r.template().key() + '\u0000' + r.seed();
    }
}
