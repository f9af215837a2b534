package dev.memebattle.battle;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Routes battle events to the adapter of the event's platform: Discord and Telegram each
 * {@link #subscribe} for their own platform and only see the battles of chats they
 * {@link BattleEvents#handles handle}.
 */
public final class BattleEventBus implements BattleEvents {

    private static final Logger log = LoggerFactory.getLogger(BattleEventBus.class);

    private record Subscription(String platform, BattleEvents listener) {
    }

    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();

    /** @return closing it unsubscribes (when the adapter stops) */
    public AutoCloseable subscribe(String platform, BattleEvents listener) {
        Subscription s = new Subscription(platform, listener);
        subscriptions.add(s);
        return () -> subscriptions.remove(s);
    }

    @Override
    public boolean handles(BattleChat chat) {
        return subscriptions.stream().anyMatch(s -> s.platform().equals(chat.platform()) && s.listener().handles(chat));
    }

    @Override
    public void roundStarted(RoundStarted round) {
        deliver(round.chat(), "roundStarted", l -> l.roundStarted(round));
    }

    @Override
    public void entryPosted(EntryPosted entry) {
        deliver(entry.chat(), "entryPosted", l -> l.entryPosted(entry));
    }

    @Override
    public void roundClosed(RoundClosed results) {
        deliver(results.chat(), "roundClosed", l -> l.roundClosed(results));
    }

    @Override
    public void battleCancelled(BattleCancelled cancelled) {
        deliver(cancelled.chat(), "battleCancelled", l -> l.battleCancelled(cancelled));
    }

    private void deliver(BattleChat chat, String event, Consumer<BattleEvents> call) {
        for (Subscription s : subscriptions) {
            if (s.platform().equals(chat.platform()) && s.listener().handles(chat)) {
                try {
                    call.accept(s.listener());
                } catch (RuntimeException e) {
                    log.warn("Battle listener for {} failed on {} in {}", s.platform(), event, chat.chatKey(), e);
                }
            }
        }
    }
}
