# The Mimamori hub as a container image. It builds nothing itself: it packages the distribution
# that Maven leaves in hub/target/mimamori (bin/mimamori and lib/), with the default deployment of
# this repository (config/ and routes/*.yaml: syslog, SNMP traps, the file sink). Two steps:
#
#   mvn -B -q -DskipTests package      # builds hub/target/mimamori
#   docker build -t mimamori-hub .     # or: docker compose up --build (docker-compose.yml)
#
# Settings come from the environment (MIMAMORI_*, CAMEL_*; see README.md "Settings"); more route
# files are added by mounting them into /opt/mimamori/routes/. Alerts, the outbox and the quarantine
# live in /var/lib/mimamori.
FROM eclipse-temurin:17-jre

RUN useradd --system --home-dir /var/lib/mimamori --shell /usr/sbin/nologin mimamori \
    && mkdir -p /var/lib/mimamori \
    && chown mimamori: /var/lib/mimamori

COPY hub/target/mimamori/ /opt/mimamori/
COPY config/ /opt/mimamori/config/
COPY routes/*.yaml /opt/mimamori/routes/

# Inside a container the listeners must not stay on loopback, or published ports reach nothing.
ENV MIMAMORI_CONFIG_DIR=/opt/mimamori/config \
    MIMAMORI_ROUTES_DIR=/opt/mimamori/routes \
    MIMAMORI_DATA_DIR=/var/lib/mimamori \
    CAMEL_SERVER_HOST=0.0.0.0 \
    CAMEL_MANAGEMENT_HOST=0.0.0.0

USER mimamori
WORKDIR /var/lib/mimamori
VOLUME /var/lib/mimamori
# API, health and metrics, syslog (UDP and TCP), SNMP traps
EXPOSE 8080 9876 5514/udp 5514/tcp 1162/udp
# bin/mimamori execs the JVM, so SIGTERM from "docker stop" reaches the hub and it shuts down
# gracefully (commits what it received, delivers what is due); allow it the time: stop_grace_period
ENTRYPOINT ["/opt/mimamori/bin/mimamori"]
CMD ["run"]
