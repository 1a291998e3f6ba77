package io.mimamori.connector.cloudwatch.sns;

import io.mimamori.pipeline.SourceMetrics;
import io.mimamori.pipeline.Warnings;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives SNS's POSTs on the hub's HTTP server (platform-http, {@code path}), verifies each, and
 * passes verified notifications on as a fresh exchange: the body is the SNS JSON as posted, the
 * headers are {@link SnsHeaders}. SNS is answered 200 only once the rest of the route has completed
 * without error, so a notification the pipeline did not commit is delivered again. A subscription
 * confirmation for an allowed topic is confirmed by visiting its SubscribeURL; an unsubscribe
 * confirmation is logged. Neither is passed on. Refused messages are answered 4xx (5xx when the
 * cause may pass), counted by reason and logged at a rate-limited level.
 */
final class SnsConsumer extends DefaultConsumer {
    static final String CONNECTOR = "cloudwatch-sns-source";
    static final Map<SnsConsumer, Boolean> RUNNING = new ConcurrentHashMap<>();
    private static final Logger LOG = LoggerFactory.getLogger(SnsConsumer.class);
    private static final String TYPE_HEADER = "x-amz-sns-message-type";
    private static final String REMOTE_ADDRESS_HEADER = "CamelVertxPlatformHttpRemoteAddress";
    private static final int MAX_CONFIRM_RESPONSE_BYTES = 64 * 1024;

    private final SnsSettings settings;
    private final Warnings warnings;
    private volatile SourceMetrics metrics;
    private volatile SnsFetcher fetcher;
    private volatile SigningCertificates certificates;
    private volatile SnsVerifier verifier;
    private volatile Consumer http;

    private record Reply(int status, String text) {
    }

    SnsConsumer(SnsEndpoint endpoint, Processor processor, SnsSettings settings) {
        super(endpoint, processor);
        this.settings = settings;
        this.warnings = new Warnings(LOG, CONNECTOR + " '" + settings.name() + "'");
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        metrics = SourceMetrics.of(getEndpoint().getCamelContext(), CONNECTOR, settings.name());
        fetcher = new SnsFetcher(settings.trustedCaFile(), settings.fetchTimeout());
        certificates = new SigningCertificates(fetcher, settings.certCacheSize(), Clock.systemUTC());
        verifier = new SnsVerifier(settings.topics(), settings.urls(), certificates, settings.certNames(),
                settings.maxMessageAge(), Clock.systemUTC());
        Endpoint endpoint;
        try {
            endpoint = getEndpoint().getCamelContext()
                    .getEndpoint("platform-http:" + settings.path() + "?httpMethodRestrict=POST");
        } catch (RuntimeException e) {
            throw new IllegalStateException(CONNECTOR + " '" + settings.name() + "' needs the hub's HTTP server "
                    + "(camel.server.enabled=true and camel-platform-http-vertx): " + e.getMessage(), e);
        }
        Consumer c = endpoint.createConsumer(this::handle);
        ServiceHelper.startService(c);
        http = c;
        RUNNING.put(this, Boolean.TRUE);
        LOG.info("{} '{}' receiving SNS messages on POST {} (certificates from {} issued for {}{})", CONNECTOR,
                settings.name(), settings.path(), settings.urls().hostPatterns(), settings.certNames().configured(),
                settings.trustedCaFile() == null ? "" : ", HTTPS trusting only the CAs in " + settings.trustedCaFile());
    }

    @Override
    protected void doStop() throws Exception {
        RUNNING.remove(this);
        Consumer c = http;
        http = null;
        ServiceHelper.stopAndShutdownService(c);
        super.doStop();
    }

