package io.mimamori.connector.cloudwatch.sns;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which URLs in a message may be visited: the signing certificate's and the SubscribeURL. Checked
 * before anything is fetched: HTTPS, no user info, no fragment, and a host matching one of the
 * configured host patterns — by default SNS's own hosts in the commercial and China partitions.
 * A pattern is a host name in which {@code *} stands for one DNS label, optionally with
 * {@code :PORT}; a URL with a port other than 443 matches only a pattern naming that port.
 */
final class SnsUrlPolicy {
    /** SNS's hosts: sns.REGION.amazonaws.com and sns.REGION.amazonaws.com.cn. */
    static final String DEFAULT_HOSTS = "sns.*.amazonaws.com,sns.*.amazonaws.com.cn";
    private static final Pattern HOST_GLOB = Pattern.compile("[a-z0-9*]([a-z0-9*.-]*[a-z0-9*])?(:[0-9]{1,5})?");

    private final List<Pattern> hosts;
    private final String hostPatterns;

    /** @throws IllegalArgumentException naming the parameter when a pattern is not a host name */
    SnsUrlPolicy(String hostPatterns) {
        List<Pattern> out = new ArrayList<>();
        for (String entry : (hostPatterns == null ? "" : hostPatterns).split(",")) {
            String glob = entry.trim().toLowerCase(Locale.ROOT);
            if (glob.isEmpty()) {
                continue;
            }
            if (!HOST_GLOB.matcher(glob).matches() || glob.startsWith("*")) {
                throw new IllegalArgumentException("signingCertHostPattern: '" + entry.trim() + "' is not a host name "
                        + "pattern such as sns.*.amazonaws.com, where * stands for one DNS label, optionally with :PORT");
            }
            out.add(Pattern.compile(Pattern.quote(glob).replace("*", "\\E[a-z0-9-]+\\Q")));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("signingCertHostPattern is empty: leave it out for SNS's own hosts ("
                    + DEFAULT_HOSTS + ")");
        }
        this.hosts = List.copyOf(out);
        this.hostPatterns = hostPatterns.trim();
    }

    /** The patterns as configured, for log lines. */
    String hostPatterns() {
        return hostPatterns;
    }

    /** The signing certificate URL, checked; it must also name a .pem file and have no query. */
    URI signingCertificate(String url) throws SnsRejection {
        URI uri = check(url, SnsRejection.Reason.UNTRUSTED_CERT_URL, "SigningCertURL");
        if (uri.getRawQuery() != null || uri.getPath() == null
                || !uri.getPath().toLowerCase(Locale.ROOT).endsWith(".pem")) {
            throw new SnsRejection(SnsRejection.Reason.UNTRUSTED_CERT_URL, "SigningCertURL " + url
                    + " does not name a .pem file");
        }
        return uri;
    }

    /** The SubscribeURL of a confirmation, checked. */
    URI subscribeUrl(String url) throws SnsRejection {
        return check(url, SnsRejection.Reason.UNTRUSTED_SUBSCRIBE_URL, "SubscribeURL");
    }

    private URI check(String url, SnsRejection.Reason reason, String field) throws SnsRejection {
        if (url == null) {
            throw new SnsRejection(reason, "no " + field);
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new SnsRejection(reason, field + " is not a URL");
        }
        if (!"https".equalsIgnoreCase(uri.getScheme())) {
            throw new SnsRejection(reason, field + " " + url + " is not https");
        }
        if (uri.getRawUserInfo() != null || uri.getRawFragment() != null || uri.getHost() == null) {
            throw new SnsRejection(reason, field + " has user info, a fragment or no host");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        String authority = uri.getPort() == -1 || uri.getPort() == 443 ? host : host + ":" + uri.getPort();
        if (hosts.stream().noneMatch(p -> p.matcher(authority).matches())) {
            throw new SnsRejection(reason, field + " host " + authority + " is not an SNS host (signingCertHostPattern)");
        }
        return uri;
    }
}
