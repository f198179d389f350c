# Neurona: build the Spring Boot jar with the Maven wrapper, run it on a JRE as a non-root user.
#   docker build -t neurona .
#   docker run -p 8080:8080 -v neurona-data:/data neurona
# On an arm64 host (e.g. Apple silicon) build with: --build-arg PYTORCH_CLASSIFIER=linux-aarch64

FROM eclipse-temurin:17-jdk AS build
# DJL's native PyTorch build for the image's platform (Maven classifier of pytorch-native-cpu)
ARG PYTORCH_CLASSIFIER=linux-x86_64
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn .mvn
COPY src src
# the cache mount keeps the Maven wrapper's distribution and ~/.m2 between builds (BuildKit)
RUN --mount=type=cache,target=/root/.m2 \
    chmod +x mvnw \
 && ./mvnw -B -q -DskipTests -Dpytorch.classifier="${PYTORCH_CLASSIFIER}" package \
 && cp target/neurona-*.jar /neurona.jar

FROM eclipse-temurin:17-jre
# The base image (Ubuntu) ships curl, which the health check below uses; fail the build if a new one stops doing so.
# /data/artifacts exists and belongs to neurona so that an empty volume mounted there (the artifact store shared by
# several nodes, see docker-compose.yml) takes over that ownership instead of being root's.
RUN command -v curl >/dev/null \
 && groupadd --system neurona \
 && useradd --system --gid neurona --uid 10001 --home-dir /app --shell /usr/sbin/nologin neurona \
 && mkdir -p /app /data/artifacts \
 && chown -R neurona:neurona /data
COPY --from=build /neurona.jar /app/neurona.jar

# Relaxed binding: NEURONA_DATA_DIR -> neurona.data-dir (H2 database, artifacts: datasets and models),
# NEURONA_ENGINE_CACHE_DIR -> neurona.engine.cache-dir (libtorch, ~430 MB, extracted once per volume)
ENV NEURONA_DATA_DIR=/data \
    NEURONA_ENGINE_CACHE_DIR=/data/djl-cache
VOLUME /data
WORKDIR /app
USER neurona
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s --retries=3 \
  CMD curl -fsS -o /dev/null http://localhost:8080/actuator/health || exit 1
# libtorch comes from the jar (Maven Central); the service puts DJL offline itself (DjlEngine.goOffline).
# The heap gets half the container's memory limit: PyTorch's tensors live in native memory outside it. Exit on an
# OutOfMemoryError so the container restarts instead of limping on. Add JVM options with JAVA_TOOL_OPTIONS, e.g.
# -e JAVA_TOOL_OPTIONS=-Xmx2g (an explicit -Xmx wins over the percentage).
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=50", "-XX:+ExitOnOutOfMemoryError", \
            "-jar", "/app/neurona.jar"]
