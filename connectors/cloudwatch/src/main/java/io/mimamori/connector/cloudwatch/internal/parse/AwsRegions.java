package io.mimamori.connector.cloudwatch.internal.parse;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Region codes from what alarm payloads carry: the alarm ARN, or, in SNS notifications, the
 * region's display name ({@code "US East (N. Virginia)"}).
 */
public final class AwsRegions {
    private static final Map<String, String> BY_NAME = new HashMap<>();

    static {
        name("us-east-1", "US East (N. Virginia)");
        name("us-east-2", "US East (Ohio)");
        name("us-west-1", "US West (N. California)");
        name("us-west-2", "US West (Oregon)");
        name("af-south-1", "Africa (Cape Town)");
        name("ap-east-1", "Asia Pacific (Hong Kong)");
        name("ap-east-2", "Asia Pacific (Taipei)");
        name("ap-south-1", "Asia Pacific (Mumbai)");
        name("ap-south-2", "Asia Pacific (Hyderabad)");
        name("ap-northeast-1", "Asia Pacific (Tokyo)");
        name("ap-northeast-2", "Asia Pacific (Seoul)");
        name("ap-northeast-3", "Asia Pacific (Osaka)");
        name("ap-southeast-1", "Asia Pacific (Singapore)");
        name("ap-southeast-2", "Asia Pacific (Sydney)");
        name("ap-southeast-3", "Asia Pacific (Jakarta)");
        name("ap-southeast-4", "Asia Pacific (Melbourne)");
        name("ap-southeast-5", "Asia Pacific (Malaysia)");
        name("ap-southeast-7", "Asia Pacific (Thailand)");
        name("ca-central-1", "Canada (Central)");
        name("ca-west-1", "Canada West (Calgary)");
        name("eu-central-1", "Europe (Frankfurt)", "EU (Frankfurt)");
        name("eu-central-2", "Europe (Zurich)", "EU (Zurich)");
        name("eu-west-1", "Europe (Ireland)", "EU (Ireland)");
        name("eu-west-2", "Europe (London)", "EU (London)");
        name("eu-west-3", "Europe (Paris)", "EU (Paris)");
        name("eu-south-1", "Europe (Milan)", "EU (Milan)");
        name("eu-south-2", "Europe (Spain)", "EU (Spain)");
        name("eu-north-1", "Europe (Stockholm)", "EU (Stockholm)");
        name("il-central-1", "Israel (Tel Aviv)");
        name("me-south-1", "Middle East (Bahrain)");
        name("me-central-1", "Middle East (UAE)");
        name("mx-central-1", "Mexico (Central)");
        name("sa-east-1", "South America (Sao Paulo)", "South America (São Paulo)");
        name("us-gov-east-1", "AWS GovCloud (US-East)");
        name("us-gov-west-1", "AWS GovCloud (US-West)", "AWS GovCloud (US)");
        name("cn-north-1", "China (Beijing)");
        name("cn-northwest-1", "China (Ningxia)");
    }

    private AwsRegions() {
    }

    private static void name(String code, String... names) {
        for (String n : names) {
            BY_NAME.put(key(n), code);
        }
    }

    private static String key(String name) {
        String plain = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        // older notifications write "EU - Ireland" for "EU (Ireland)"
        plain = plain.replaceFirst("^(.+?) - (.+)$", "$1 ($2)");
        return plain.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").trim();
    }

    /** The region code for a display name or a code, or null when unknown. */
    public static String code(String nameOrCode) {
        if (nameOrCode == null || nameOrCode.isBlank()) {
            return null;
        }
        String v = nameOrCode.trim();
        if (v.matches("[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\\d")) {
            return v;
        }
        return BY_NAME.get(key(v));
    }

    /** Parts of an ARN {@code arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE}, or null when it is not one. */
    public record Arn(String partition, String service, String region, String account, String resource) {
        public static Arn parse(String arn) {
            if (arn == null) {
                return null;
            }
            String[] p = arn.split(":", 6);
            if (p.length < 6 || !"arn".equals(p[0])) {
                return null;
            }
            return new Arn(p[1], p[2], p[3], p[4], p[5]);
        }
    }
}
