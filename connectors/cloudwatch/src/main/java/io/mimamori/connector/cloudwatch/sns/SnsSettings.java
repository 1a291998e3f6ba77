package io.mimamori.connector.cloudwatch.sns;

import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * The checked settings of one {@code cloudwatch-sns-source} input, made from its kamelet parameters.
 * Every error names the parameter and what to write instead. The ranges are the kamelet's.
 */
record SnsSettings(String name, String path, TopicAllowList topics, SnsUrlPolicy urls, SigningCertNames certNames,
                   Path trustedCaFile, Duration maxMessageAge, int maxBodySize, int certCacheSize,
                   Duration fetchTimeout) {

    private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9._~-]+(/[A-Za-z0-9._~-]+)*");

    /** @throws IllegalArgumentException naming the parameter that is wrong */
    static SnsSettings of(String name, String path, String allowedTopicArns, String signingCertHostPattern,
            String signingCertName, String trustedCaFile, long maxMessageAgeSeconds, long maxBodySize,
            long certCacheSize, long fetchTimeoutSeconds) {
        if (path == null || !PATH.matcher(path).matches()) {
            throw new IllegalArgumentException("path '" + path + "' must be an absolute URL path of letters, digits "
                    + "and . _ ~ - such as /aws/sns/cloudwatch");
        }
        inRange("maxMessageAgeSeconds", maxMessageAgeSeconds, 60, 86_400);
        inRange("maxBodySize", maxBodySize, 1024, 16 * 1024 * 1024);
        inRange("certCacheSize", certCacheSize, 1, 1024);
        inRange("fetchTimeoutSeconds", fetchTimeoutSeconds, 1, 60);
        Path caFile = trustedCaFile == null || trustedCaFile.isBlank() ? null : Path.of(trustedCaFile.trim());
        if (caFile != null) {
            SnsFetcher.sslContext(caFile);
        }
        return new SnsSettings(name, path, TopicAllowList.parse(allowedTopicArns),
                new SnsUrlPolicy(signingCertHostPattern), SigningCertNames.parse(signingCertName), caFile,
                Duration.ofSeconds(maxMessageAgeSeconds),
                (int) maxBodySize, (int) certCacheSize, Duration.ofSeconds(fetchTimeoutSeconds));
    }

    private static void inRange(String parameter, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(parameter + " is " + value + "; it must be from " + min + " to " + max);
        }
    }
}
