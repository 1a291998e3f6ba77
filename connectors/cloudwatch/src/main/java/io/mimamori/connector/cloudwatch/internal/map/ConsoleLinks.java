package io.mimamori.connector.cloudwatch.internal.map;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Links to an alarm in the AWS console of its partition (commercial, China, GovCloud). */
public final class ConsoleLinks {
    private ConsoleLinks() {
    }

    /** The alarm's console page, or null when the region is unknown. */
    public static String alarm(String partition, String region, String alarmName) {
        if (region == null || region.isBlank()) {
            return null;
        }
        String name = URLEncoder.encode(alarmName, StandardCharsets.UTF_8).replace("+", "%20");
        String p = partition != null ? partition
                : region.startsWith("cn-") ? "aws-cn" : region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
        String host = switch (p) {
            case "aws-cn" -> "console.amazonaws.cn";
            case "aws-us-gov" -> "console.amazonaws-us-gov.com";
            default -> region + ".console.aws.amazon.com";
        };
        return "https://" + host + "/cloudwatch/home?region=" + region + "#alarmsV2:alarm/" + name;
    }
}
