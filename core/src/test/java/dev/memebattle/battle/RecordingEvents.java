package dev.memebattle.battle;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** What an adapter would have been told, in order. */
public class RecordingEvents implements BattleEvents {

    public final List<RoundStarted> started = new CopyOnWriteArrayList<>();
    public final List<EntryPosted> entries = new CopyOnWriteArrayList<>();
    public final List<RoundClosed> closed = new CopyOnWriteArrayList<>();
    public final List<BattleCancelled> cancelled = new CopyOnWriteArrayList<>();

    @Override
    public void roundStarted(RoundStarted round) {
        started.add(round);
    }

    @Override
    public void entryPosted(EntryPosted entry) {
        entries.add(entry);
    }

    @Override
    public void roundClosed(RoundClosed results) {
        closed.add(results);
    }

    @Override
    public void battleCancelled(BattleCancelled c) {
        cancelled.add(c);
    }
}
