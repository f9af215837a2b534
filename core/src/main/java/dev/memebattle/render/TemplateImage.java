package dev.memebattle.render;

/** A decoded template image at output size, as kept in the template cache. */
sealed interface TemplateImage permits StillImage, Animation {

    /** Approximate memory held, for the cache's weight budget. */
    long weightBytes();
}
