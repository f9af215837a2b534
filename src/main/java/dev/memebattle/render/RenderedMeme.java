package dev.memebattle.render;

// PLACEHOLDER until feature/render merges
public record RenderedMeme(byte[] bytes, ImageFormat format, int width, int height, int frames) {
    public String mimeType() { return "image/jpeg"; }
    public String fileExtension() { return "jpg"; }
}
