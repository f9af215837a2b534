package dev.memebattle.config;

/** @param rerollLimit how many times one posted meme can be rerolled */
public record ChatConfig(Integer rerollLimit) {
    static final ChatConfig DEFAULTS = new ChatConfig(null);

    public ChatConfig {
        rerollLimit = rerollLimit == null ? 5 : Math.max(0, rerollLimit);
    }
}
