package com.algomarket.api.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** The repackaged jar of the app, which `package` makes before the ITs run (failsafe runs after it). */
public final class AppJar {

    private AppJar() {}

    public static Path path() {
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(Path.of("target"), "api-*.jar")) {
            for (Path jar : jars) {
                if (!jar.toString().endsWith("-plain.jar")) {
                    return jar.toAbsolutePath();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("api/target/api-*.jar is missing: run the ITs with `verify`, after `package`");
    }
}
