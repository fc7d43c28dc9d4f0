package com.algomarket.api.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;

/** Loopback ports for servers that tests start beside the ones CI already runs. */
public final class Ports {

    private Ports() {}

    public static int free() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
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
