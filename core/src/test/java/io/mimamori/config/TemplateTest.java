package io.mimamori.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {
    @Test
    void rendersVariablesFallbacksAndDollars() {
        Template t = Template.compile("RAID ${array} on ${host}: ${disk:-unknown disk} costs $$5");
        assertThat(t.variables()).containsExactly("array", "host", "disk");
        assertThat(t.render(Map.of("array", "md0", "host", "db1")::get))
                .isEqualTo("RAID md0 on db1: unknown disk costs $5");
    }

    @Test
    void constantTemplate() {
        Template t = Template.compile("plain");
        assertThat(t.isConstant()).isTrue();
        assertThat(t.render(k -> "x")).isEqualTo("plain");
    }

    @Test
    void unclosedOrEmptyPlaceholderIsAClearError() {
        assertThatThrownBy(() -> Template.compile("a ${host")).hasMessageContaining("unclosed placeholder at column 3");
        assertThatThrownBy(() -> Template.compile("a ${}")).hasMessageContaining("empty placeholder");
    }
}
