package dev.memebattle.caption;

import dev.memebattle.template.MemeTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Writes captions with the trained model. Templates map to model ids by imgflip id, memegen key or
 * name; templates without training captions use the generic id. Each request samples several
 * candidates in the box counts the template's layout allows; the content filter drops some, the
 * {@link CaptionReranker} (when the model file has one) orders the rest. Blocked candidates are
 * resampled, never returned; after {@value #ATTEMPTS} rounds of blocked candidates the template's
 * example text is returned instead (or empty boxes when even that is blocked).
 */
public final class ModelCaptionWriter implements CaptionWriter {
    static final int ATTEMPTS = 4;
    private static final Logger log = LoggerFactory.getLogger(ModelCaptionWriter.class);

    private final CaptionSampler sampler;
    private final TemplateIds templates;
    private final CaptionFilter filter;
    private final SamplingSettings settings;
    private final Optional<CaptionReranker> reranker;

    public ModelCaptionWriter(FastCaptionModel model, CaptionModelMeta meta, Optional<CaptionReranker> reranker,
                              CaptionFilter filter, SamplingSettings settings) {
        this.sampler = new CaptionSampler(model, meta.charVocabulary(), reranker.map(CaptionReranker::words));
        this.templates = meta.templateIds();
        this.reranker = reranker;
        this.filter = filter;
        this.settings = settings;
    }

    /**
     * Loads a model zip written by {@code train}.
     *
     * @throws CaptionModelException with a one-line explanation when the file is missing or broken
     */
    public static ModelCaptionWriter load(Path modelFile, CaptionFilter filter, SamplingSettings settings) {
        CaptionModelFile.Fast loaded = CaptionModelFile.loadFast(modelFile);
        return new ModelCaptionWriter(loaded.model(), loaded.meta(), loaded.reranker(), filter, settings);
    }

    /** The model's template id for a template (generic when the corpus had no captions for it). */
    public int templateId(MemeTemplate template) {
        return templates.lookup(template.imgflipId(), template.key(), template.name());
    }

    @Override
    public List<String> write(MemeTemplate template, String prefix, long seed, FilterLevel level) {
        List<CaptionSampler.Caption> c = candidates(template, prefix, seed, level, 1);
        if (!c.isEmpty()) {
            return c.get(0).boxes();
        }
        return fallback(template, level);
    }

    /**
     * Up to {@code count} allowed captions, best first (best-of-N per round; extra ones serve rerolls
     * and inline results). Empty when the filter blocked everything sampled.
     */
    public List<CaptionSampler.Caption> candidates(MemeTemplate template, String prefix, long seed,
                                                   FilterLevel level, int count) {
        if (template.boxes().isEmpty()) {
            return List.of(new CaptionSampler.Caption(List.of(), 0, 0, 0, 0, 0));
        }
        int id = templateId(template);
        CaptionSampler.BoxPlan plan = boxPlan(template);
        List<Ranked> out = new ArrayList<>();
        SamplingSettings round = settings.withCandidates(Math.max(settings.candidates(), count));
        for (int attempt = 0; attempt < ATTEMPTS && out.size() < count; attempt++) {
            long roundSeed = seed + attempt * 0x9E3779B97F4A7C15L;
            for (CaptionSampler.Caption c : sampler.candidates(id, plan, prefix, roundSeed, round)) {
                if (filter.allows(c.joined(), level)) {
                    out.add(new Ranked(c, reranker.map(r -> r.score(c)).orElse(c.score())));
                }
            }
        }
        if (out.isEmpty()) {
            log.info("all sampled captions for template {} were blocked at level {}", template.key(), level);
        }
        out.sort(Comparator.comparingDouble(Ranked::score).reversed());
        return out.stream().limit(count).map(Ranked::caption).toList();
    }

    private record Ranked(CaptionSampler.Caption caption, double score) {
    }

    /** The box counts an AI caption may fill on this template's layout. */
    static CaptionSampler.BoxPlan boxPlan(MemeTemplate template) {
        return new CaptionSampler.BoxPlan(template.boxes().size(), template.aiBoxCounts());
    }

    /** The reranker shipped in the model file, if any (evaluation reports its figures). */
    public Optional<CaptionReranker> reranker() {
        return reranker;
    }

    private List<String> fallback(MemeTemplate template, FilterLevel level) {
        int n = template.boxes().size();
        List<String> example = new ArrayList<>(template.example());
        while (example.size() < n) {
            example.add("");
        }
        example = example.subList(0, n);
        if (filter.allows(String.join("|", example), level)) {
            return List.copyOf(example);
        }
        return java.util.Collections.nCopies(n, "");
    }
}
