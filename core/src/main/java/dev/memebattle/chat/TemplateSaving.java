package dev.memebattle.chat;

/** Who may save a picture as one of the chat's own templates ({@code /memeadmin templates add}). */
public enum TemplateSaving {
    /** The chat's admins (the default: a template is there for everyone to see). */
    ADMINS,
    /** Every member; they may rename and remove what they saved, admins anything. */
    ANYONE
}
