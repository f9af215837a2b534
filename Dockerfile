# Build: docker build -t memebattle .
# Run:   docker run -e DISCORD_TOKEN=... -e TELEGRAM_TOKEN=... -v memebattle-data:/app/data -v memebattle-cache:/app/cache -p 9464:9464 memebattle
# Same steps as .ci/run: Maven build on Java 17, the fonts from .ci/apt-packages.txt.
# docs/container-check.sh checks this file without Docker (the runtime stage rebuilt in a Debian chroot).

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
# The bot's modules only (the training module and its DL4J/ND4J stay out of the image).
COPY pom.xml .
COPY core/pom.xml core/
COPY store/pom.xml store/
COPY discord/pom.xml discord/
COPY telegram/pom.xml telegram/
COPY training/pom.xml training/
COPY app/pom.xml app/
RUN mvn -B -q -pl app -am dependency:go-offline
COPY core/src core/src
COPY store/src store/src
COPY discord/src discord/src
COPY telegram/src telegram/src
COPY app/src app/src
RUN mvn -B -q -pl app -am package -DskipTests

# Runtime on Debian 12 (bookworm), the distribution .ci/run installs on and CI tests on: Debian's own
# OpenJDK 17 and the same font packages (.ci/apt-packages.txt) at the same versions from the same
# archive, so the fonts memes are drawn with, and fontconfig's fallback between them, are the ones the
# tests ran against. (eclipse-temurin:17-jre is Ubuntu: other font versions, another fontconfig.)
# fontconfig brings fc-cache; curl is for the HEALTHCHECK. The slim image leaves out /usr/share/man,
# where the JRE's post-install script links java.1.gz: without the folder it fails (Debian #863199).
FROM debian:bookworm-slim
COPY .ci/apt-packages.txt /tmp/apt-packages.txt
RUN mkdir -p /usr/share/man/man1 \
 && apt-get update \
 && apt-get install -y --no-install-recommends openjdk-17-jre-headless fontconfig curl \
      $(cat /tmp/apt-packages.txt) \
 && rm -rf /var/lib/apt/lists/* /tmp/apt-packages.txt \
 && fc-cache -f \
 && useradd --system --create-home --home-dir /app memebattle
# The slim image has no locale: without one, Java 17 reads and writes text (stdout, file names) as ASCII.
ENV LANG=C.UTF-8
WORKDIR /app
# One self-contained jar (no lib/ folder beside it).
COPY --from=build /src/target/memebattle.jar /app/memebattle.jar
COPY templates /app/templates
COPY models /app/models
COPY config.yml /app/config.yml
RUN mkdir -p /app/cache /app/out /app/data && chown -R memebattle /app/cache /app/out /app/data
USER memebattle
# Metrics and health (metrics.port in config.yml; the environment wins): /metrics for Prometheus,
# /healthz (200 alive, 503 not) and /readyz, on all interfaces inside the container so -p can publish it.
ENV MEMEBATTLE_METRICS_PORT=9464 MEMEBATTLE_METRICS_BIND=0.0.0.0
# Listeners for telegram.webhook (8443) and telegram.inline_images (8444), when a mounted config.yml
# turns them on with listen_host: 0.0.0.0; 9464: metrics and health.
EXPOSE 8443 8444 9464
# Start-up (caption model, templates, database, gateways) takes seconds; a minute before failures count.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD curl -fsS http://127.0.0.1:${MEMEBATTLE_METRICS_PORT}/healthz || exit 1
# Tokens come from the environment at run time (never baked into the image).
# Heap from the container's memory limit (the rest is metaspace, threads, fonts, image buffers); G1
# collects when idle and returns memory after a burst; a JVM out of memory exits for the orchestrator
# to restart, rather than limp on. -Xss512k halves the default thread stack: the bot runs many threads
# (gateway shards, engine workers, HTTP clients). More flags without rebuilding:
# -e JAVA_TOOL_OPTIONS=... (the JVM says "Picked up JAVA_TOOL_OPTIONS" once on stderr).
ENTRYPOINT ["java", "-XX:+UseContainerSupport", "-XX:MaxRAMPercentage=50", "-XX:+UseG1GC", \
            "-XX:G1PeriodicGCInterval=30000", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", \
            "-Xss512k", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/memebattle.jar"]
CMD ["run"]
