# Build stage: the same Maven wrapper and JDK 21 as everywhere else.
FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -DskipUnitTests=true -pl api -am package

# Run stage: a JRE and the Spring Boot jar. Configure with DATABASE_URL, DATABASE_USER, DATABASE_PASSWORD and
# TEMPORAL_ADDRESS (see docker-compose.yml); without them the app would start its embedded default.
FROM eclipse-temurin:21-jre
RUN useradd --system --uid 10001 algomarket
USER algomarket
WORKDIR /app
COPY --from=build /src/api/target/api-*.jar /app/algomarket.jar
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/algomarket.jar"]
