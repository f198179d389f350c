# Neurona: build the Spring Boot jar with the Maven wrapper, run it on a JRE as a non-root user (docs/container.md).
#   docker build -t neurona .
#   docker run -p 8080:8080 -v neurona-data:/data neurona
# On an arm64 host (e.g. Apple silicon) build with: --build-arg PYTORCH_CLASSIFIER=linux-aarch64
# Needs BuildKit (the default builder since Docker 23; DOCKER_BUILDKIT=1 before): it builds only the stages the target
# uses.
#
# Build arguments:
#   BUILD_IMAGE, RUNTIME_IMAGE  the base images (a JDK to build, a JRE with curl to run). CI builds on a Debian
#                               bookworm image it bootstraps itself with debootstrap, as Docker Hub is out of its reach.
#   JAR_SOURCE=prebuilt         take a jar built beforehand (./mvnw package) instead of compiling: the build context is
#                               then a folder holding it as neurona.jar (docs/container.md).
#   --target gpu                the GPU variant: a libtorch of your own, from the folder libtorch/ of the build context
#                               (for CUDA: libtorch 2.7.1+cu128 unpacked there), see docs/container.md, "A GPU".
ARG BUILD_IMAGE=eclipse-temurin:17-jdk
ARG RUNTIME_IMAGE=eclipse-temurin:17-jre
ARG JAR_SOURCE=build

FROM ${BUILD_IMAGE} AS build
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

FROM scratch AS prebuilt
COPY neurona.jar /neurona.jar

# the jar from one of the two stages above; BuildKit skips the other
FROM ${JAR_SOURCE} AS jar

FROM ${RUNTIME_IMAGE} AS runtime
# The base image must ship curl, which the health check below uses: fail the build if it does not.
# /data/artifacts exists and belongs to neurona so that an empty volume mounted there (the artifact store shared by
# several nodes, see docker-compose.yml) takes over that ownership instead of being root's.
RUN command -v curl >/dev/null \
 && command -v java >/dev/null \
 && groupadd --system neurona \
 && useradd --system --gid neurona --uid 10001 --home-dir /app --shell /usr/sbin/nologin neurona \
 && mkdir -p /app /data/artifacts \
 && chown -R neurona:neurona /data
COPY --from=jar /neurona.jar /app/neurona.jar

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

# The GPU variant: libtorch from the build context's libtorch/ folder instead of the jar's CPU build. Run it with
# --gpus all (the NVIDIA container toolkit) and NEURONA_DEVICE=gpu:0; start-up logs the library and device it found.
FROM runtime AS gpu
COPY --chown=root:root libtorch/ /opt/libtorch/
ENV NEURONA_ENGINE_LIBTORCH_DIR=/opt/libtorch

# the default target: the CPU image
FROM runtime
