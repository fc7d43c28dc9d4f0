package com.algomarket.api.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml as the tests read it without a Docker engine: parsed YAML, its services, and the configs they
 * mount. Paths are relative to the repository root, found from the working directory (a module's, when Maven runs the
 * tests).
 */
public final class ComposeFile {

    public static final Path ROOT = repositoryRoot();
    public static final Map<String, Object> COMPOSE = yaml(ROOT.resolve("docker-compose.yml"));

    private ComposeFile() {}

    public static Path repositoryRoot() {
        Path directory = Path.of("").toAbsolutePath();
        while (!Files.isRegularFile(directory.resolve("docker-compose.yml"))) {
            directory = directory.getParent();
            if (directory == null) {
                throw new IllegalStateException(
                        "No docker-compose.yml above " + Path.of("").toAbsolutePath());
            }
        }
        return directory;
    }

    public static Map<String, Object> services() {
        return map(COMPOSE.get("services"));
    }

    public static Map<String, Object> service(String name) {
        Map<String, Object> service = map(services().get(name));
        assertThat(service).as("service " + name).isNotNull();
        return service;
    }

    /** Where the service mounts the named config. */
    public static String mountTarget(Map<String, Object> service, String config) {
        return maps(service.get("configs")).stream()
                .filter(mount -> config.equals(mount.get("source")))
                .map(mount -> (String) mount.get("target"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the service does not mount config " + config));
    }

    /** The file in the repository that the named config is read from. */
    public static Path configFile(String config) {
        return ROOT.resolve((String) config(config).get("file")).normalize();
    }

    public static Map<String, Object> config(String config) {
        Map<String, Object> found = map(map(COMPOSE.get("configs")).get(config));
        assertThat(found).as("config " + config).isNotNull();
        return found;
    }

    /** The values of the service's {@code environment} map, each as a string. */
    public static String environment(Map<String, Object> service, String variable) {
        Object value = map(service.get("environment")).get(variable);
        return value == null ? null : value.toString();
    }

    public static Map<String, Object> yaml(Path file) {
        return new Yaml().load(text(file));
    }

    public static String text(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    public static List<Object> list(Object value) {
        return value == null ? List.of() : new ArrayList<>((List<?>) value);
    }

    public static List<Map<String, Object>> maps(Object value) {
        return list(value).stream()
                .flatMap(item -> item instanceof Map<?, ?> ? Stream.of(map(item)) : Stream.empty())
                .toList();
    }
}
