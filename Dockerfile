# Base images are pinned to an exact JDK build and Ubuntu release (Temurin 21.0.9+10 on 24.04 "noble"): a rebuild gets
# the same Java and OS until someone moves the tags on purpose.
# Build stage: the same Maven wrapper and JDK 21 as everywhere else.
FROM eclipse-temurin:21.0.9_10-jdk-noble AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -DskipUnitTests=true -pl api -am package

# Run stage: a JRE and the Spring Boot jar, which holds no embedded PostgreSQL and no Temporal test server. It runs in
# production mode (see docker-compose.yml and README "Configure") and refuses to start, naming what is missing, until
# it has everything it needs.
FROM eclipse-temurin:21.0.9_10-jre-noble
RUN useradd --system --uid 10001 algomarket
USER algomarket
WORKDIR /app
COPY --from=build /src/api/target/api-*.jar /app/algomarket.jar
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/algomarket.jar"]