    Map<String, String> healthDetails() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put(settings.name() + ".path", settings.path());
        SigningCertificates certs = certificates;
        d.put(settings.name() + ".signingCertificates", Integer.toString(certs == null ? 0 : certs.size()));
        return d;
    }

    /** One POST, on a worker thread of the HTTP server. */
    private void handle(Exchange exchange) {
        Message in = exchange.getMessage();
        SourceMetrics m = metrics;
        m.received();
        Object peer = in.getHeader(REMOTE_ADDRESS_HEADER);
        Reply reply;
        try {
            reply = receive(in);
        } catch (SnsRejection r) {
            String reason = r.reason().label;
            if (r.reason().malformed) {
                m.malformed(reason);
            } else {
                m.dropped(reason);
            }
            // the detail may quote what the client sent: no line breaks into the log or the reply
            String detail = r.getMessage().replaceAll("\\p{Cntrl}", "?");
            warnings.warn(reason, "refused a message from {} with HTTP {}: {}: {}", peer == null ? "a client" : peer,
                    r.reason().status, reason, detail);
            reply = new Reply(r.reason().status, reason + ": " + detail);
        }
        in.removeHeaders("*");
        in.setHeader(Exchange.HTTP_RESPONSE_CODE, reply.status());
        in.setHeader(Exchange.CONTENT_TYPE, "text/plain; charset=UTF-8");
        in.setBody(reply.text() + "\n");
    }

    private Reply receive(Message in) throws SnsRejection {
        byte[] body = in.getBody(byte[].class);
        if (body == null || body.length == 0) {
            throw new SnsRejection(SnsRejection.Reason.MALFORMED, "empty body");
        }
        if (body.length > settings.maxBodySize()) {
            throw new SnsRejection(SnsRejection.Reason.TOO_LARGE, body.length + " bytes, more than maxBodySize "
                    + settings.maxBodySize());
        }
        SnsMessage message = SnsMessage.parse(body);
        String declared = in.getHeader(TYPE_HEADER, String.class);
        if (!message.type().equals(declared)) {
            throw new SnsRejection(SnsRejection.Reason.MALFORMED, "header " + TYPE_HEADER + " '" + declared
                    + "' disagrees with Type '" + message.type() + "'");
        }
        verifier.verify(message);
        switch (message.type()) {
            case SnsMessage.NOTIFICATION -> {
                return passOn(message, body);
            }
            case SnsMessage.SUBSCRIPTION_CONFIRMATION -> {
                confirm(message);
                metrics.dropped("subscription_confirmation");
                return new Reply(200, "subscription confirmed");
            }
            default -> {
                LOG.warn("{} '{}': SNS confirms that the subscription to {} was deactivated (message {}); no more "
                        + "notifications of that topic arrive until it is subscribed again", CONNECTOR, settings.name(),
                        message.topicArn(), message.messageId());
                metrics.dropped("unsubscribe_confirmation");
                return new Reply(200, "unsubscribe noted");
            }
        }
    }

    private Reply passOn(SnsMessage message, byte[] body) {
        Exchange out = createExchange(false);
        try {
            Message o = out.getMessage();
            o.setBody(new String(body, StandardCharsets.UTF_8));
            o.setHeader(SnsHeaders.TYPE, message.type());
            o.setHeader(SnsHeaders.TOPIC_ARN, message.topicArn());
            o.setHeader(SnsHeaders.MESSAGE_ID, message.messageId());
            if (message.subject() != null) {
                o.setHeader(SnsHeaders.SUBJECT, message.subject());
            }
            try {
                getProcessor().process(out);
            } catch (Exception e) {
                out.setException(e);
            }
            Exception failure = out.getException();
            if (failure != null || out.isRollbackOnly()) {
                warnings.warn("not_accepted", "notification {} of {} not accepted, SNS will deliver it again: {}",
                        message.messageId(), message.topicArn(), failure == null ? "rolled back" : failure.toString());
                return new Reply(500, "not accepted; deliver again");
            }
            return new Reply(200, "accepted");
        } finally {
            releaseExchange(out, false);
        }
    }

    private void confirm(SnsMessage message) throws SnsRejection {
        URI url = settings.urls().subscribeUrl(message.subscribeUrl());
        SnsFetcher.Response response;
        try {
            response = fetcher.get(url, MAX_CONFIRM_RESPONSE_BYTES);
        } catch (IOException e) {
            throw new SnsRejection(SnsRejection.Reason.CONFIRM_FAILED, "cannot visit the SubscribeURL on "
                    + url.getHost() + ": " + e);
        }
        if (response.status() != 200) {
            throw new SnsRejection(SnsRejection.Reason.CONFIRM_FAILED, "the SubscribeURL on " + url.getHost()
                    + " answered HTTP " + response.status());
        }
        LOG.info("{} '{}': confirmed the subscription to {} by visiting the SubscribeURL on {}", CONNECTOR,
                settings.name(), message.topicArn(), url.getHost());
    }
}
