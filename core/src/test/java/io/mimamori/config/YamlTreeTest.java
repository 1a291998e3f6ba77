package io.mimamori.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class YamlTreeTest {
    @Test
    void remembersLinesOfValuesAndKeys() {
        YamlTree.Node root = YamlTree.parse("r.yaml", "rules:\n  - id: a\n    match:\n      message: 'x'\n");
        YamlTree.Node rule = root.get("rules").items().get(0);
        assertThat(rule.line()).isEqualTo(2);
        assertThat(rule.get("match").keyLine("message")).isEqualTo(4);
        assertThat(rule.text("id")).isEqualTo("a");
        assertThat(rule.get("missing")).isNull();
    }

    @Test
    void syntaxErrorNamesFileAndLine() {
        assertThatThrownBy(() -> YamlTree.parse("bad.yaml", "a: 1\nb: [unclosed\nc: 2\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("bad.yaml:")
                .hasMessageContaining("not valid YAML");
    }

    @Test
    void duplicateKeysAreRejected() {
        assertThatThrownBy(() -> YamlTree.parse("dup.yaml", "a: 1\na: 2\n"))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems().get(0).line()).isEqualTo(2));
    }

    @Test
    void scalarCountsAsOneItemList() {
        YamlTree.Node n = YamlTree.parse("x.yaml", "a: kern\nb: [kern, daemon]\n");
        assertThat(n.get("a").items()).extracting(YamlTree.Node::text).containsExactly("kern");
        assertThat(n.get("b").items()).extracting(YamlTree.Node::text).containsExactly("kern", "daemon");
    }

    @Test
    @SuppressWarnings("unchecked")
    void valueGivesPlainDataWithScalarsTypedAsYamlResolvesThem() {
        YamlTree.Node root = YamlTree.parse("v.yaml", """
                name: web-1
                period: 300
                big: 123456789012345678901234567890
                threshold: 80.5
                quoted: '300'
                enabled: true
                empty:
                when: 2019-10-02T17:04:40.985Z
                list: [1, two, {three: 3}]
                """);

        Map<String, Object> value = (Map<String, Object>) root.value();

        assertThat(value.keySet()).containsExactly("name", "period", "big", "threshold", "quoted", "enabled", "empty",
                "when", "list");
        assertThat(value).containsEntry("name", "web-1").containsEntry("period", 300L)
                .containsEntry("big", new BigInteger("123456789012345678901234567890"))
                .containsEntry("threshold", 80.5).containsEntry("quoted", "300").containsEntry("enabled", true)
                .containsEntry("empty", null).containsEntry("when", "2019-10-02T17:04:40.985Z")
                .containsEntry("list", List.of(1L, "two", Map.of("three", 3L)));
    }
}
