package dev.memebattle.render;

import dev.memebattle.template.MemeTemplate;
import dev.memebattle.template.TemplateImageException;
import java.util.List;

// PLACEHOLDER until feature/render merges
public final class MemeRenderer {
    public RenderedMeme render(MemeTemplate template, List<String> texts, ImageFormat format) throws TemplateImageException {
        throw new TemplateImageException("placeholder");
    }
}
