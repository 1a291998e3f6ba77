package io.mimamori.connector.cloudwatch.sns;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The topics whose messages are accepted: ARNs separated by commas, {@code *} standing for any run of characters. */
final class TopicAllowList {
    private final List<Pattern> patterns;

    private TopicAllowList(List<Pattern> patterns) {
        this.patterns = patterns;
    }

    /** @throws IllegalArgumentException naming the parameter when the list is empty or an entry is not an SNS ARN */
    static TopicAllowList parse(String list) {
        List<Pattern> patterns = new ArrayList<>();
        for (String entry : (list == null ? "" : list).split(",")) {
            String arn = entry.trim();
            if (arn.isEmpty()) {
                continue;
            }
            if (!arn.startsWith("arn:") || arn.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("allowedTopicArns: '" + arn + "' is not a topic ARN such as "
                        + "arn:aws:sns:us-east-1:123456789012:cloudwatch-alarms (a * stands for any characters)");
            }
            StringBuilder regex = new StringBuilder();
            for (String part : arn.split("\\*", -1)) {
                if (regex.length() > 0) {
                    regex.append(".*");
                }
                regex.append(Pattern.quote(part));
            }
            patterns.add(Pattern.compile(regex.toString()));
        }
        if (patterns.isEmpty()) {
            throw new IllegalArgumentException("allowedTopicArns is empty: list the ARNs of the SNS topics this input "
                    + "accepts, separated by commas; anyone can make SNS sign messages for a topic of their own");
        }
        return new TopicAllowList(List.copyOf(patterns));
    }

    boolean allows(String topicArn) {
        return patterns.stream().anyMatch(p -> p.matcher(topicArn).matches());
    }
}
