package dev.memebattle.config;

import dev.memebattle.caption.SamplingSettings;

/**
 * @param model       path of the trained caption model (zip)
 * @param temperature sampling temperature (above 0; below 1 is safer, above 1 wilder)
 * @param topP        nucleus sampling mass, in (0, 1]
 * @param bestOf      captions sampled per request and reranked, 1 to 64
 */
public record CaptionConfig(String model, Double temperature, Double topP, Integer bestOf) {
    /** The tuned sampling defaults live in {@link SamplingSettings#defaults()}; these are the same numbers. */
    private static final SamplingSettings TUNED = SamplingSettings.defaults(); // before DEFAULTS, which uses it
    static final CaptionConfig DEFAULTS = new CaptionConfig(null, null, null, null);

    public CaptionConfig {
        model = model == null || model.isBlank() ? "models/caption-model.zip" : model;
        temperature = temperature == null ? TUNED.temperature() : temperature;
        topP = topP == null ? TUNED.topP() : topP;
        bestOf = bestOf == null ? TUNED.candidates() : bestOf;
        if (!(temperature > 0) || temperature > 5) {
            throw new ConfigException("caption.temperature must be above 0 and at most 5 (tuned: "
                    + TUNED.temperature() + "), not " + temperature);
        }
        if (!(topP > 0) || topP > 1) {
            throw new ConfigException("caption.top_p must be above 0 and at most 1 (tuned: " + TUNED.topP()
                    + "), not " + topP);
        }
        if (bestOf < 1 || bestOf > 64) {
            throw new ConfigException("caption.best_of must be 1 to 64 (tuned: " + TUNED.candidates() + "), not "
                    + bestOf);
        }
    }

    /** The sampling the bot uses: the tuned settings with this file's temperature, top_p and best_of. */
    public SamplingSettings sampling() {
        return new SamplingSettings(temperature, topP, TUNED.maxLength(), bestOf, TUNED.targetLength(),
                TUNED.lengthWeight());
    }

    public CaptionConfig withModel(String file) {
        return new CaptionConfig(file, temperature, topP, bestOf);
    }
}
