package dev.memebattle.config;

/**
 * @param model       path of the trained caption model (zip)
 * @param temperature sampling temperature; 0 = the model's tuned default
 * @param topP        nucleus sampling mass; 0 = the model's tuned default
 * @param bestOf      captions sampled per request, the best-scoring one is used
 */
public record CaptionConfig(String model, Double temperature, Double topP, Integer bestOf) {
    static final CaptionConfig DEFAULTS = new CaptionConfig(null, null, null, null);

    public CaptionConfig {
        model = model == null || model.isBlank() ? "models/caption-model.zip" : model;
        temperature = temperature == null ? 0.0 : temperature;
        topP = topP == null ? 0.0 : topP;
        bestOf = bestOf == null ? 0 : bestOf;
    }

    public CaptionConfig withModel(String file) {
        return new CaptionConfig(file, temperature, topP, bestOf);
    }
}
