package dev.memebattle.template;

/** A template image that cannot be found, downloaded, verified or decoded. The message is user-safe. */
public class TemplateImageException extends Exception {
    public TemplateImageException(String message) {
        super(message);
    }

    public TemplateImageException(String message, Throwable cause) {
        super(message, cause);
    }
}
