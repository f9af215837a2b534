package dev.memebattle.caption;

import dev.memebattle.template.MemeTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes captions with the trained model. Templates map to model ids by imgflip id, memegen key or
 * name; templates without training captions use the generic id. Candidates the content filter
 * blocks are resampled, never returned; after {@value #ATTEMPTS} rounds of blocked candidates the
 * template's example text is returned instead (or empty boxes when even that is blocked).
 */
public final class ModelCaptionWriter implements CaptionWriter {
    static final int ATTEMPTS = 4;
    private static final Logger log = LoggerFactory.getLogger(ModelCaptionWriter.class);

    private final CaptionSampler sampler;
    private final TemplateIds templates;
    private final CaptionFilter filter;
    private final SamplingSettings settings;

    public ModelCaptionWriter(FastCaptionModel model, CaptionModelMeta meta, CaptionFilter filter,
                              SamplingSettings settings) {
        this.sampler = new CaptionSampler(model, meta.charVocabulary());
        this.templates = meta.templateIds();
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
        return new ModelCaptionWriter(loaded.model(), loaded.meta(), filter, settings);
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
        int boxes = template.boxes().size();
        if (boxes == 0) {
            return List.of(new CaptionSampler.Caption(List.of(), 0, 0, 0));
        }
        int id = templateId(template);
        List<CaptionSampler.Caption> out = new ArrayList<>();
        SamplingSettings round = settings.withCandidates(Math.max(settings.candidates(), count));
        for (int attempt = 0; attempt < ATTEMPTS && out.size() < count; attempt++) {
            long roundSeed = seed + attempt * 0x9E3779B97F4A7C15L;
            for (CaptionSampler.Caption c : sampler.candidates(id, boxes, prefix, roundSeed, round)) {
                if (filter.allows(c.joined(), level)) {
                    out.add(c);
                    if (out.size() >= count) {
                        break;
                    }
                }
            }
        }
        if (out.isEmpty()) {
            log.info("all sampled captions for template {} were blocked at level {}", template.key(), level);
        }
        return out;
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
