package dev.memebattle.battle;

import dev.memebattle.template.MemeTemplate;
import dev.memebattle.template.TemplateCatalog;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RoundClosedTest {

    private static RoundClosed results(int entries) throws Exception {
        MemeTemplate drake = TemplateCatalog.load(Path.of("templates")).find("drake").orElseThrow();
        List<Placing> ranking = new ArrayList<>();
        for (int i = 0; i < entries; i++) {
            int votes = entries - i;
            ranking.add(new Placing(i + 1, "p" + i, "Player Number " + i + " With A Long Display Name", votes,
                    votes + (i == 0 ? BattleService.WIN_BONUS : 0), i == 0, "caption " + i));
        }
        return new RoundClosed(new BattleChat("test", "g1"), "b1", 2, 2, drake, ranking, Optional.empty(), true);
    }

    @Test
    void aBigRoundListsTheTopTenAndCountsTheRestSoItFitsOneMessage() throws Exception {
        String summary = results(200).summary();
        assertThat(summary).contains("winner: Player Number 0 With A Long Display Name with 200 votes!")
                .contains("\n10. Player Number 9 ").doesNotContain("\n11. ")
                .contains("…and 190 more entries.").endsWith("The battle is over — see /leaderboard.");
        assertThat(summary.length()).as("fits a Telegram photo caption").isLessThanOrEqualTo(1024);
    }

    @Test
    void aSmallRoundListsEveryone() throws Exception {
        String summary = results(3).summary();
        assertThat(summary).contains("\n1. ", "\n2. ", "\n3. ").doesNotContain("more entr");
        assertThat(results(11).summary()).contains("…and 1 more entry.");
    }
}
