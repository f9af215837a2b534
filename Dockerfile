# Build: docker build -t memebattle .
# Run:   docker run -e DISCORD_TOKEN=... -e TELEGRAM_TOKEN=... -v memebattle-data:/app/data -v memebattle-cache:/app/cache memebattle
# Same steps as .ci/run: Maven build on Java 17, the fonts from .ci/apt-packages.txt.

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

FROM eclipse-temurin:17-jre
COPY .ci/apt-packages.txt /tmp/apt-packages.txt
RUN apt-get update \
 && xargs -a /tmp/apt-packages.txt apt-get install -y --no-install-recommends \
 && rm -rf /var/lib/apt/lists/* /tmp/apt-packages.txt \
 && fc-cache -f \
 && useradd --system --create-home --home-dir /app memebattle
WORKDIR /app
# One self-contained jar (no lib/ folder beside it).
COPY --from=build /src/target/memebattle.jar /app/memebattle.jar
COPY templates /app/templates
COPY models /app/models
COPY config.yml /app/config.yml
RUN mkdir -p /app/cache /app/out /app/data && chown -R memebattle /app/cache /app/out /app/data
USER memebattle
# Listeners for telegram.webhook (8443) and telegram.inline_images (8444), when a mounted config.yml
# turns them on with listen_host: 0.0.0.0.
EXPOSE 8443 8444
# Tokens come from the environment at run time (never baked into the image).
# Heap from the container's memory limit (the rest is metaspace, threads, fonts, image buffers); G1
# collects when idle and returns memory after a burst; a JVM out of memory exits for the orchestrator
# to restart, rather than limp on.
ENTRYPOINT ["java", "-XX:+UseContainerSupport", "-XX:MaxRAMPercentage=50", "-XX:+UseG1GC", \
            "-XX:G1PeriodicGCInterval=30000", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", \
            "-Xss512k", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/memebattle.jar"]
CMD ["run"]
