# Builds one of the services from this repository. Used by deploy/compose/compose.yml:
#   docker build -f deploy/docker/service.Dockerfile --build-arg MODULE=command-service -t sslplane/command-service .
# MODULE is the Maven module path (command-service, restart-worker, query-service, deploy/local-fleet).
FROM maven:3.9-eclipse-temurin-17 AS build
ARG MODULE
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -DskipTests -pl ${MODULE} -am package \
 && cp ${MODULE}/target/*-exec.jar /app.jar

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 sslplane
USER 10001
COPY --from=build /app.jar /opt/sslplane/app.jar
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
ENTRYPOINT ["java", "-jar", "/opt/sslplane/app.jar"]
