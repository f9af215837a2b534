package dev.memebattle.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.memebattle.MemeBattle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MEMEBATTLE_LOG_FORMAT=json turns the log lines into one JSON object per line; without it (or with a
 * value it does not know) they stay the text lines. Logback reads its configuration once per JVM, so
 * each case runs the command line in a child JVM: {@code captions} with a missing model logs a WARN
 * (no AI captions) and an INFO (templates loaded) and prints one caption on stdout.
 */
class JsonLogFormatTest {

    record Run(int exit, List<String> out, List<String> err) {
        List<String> all() {
            List<String> lines = new ArrayList<>(out);
            lines.addAll(err);
            return lines;
        }
    }

    @TempDir
    Path dir;

    private Run run(String format) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path out = dir.resolve("out-" + format + ".txt");
        Path err = dir.resolve("err-" + format + ".txt");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"), MemeBattle.class.getName(),
                "captions", "--model", dir.resolve("no-model.zip").toString(), "--template", "doge",
                "--count", "1", "--seed", "1")
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        Map<String, String> env = builder.environment();
        env.remove("MEMEBATTLE_LOG_LEVEL"); // INFO for the bot's own loggers
        env.remove("MEMEBATTLE_LOG_FORMAT");
        if (format != null) {
            env.put("MEMEBATTLE_LOG_FORMAT", format);
        }
        Process child = builder.start();
        try {
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the child JVM finished").isTrue();
        } finally {
            child.destroyForcibly();
        }
        return new Run(child.exitValue(), Files.readAllLines(out, StandardCharsets.UTF_8),
                Files.readAllLines(err, StandardCharsets.UTF_8));
    }

    @Test
    void jsonIsOneObjectPerLineWithTheTextLinesFields() throws Exception {
        Run run = run("json");
        assertThat(run.exit()).as(String.join("\n", run.all())).isZero();
        assertThat(run.out()).as("stdout keeps the command's output only").hasSize(1);
        assertThat(run.all()).as("no logback status lines").noneMatch(l -> l.contains("|-"));
        assertThat(run.err()).as("every log line is JSON").isNotEmpty().allMatch(l -> l.startsWith("{"));

        ObjectMapper json = new ObjectMapper();
        List<JsonNode> events = new ArrayList<>();
        for (String line : run.all()) {
            if (line.startsWith("{")) {
                JsonNode event = json.readTree(line);
                assertThat(event.isObject()).as(line).isTrue();
                assertThat(event.path("timestamp").isNumber()).as(line).isTrue();
                for (String field : List.of("level", "threadName", "loggerName", "formattedMessage")) {
                    assertThat(event.path(field).isTextual()).as(field + " in " + line).isTrue();
                }
                assertThat(event.has("throwable")).as(line).isTrue();
                assertThat(event.has("mdc") || event.has("context") || event.has("arguments")).as(line).isFalse();
                events.add(event);
            }
        }
        assertThat(events).anySatisfy(event -> {
            assertThat(event.get("level").asText()).isEqualTo("WARN");
            assertThat(event.get("loggerName").asText()).isEqualTo(MemeCore.class.getName());
            assertThat(event.get("formattedMessage").asText()).startsWith("No AI captions: ").contains("no-model.zip");
        });
        assertThat(events).anySatisfy(event -> assertThat(event.get("level").asText()).isEqualTo("INFO"));
    }

    @Test
    void textStaysTheDefaultAndAnUnknownValueFallsBackToIt() throws Exception {
        for (String format : new String[] {null, "JSON"}) {
            Run run = run(format);
            assertThat(run.exit()).as(String.join("\n", run.all())).isZero();
            assertThat(run.out()).as(format).hasSize(1);
            assertThat(run.all()).as(format).noneMatch(l -> l.startsWith("{") || l.contains("|-"));
            assertThat(run.err()).as(format).anyMatch(l -> l.matches(
                    "\\d\\d:\\d\\d:\\d\\d\\.\\d{3} WARN  \\[main] d\\.m\\.cli\\.MemeCore - No AI captions: .*no-model\\.zip.*"));
        }
    }
}
