package dev.memebattle.chat;

import dev.memebattle.engine.MemeRequest;
import dev.memebattle.engine.MemeText;
import dev.memebattle.template.MemeTemplate;
import dev.memebattle.template.TemplateCatalog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What inline mode offers for a query: planned in the core, the same every time it is asked. */
class InlineCandidatesTest {

    static InlineCandidates candidates;

    @BeforeAll
    static void load() throws Exception {
        TemplateCatalog catalog = TemplateCatalog.load(Path.of("templates"));
        candidates = new InlineCandidates(catalog, TemplateResolver.shippedOnly(catalog), 5);
    }

    @Test
    void aTemplateAndAPrefixGiveOnePageOfSeedsThatStayTheSameWhileScrolling() {
        InlineCandidates.Plan first = candidates.plan("doge wow", 0);
        assertThat(first.requests()).hasSize(5).allMatch(r -> r.template().key().equals("doge"));
        assertThat(first.requests()).allMatch(r -> r.text().equals(new MemeText.Ai("wow")));
        assertThat(new HashSet<>(first.requests().stream().map(MemeRequest::seed).toList())).hasSize(5);
        assertThat(first.more()).isTrue();
        assertThat(candidates.plan("doge wow", 0)).isEqualTo(first);
        assertThat(candidates.plan("doge wow", 1).requests()).doesNotContainAnyElementsOf(first.requests());
    }

    @Test
    void ownTextIsOneImageAndRandomIsAnotherTemplatePerCandidate() {
        InlineCandidates.Plan own = candidates.plan("drake no | yes", 0);
        assertThat(own.requests()).singleElement().satisfies(r -> assertThat(r.text()).isInstanceOf(MemeText.Own.class));
        assertThat(own.more()).isFalse();
        assertThat(candidates.plan("drake no | yes", 1).requests()).isEmpty();
        List<MemeTemplate> random = candidates.plan("random wow", 0).requests().stream().map(MemeRequest::template).toList();
        assertThat(new HashSet<>(random)).hasSize(5).allMatch(MemeTemplate::aiCapable);
    }

    @Test
    void nothingTypedBrowsesAndTheCandidatesEndAtFifty() {
        assertThat(candidates.plan("", 0).requests()).hasSize(5);
        assertThat(candidates.plan("doge", InlineCandidates.MAX_CANDIDATES / 5).requests()).isEmpty();
        assertThat(candidates.plan("doge", InlineCandidates.MAX_CANDIDATES / 5 - 1).more()).isFalse();
    }
}
