package io.chatbridge.web.console.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class RecordSearchTests {

    @Test
    void freeTextBecomesPrefixesOfEveryWord() {
        assertThat(RecordSearch.prefixQuery("Wedding  cake")).isEqualTo("wedding:* & cake:*");
        assertThat(RecordSearch.prefixQuery("BK-0042")).isEqualTo("bk:* & 0042:*");
        assertThat(RecordSearch.prefixQuery("São Paulo")).isEqualTo("são:* & paulo:*");
    }

    @Test
    void tsquerySyntaxNeverReachesTheQuery() {
        assertThat(RecordSearch.prefixQuery("a & !b | c:* <-> (d)")).isEqualTo("a:* & b:* & c:* & d:*");
        assertThat(RecordSearch.prefixQuery("&|!:*()")).isNull();
        assertThat(RecordSearch.prefixQuery(null)).isNull();
    }

    @Test
    void likeWildcardsInANameAreTakenLiterally() {
        assertThat(RecordSearch.contains("Ana_50%")).isEqualTo("%ana\\_50\\%%");
        assertThat(RecordSearch.contains("back\\slash")).isEqualTo("%back\\\\slash%");
    }

    @Test
    void filtersKeepOnlyWhatWasGivenInTheBookmarkableUrl() {
        SearchFilters filters = new SearchFilters(
                " Ana Lima ", "", "confirmed", LocalDate.of(2026, 11, 1), null, " ", "cake & more", 3);
        assertThat(filters.queryString(4))
                .isEqualTo("customer=Ana+Lima&status=confirmed&from=2026-11-01&q=cake+%26+more&page=4");
        assertThat(filters.queryString(1)).doesNotContain("page=");
        assertThat(SearchFilters.none().isEmpty()).isTrue();
        assertThat(new SearchFilters(null, null, null, null, null, null, null, -5).page())
                .isEqualTo(1);
    }

    @Test
    void aRangeThatEndsBeforeItStartsIsRefused() {
        assertThatThrownBy(() -> new SearchFilters(
                        null, null, null, LocalDate.of(2026, 2, 1), LocalDate.of(2026, 1, 1), null, null, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("before it starts");
    }
}
