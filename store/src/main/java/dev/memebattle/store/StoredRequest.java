package dev.memebattle.store;

import dev.memebattle.caption.FilterLevel;
import dev.memebattle.engine.MemeRequest;
import dev.memebattle.engine.MemeText;
import dev.memebattle.render.ImageFormat;
import dev.memebattle.template.TemplateKeys;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * A {@link MemeRequest} as database columns: the template by key, so the request can be rebuilt
 * after a restart (as long as the template still exists: shipped, or a chat's own not removed).
 *
 * @param textKind "ai" (text = the AI prefix) or "own" (text = JSON array, one per box)
 */
public record StoredRequest(String templateKey, String textKind, String text, long seed, String format,
                            String filter) {

    public static StoredRequest of(MemeRequest request) {
        boolean own = request.text() instanceof MemeText.Own;
        String text = own ? JsonLists.write(((MemeText.Own) request.text()).boxes())
                : ((MemeText.Ai) request.text()).prefix();
        return new StoredRequest(request.template().key(), own ? "own" : "ai", text, request.seed(),
                request.format().name(), request.filter().name());
    }

    /** Empty when the template no longer exists. */
    public Optional<MemeRequest> toRequest(TemplateKeys templates) {
        MemeText memeText = "own".equals(textKind) ? new MemeText.Own(JsonLists.read(text)) : new MemeText.Ai(text);
        return templates.byKey(templateKey).map(t -> new MemeRequest(t, memeText, seed,
                Enums.parse(ImageFormat.class, format, ImageFormat.JPEG),
                Enums.parse(FilterLevel.class, filter, FilterLevel.STANDARD)));
    }

    /** Binds the six columns template_key, text_kind, text, seed, format, filter from {@code first} on. */
    public void bind(PreparedStatement s, int first) throws SQLException {
        s.setString(first, templateKey);
        s.setString(first + 1, textKind);
        s.setString(first + 2, text);
        s.setLong(first + 3, seed);
        s.setString(first + 4, format);
        s.setString(first + 5, filter);
    }

    /** Reads the six columns in the order of {@link #bind}, starting at column {@code first}. */
    public static StoredRequest read(ResultSet r, int first) throws SQLException {
        return new StoredRequest(r.getString(first), r.getString(first + 1), r.getString(first + 2),
                r.getLong(first + 3), r.getString(first + 4), r.getString(first + 5));
    }

    public static final String COLUMNS = "template_key, text_kind, text, seed, format, filter";
}
