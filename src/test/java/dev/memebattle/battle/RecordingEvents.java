package dev.memebattle.battle;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** What an adapter would have been told, in order. */
class RecordingEvents implements BattleEvents {

    final List<RoundStarted> started = new CopyOnWriteArrayList<>();
    final List<EntryPosted> entries = new CopyOnWriteArrayList<>();
    final List<RoundClosed> closed = new CopyOnWriteArrayList<>();
    final List<BattleCancelled> cancelled = new CopyOnWriteArrayList<>();

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
