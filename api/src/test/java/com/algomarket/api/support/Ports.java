package com.algomarket.api.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;

/** Loopback ports for servers that tests start beside the ones CI already runs. */
public final class Ports {

    private static final Random RANDOM = new Random();
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private Ports() {}

    public static int free() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A free loopback port below the kernel's ephemeral range, for a server that a test stops and starts again on the
     * same port (a killed child app): a port from {@link #free()} lies inside that range, where any process's
     * outgoing connection or random-port listener may take it while the server is down.
     */
    public static int freeOutsideEphemeralRange() {
        int ephemeralStart = ephemeralRangeStart();
        for (int attempt = 0; attempt < 100; attempt++) {
            int candidate = 10_000 + RANDOM.nextInt(Math.max(1, ephemeralStart - 10_000));
            // Two apps created before either starts would otherwise both find the same port free.
            if (!HANDED_OUT.add(candidate)) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress("127.0.0.1", candidate));
                return candidate;
            } catch (IOException taken) {
                // Someone holds it: try another.
            }
        }
        return free();
    }

    static int ephemeralRangeStart() {
        try {
            // Read line by line: procfs reports a size of 0, and Files.readString on JDK 25 then read "3" of
            // "32768 60999", so that every app got port 10,000 and a second app's health check asked the first one.
            return Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))
                    .getFirst()
                    .strip()
                    .split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 32_768;
        }
    }

    public static boolean isListening(int port) {
        return isListening(InetAddress.getLoopbackAddress(), port);
    }

    /** Whether something accepts connections on this address of this machine and port. */
    public static boolean isListening(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The addresses of this machine other than loopback ones: where the network reaches it. */
    public static List<InetAddress> networkAddresses() {
        try {
            return NetworkInterface.networkInterfaces()
                    .flatMap(NetworkInterface::inetAddresses)
                    .filter(address -> !address.isLoopbackAddress() && !address.isLinkLocalAddress())
                    .toList();
        } catch (SocketException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The HTTP port a running app (started with {@code --server.port=0}) listens on. */
    public static int httpPort(ApplicationContext app) {
        return ((WebServerApplicationContext) app).getWebServer().getPort();
    }
}
