package io.mimamori.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
