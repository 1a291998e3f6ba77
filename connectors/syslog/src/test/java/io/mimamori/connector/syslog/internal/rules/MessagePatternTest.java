package io.mimamori.connector.syslog.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MessagePatternTest {

    @Test
    void namedGroupsAreFoundInOrder() {
        assertThat(MessagePattern.namedGroups("md/raid\\d+:(?<array>md\\d+): Disk failure on (?<disk>\\S+)"))
                .containsExactly("array", "disk");
        assertThat(MessagePattern.namedGroups("(?<outer>a(?<inner1>b))")).containsExactly("outer", "inner1");
    }

    @Test
    void lookbehindsEscapesQuotesAndClassesOpenNoGroup() {
        assertThat(MessagePattern.namedGroups("(?<=x)(?<!y)\\(?<no>\\Q(?<quoted>\\E[(?<cls>](?<yes>z)"))
                .containsExactly("yes");
    }

    @Test
    void aBrokenRegexStillYieldsItsGroups() {
        assertThat(MessagePattern.namedGroups("md/raid(?<array>md\\d+")).containsExactly("array");
        assertThat(MessagePattern.namedGroups("(?<unterminated")).isEmpty();
    }

    @Test
    void requiredTextIsTheLongestTopLevelLiteralRun() {
        assertThat(MessagePattern.requiredText("md/raid\\d*:(?<array>md\\d+): Disk failure on (?<disk>\\S+)"))
                .isEqualTo(": Disk failure on ");
        assertThat(MessagePattern.requiredText("^(?!.*(?:inotify|watch)).*No space left on device"))
                .isEqualTo("No space left on device");
        assertThat(MessagePattern.requiredText("\\[Hardware Error\\]: CPU")).isEqualTo("[Hardware Error]: CPU");
        assertThat(MessagePattern.requiredText("EXT4-fs error \\(device [^)]+\\)")).isEqualTo("EXT4-fs error (device ");
    }

    @Test
    void quantifiedCharactersAreNotRequired() {
        assertThat(MessagePattern.requiredText("NIC Links? down")).isEqualTo("NIC Link");
        assertThat(MessagePattern.requiredText("abcx*defg")).isEqualTo("defg");
        assertThat(MessagePattern.requiredText("abcd{0,2}efg")).isEqualTo("abc");
        assertThat(MessagePattern.requiredText("wxyz+?uv")).isEqualTo("wxy");
        assertThat(MessagePattern.requiredText("(?:optional text)? tail text")).isEqualTo(" tail text");
    }

    @Test
    void noRequiredTextWhereTheScanCannotBeSure() {
        assertThat(MessagePattern.requiredText("Link is Down|Link down")).isNull();
        assertThat(MessagePattern.requiredText("(?i)link is down")).isNull();
        assertThat(MessagePattern.requiredText("\\Qa.b\\E and more")).isNull();
        assertThat(MessagePattern.requiredText("[]x] and more")).isNull();
        assertThat(MessagePattern.requiredText("\\d+ab\\w+")).as("too short to pay off").isNull();
        assertThat(MessagePattern.requiredText("(?:Started|Finished) unit")).isEqualTo(" unit");
    }

    @Test
    void requiredTextIsInEveryMatch() {
        for (String regex : new String[] {"foo[|]bar baz", "a\\|b literal", "(x|y)+ tail[)] more text",
                "[a-z&&[^q]] trailing"}) {
            MessagePattern p = MessagePattern.of(Pattern.compile(regex));
            for (String text : new String[] {"foo|bar baz", "a|b literal", "xyx tail) more text", "b trailing"}) {
                if (p.pattern().matcher(text).find()) {
                    assertThat(text).as(regex).contains(p.requiredText());
                }
            }
        }
    }

    @Test
    void compiledPatternKeepsItsGroupNames() {
        MessagePattern p = MessagePattern.of(Pattern.compile("(?<iface>\\w+): Link is Down"));
        assertThat(p.groups()).containsExactly("iface");
        assertThat(p.pattern().matcher("e1000e: eth0: Link is Down").find()).isTrue();
    }
}
