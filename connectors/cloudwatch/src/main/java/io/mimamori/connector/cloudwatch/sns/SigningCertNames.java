package io.mimamori.connector.cloudwatch.sns;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/**
 * The names a signing certificate must be issued for ({@code signingCertName}), so that a certificate
 * served at an allowed URL but made for something else than SNS signing is refused.
 *
 * <p>{@code aws}, the default, stands for the names AWS SNS signs with in the topic's region
 * (the region of its {@code TopicArn}). AWS's own SDKs expect exactly one per region
 * (aws-sdk-java {@code SnsMessageManager}, aws-sdk-java-v2 {@code sns-message-manager}
 * {@code SnsHostProvider}): {@code sns.amazonaws.com} in the regions enabled by default,
 * {@code sns-signing.REGION.amazonaws.com} in opt-in regions (ap-east-1, me-south-1, eu-south-1,
 * af-south-1, ...), {@code sns-cn-north-1.amazonaws.com.cn} and
 * {@code sns-cn-northwest-1.amazonaws.com.cn} in China, {@code sns-us-gov-west-1.amazonaws.com} for
 * both GovCloud regions. Rather than a table of regions that goes stale when AWS opens one, {@code aws}
 * accepts each of these patterns for the topic's region, plus the region's SNS host name
 * ({@code sns.REGION.amazonaws.com}): names that only AWS's SNS uses.
 *
 * <p>Otherwise the value is a comma-separated list of names, {@code {region}} standing for the topic's
 * region, and {@code aws} for the names above; e.g. {@code aws,sns-signing.{region}.example.internal}.
 *
 * <p>A certificate's names are its DNS subjectAltNames or, when it has none, its subject common names
 * (as TLS host name checks do, RFC 6125); one must equal an expected name, case ignored.
 */
final class SigningCertNames {
    /** SNS's own names (see the class comment). */
    static final String AWS = "aws";
    private static final String REGION = "{region}";
    private static final Pattern NAME = Pattern.compile("[a-z0-9{}]([a-z0-9{}.-]*[a-z0-9{}])?");
    private static final Pattern AWS_REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]+");

    private final List<String> names;
    private final String configured;

    private SigningCertNames(List<String> names, String configured) {
        this.names = names;
        this.configured = configured;
    }

    /** @throws IllegalArgumentException naming the parameter when an entry is not a host name */
    static SigningCertNames parse(String value) {
        List<String> names = new ArrayList<>();
        for (String entry : (value == null ? "" : value).split(",")) {
            String name = entry.trim().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            String withoutRegion = name.replace(REGION, "x");
            if (!name.equals(AWS) && (!NAME.matcher(name).matches() || withoutRegion.contains("{")
                    || withoutRegion.contains("}") || !withoutRegion.contains("."))) {
                throw new IllegalArgumentException("signingCertName: '" + entry.trim() + "' is not a host name such as"
                        + " sns.amazonaws.com or sns-signing.{region}.example.internal ({region} is the topic's region),"
                        + " nor 'aws' (the names AWS SNS signs with)");
            }
            names.add(name);
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("signingCertName is empty: leave it out for 'aws' (the names AWS SNS"
                    + " signs with)");
        }
        return new SigningCertNames(List.copyOf(names), String.join(",", names));
    }

    /** As configured, for log lines. */
    String configured() {
        return configured;
    }

    /** The names a certificate for a topic in {@code region} may carry; {@code region} null when the ARN has none. */
    Set<String> expected(String region) {
        Set<String> out = new LinkedHashSet<>();
        for (String name : names) {
            if (name.equals(AWS)) {
                out.addAll(aws(region));
            } else if (!name.contains(REGION)) {
                out.add(name);
            } else if (region != null) {
                out.add(name.replace(REGION, region));
            }
        }
        return out;
    }

    /** SNS's names for {@code region}: the patterns of the class comment. */
    static List<String> aws(String region) {
        if (region == null || !AWS_REGION.matcher(region).matches()) {
            return List.of("sns.amazonaws.com");
        }
        String suffix = region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
        List<String> out = new ArrayList<>(List.of("sns." + suffix, "sns-signing." + region + "." + suffix,
                "sns-" + region + "." + suffix, "sns." + region + "." + suffix));
        if (region.startsWith("us-gov-")) {
            out.add("sns-us-gov-west-1.amazonaws.com");
        }
        return out;
    }

    /** The region of a topic ARN ({@code arn:PARTITION:sns:REGION:ACCOUNT:NAME}), or null. */
    static String regionOf(String topicArn) {
        String[] parts = topicArn == null ? new String[0] : topicArn.split(":", 6);
        return parts.length == 6 && !parts[3].isEmpty() ? parts[3].toLowerCase(Locale.ROOT) : null;
    }

    /** The names {@code certificate} is issued for: its DNS subjectAltNames, else its subject common names. */
    static List<String> of(X509Certificate certificate) {
        List<String> dns = new ArrayList<>();
        try {
            var alternatives = certificate.getSubjectAlternativeNames();
            if (alternatives != null) {
                for (List<?> alternative : alternatives) {
                    if (alternative.size() == 2 && Integer.valueOf(2).equals(alternative.get(0))
                            && alternative.get(1) instanceof String name) {
                        dns.add(name.toLowerCase(Locale.ROOT));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            return List.of();
        }
        if (!dns.isEmpty()) {
            return List.copyOf(dns);
        }
        List<String> commonNames = new ArrayList<>();
        try {
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName(X500Principal.RFC2253)).getRdns()) {
                if ("CN".equalsIgnoreCase(rdn.getType()) && rdn.getValue() instanceof String cn) {
                    commonNames.add(cn.toLowerCase(Locale.ROOT));
                }
            }
        } catch (InvalidNameException e) {
            return List.of();
        }
        return List.copyOf(commonNames);
    }
}
