package dev.memebattle.battle;

/**
 * What a battle tells the chat, implemented by each platform adapter. Calls come from the
 * scheduler's and the engine's threads; implementations should hand off slow work and must not
 * throw (exceptions are logged and ignored). Every event names its {@link BattleChat}.
 * <ul>
 *   <li>{@link #roundStarted}: rounds after the first (the first is announced by the reply to
 *       {@code /battle start}). Post {@link RoundStarted#announcement()}.</li>
 *   <li>{@link #entryPosted}: post {@link EntryPosted#meme()} with {@link EntryPosted#caption()} and a
 *       vote control (a 👍 reaction, or a button whose callback data is {@link EntryRef#token()}), then
 *       report the message with {@link BattleService#entryMessage}.</li>
 *   <li>{@link #roundClosed}: post {@link RoundClosed#summary()} and the winner's meme, if any.</li>
 *   <li>{@link #battleCancelled}: post {@link BattleCancelled#message()}.</li>
 * </ul>
 */
public interface BattleEvents {

    void roundStarted(RoundStarted round);

    void entryPosted(EntryPosted entry);

    void roundClosed(RoundClosed results);

    void battleCancelled(BattleCancelled cancelled);

    /**
     * Whether this process posts to {@code chat}: its platform, and with Discord's shards split over
     * processes, its server. Only such rounds are closed here, so that with several bot processes on
     * one database the results go out from one that can post them.
     */
    default boolean handles(BattleChat chat) {
        return true;
    }

    /** Listens to nothing (battles still run; nobody is told). */
    BattleEvents NONE = new BattleEvents() {
        @Override
        public void roundStarted(RoundStarted round) {
        }

        @Override
        public void entryPosted(EntryPosted entry) {
        }

        @Override
        public void roundClosed(RoundClosed results) {
        }

        @Override
        public void battleCancelled(BattleCancelled cancelled) {
        }
    };
}
