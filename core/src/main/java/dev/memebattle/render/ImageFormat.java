package dev.memebattle.render;

/** Output image formats. Animated templates are always rendered as {@link #GIF}, whatever was asked. */
public enum ImageFormat {
    JPEG("image/jpeg", "jpg"),
    PNG("image/png", "png"),
    GIF("image/gif", "gif");

    private final String mimeType;
    private final String fileExtension;

    ImageFormat(String mimeType, String fileExtension) {
        this.mimeType = mimeType;
        this.fileExtension = fileExtension;
    }

    public String mimeType() {
        return mimeType;
    }

    /** Without the dot: "jpg", "png", "gif". */
    public String fileExtension() {
        return fileExtension;
    }
}
