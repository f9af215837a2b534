package dev.memebattle.caption;

/** The caption model file is missing, unreadable or not a caption model. */
public class CaptionModelException extends RuntimeException {
    public CaptionModelException(String message) {
        super(message);
    }

    public CaptionModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
