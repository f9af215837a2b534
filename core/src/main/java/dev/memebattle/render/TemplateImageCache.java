package dev.memebattle.render;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.memebattle.template.MemeTemplate;
import dev.memebattle.template.TemplateImageException;
import dev.memebattle.template.TemplateImageSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Decoded template images at output size, bounded by memory weight. The key includes the file's size and
 * modification time, so a replaced file is decoded again. Concurrent requests for the same template wait
 * for one decode instead of decoding in parallel.
 */
final class TemplateImageCache {

    private record Key(Path path, long size, long modified) {
    }

    /** Carries a checked failure out of the cache's loader. */
    private static final class LoadFailure extends RuntimeException {
        LoadFailure(TemplateImageException cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }

    private final TemplateImageSource source;
    private final TemplateDecoder decoder;
    private final Cache<Key, TemplateImage> cache;

    TemplateImageCache(TemplateImageSource source, RenderLimits limits) {
        this.source = source;
        this.decoder = new TemplateDecoder(limits.maxLongSide());
        this.cache = Caffeine.newBuilder()
                .maximumWeight(Math.max(1, limits.templateCacheBytes() / 1024))
                .weigher((Key k, TemplateImage v) -> (int) Math.min(Integer.MAX_VALUE, v.weightBytes() / 1024))
                .build();
    }

    TemplateImage get(MemeTemplate template) throws TemplateImageException {
        Path path = source.locate(template);
        if (path == null) {
            throw new TemplateImageException("the image of template '" + template.key() + "' is missing");
        }
        Key key;
        try {
            BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class);
            if (!attrs.isRegularFile()) {
                throw new TemplateImageException("the image of template '" + template.key() + "' is missing");
            }
            key = new Key(path.toAbsolutePath().normalize(), attrs.size(), attrs.lastModifiedTime().toMillis());
        } catch (IOException e) {
            throw new TemplateImageException("the image of template '" + template.key() + "' is missing");
        }
        try {
            return cache.get(key, k -> load(k, template.key()));
        } catch (LoadFailure e) {
            throw (TemplateImageException) e.getCause();
        }
    }

    private TemplateImage load(Key key, String name) {
        try {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(key.path());
            } catch (NoSuchFileException e) {
                throw new TemplateImageException("the image of template '" + name + "' is missing");
            } catch (IOException e) {
                throw new TemplateImageException("the image of template '" + name + "' cannot be read");
            }
            return decoder.decode(bytes, name);
        } catch (TemplateImageException e) {
            throw new LoadFailure(e);
        }
    }

    long estimatedSize() {
        return cache.estimatedSize();
    }
}
