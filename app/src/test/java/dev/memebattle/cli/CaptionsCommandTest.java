package dev.memebattle.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.memebattle.cli.CommandLineTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code captions}: the shipped model's captions without rendering, as a user and every measurement sees them. */
class CaptionsCommandTest {

    @Test
    void plainCaptionsOnePerLineStartingWithThePrefixReproduciblePerSeed() {
        CommandLineTest.Run a = run("", "captions", "--template", "yuno", "--prefix", "Y U NO", "--count", "5", "--seed", "11");
        assertThat(a.exit()).as(a.err()).isZero();
        List<String> lines = a.out().lines().toList();
        assertThat(lines).hasSize(5).allSatisfy(l -> assertThat(l).startsWith("Y U NO"));
        CommandLineTest.Run b = run("", "captions", "--template", "yuno", "--prefix", "Y U NO", "--count", "5", "--seed", "11");
        assertThat(b.out()).isEqualTo(a.out());
    }

    @Test
    void jsonLinesCarryTemplateSeedBoxesTextAndTimeAndFitTheLayout() throws Exception {
        CommandLineTest.Run r = run("", "captions", "--template", "doge", "--count", "20", "--seed", "3", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        ObjectMapper json = new ObjectMapper();
        Set<String> distinct = new HashSet<>();
        long seed = 3;
        for (String line : r.out().lines().toList()) {
            JsonNode o = json.readTree(line);
            assertThat(o.get("template").asText()).isEqualTo("doge");
            assertThat(o.get("seed").asLong()).isEqualTo(seed++);
            assertThat(o.get("ms").asDouble()).isPositive();
            JsonNode boxes = o.get("boxes");
            assertThat(boxes.size()).isEqualTo(5); // doge's layout: five scattered phrases
            int filled = 0;
            while (filled < boxes.size() && !boxes.get(filled).asText().isEmpty()) {
                filled++;
            }
            assertThat(filled).isIn(1, 2, 4, 5); // doge's ai_box_counts
            for (int i = filled; i < boxes.size(); i++) {
                assertThat(boxes.get(i).asText()).isEmpty();
            }
            assertThat(o.get("text").asText()).isNotBlank().doesNotContain("||");
            distinct.add(o.get("text").asText());
        }
        assertThat(seed).isEqualTo(23);
        assertThat(distinct).hasSizeGreaterThanOrEqualTo(19);
    }

    @Test
    void randomDrawsAiTemplatesAndBadInputIsOneLine() {
        CommandLineTest.Run r = run("", "captions", "--template", "random", "--count", "4", "--seed", "1");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().lines().toList()).hasSize(4).allSatisfy(l -> assertThat(l).matches("\\[.+] .+"));

        CommandLineTest.Run unknown = run("", "captions", "--template", "nosuchmeme");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err().strip().lines().filter(l -> l.startsWith("captions:")).count()).isEqualTo(1);
        assertThat(unknown.err()).doesNotContain("Exception");

        CommandLineTest.Run zero = run("", "captions", "--template", "doge", "--count", "0");
        assertThat(zero.exit()).isEqualTo(2);
        assertThat(zero.err()).contains("--count");
    }
}
