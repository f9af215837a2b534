package dev.memebattle.template;

import java.nio.file.Path;

/** Finds the image file of a template on local disk (a configured directory or a download cache). */
public interface TemplateImageSource {

    /**
     * @return a readable local file with the template's image
     * @throws TemplateImageException when the image is missing and cannot be fetched or verified
     */
    Path locate(MemeTemplate template) throws TemplateImageException;
}
