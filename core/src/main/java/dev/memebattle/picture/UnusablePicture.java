package dev.memebattle.picture;

/** A picture the bot will not use; the message is the one line the user reads. */
public final class UnusablePicture extends Exception {

    public UnusablePicture(String message) {
        super(message);
    }

    public UnusablePicture(String message, Throwable cause) {
        super(message, cause);
    }
}
