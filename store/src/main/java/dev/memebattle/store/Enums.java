package dev.memebattle.store;

/** Stored enum names read back leniently: a value from a newer version falls back to a default. */
public final class Enums {

    private Enums() {
    }

    public static <E extends Enum<E>> E parse(Class<E> type, String name, E fallback) {
        if (name != null) {
            for (E e : type.getEnumConstants()) {
                if (e.name().equals(name)) {
                    return e;
                }
            }
        }
        return fallback;
    }
}
