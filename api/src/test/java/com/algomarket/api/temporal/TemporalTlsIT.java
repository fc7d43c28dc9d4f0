package com.algomarket.api.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.algomarket.api.support.ServerEnvironment;
import com.algomarket.workflows.support.Await;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.api.workflowservice.v1.DescribeNamespaceResponse;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertPathBuilderException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TLS settings of {@link TemporalConnectionSecurity} against a server that demands them. The dev server speaks
 * only plain gRPC, so a TLS-terminating proxy stands in front of the suite's Temporal: it presents a certificate for
 * {@code temporal.test} from a private CA, requires a client certificate from the same CA, and records each handshake,
 * so a passing call proves that it went through mTLS rather than around it.
 */
class TemporalTlsIT {

    private static final String SERVER_NAME = "temporal.test";
    private static final String CLIENT_NAME = "algomarket-worker.test";
    private static final Duration DEADLINE = Duration.ofSeconds(15);

    @TempDir
    Path directory;

    private Pki.Authority authority;
    private Pki.Issued clientCertificate;
    private TlsTerminatingProxy proxy;
    private WorkflowServiceStubs stubs;

    @BeforeEach
    void startProxy() throws Exception {
        Pki pki = new Pki(directory);
        authority = pki.authority("ca", "AlgoMarket Test CA");
        Pki.Issued serverCertificate = pki.issue(
                authority,
                "server",
                SERVER_NAME,
                "subjectAltName=DNS:" + SERVER_NAME + "\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n");
        clientCertificate =
                pki.issue(authority, "client", CLIENT_NAME, "extendedKeyUsage=clientAuth\nbasicConstraints=CA:FALSE\n");
        proxy = new TlsTerminatingProxy(serverContext(serverCertificate, authority), temporalSocketAddress());
    }

    @AfterEach
    void stopProxy() throws InterruptedException {
        if (stubs != null) {
            stubs.shutdownNow();
            stubs.awaitTermination(10, TimeUnit.SECONDS);
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void givenClientCertificateAndPrivateCa_whenCallingThroughTls_thenServerAnswersOverMutualTls() {
        stubs = connect(withClientCertificate(authority.certificate(), SERVER_NAME));

        DescribeNamespaceResponse described = describeDefaultNamespace();

        assertThat(described.getNamespaceInfo().getName()).isEqualTo("default");
        assertThat(proxy.handshakes).isNotEmpty().allSatisfy(handshake -> {
            assertThat(handshake.clientSubject()).isEqualTo("CN=" + CLIENT_NAME);
            assertThat(handshake.applicationProtocol()).isEqualTo("h2");
        });
        assertThat(proxy.refusals).isEmpty();
    }

    @Test
    void givenNoClientCertificate_whenCalling_thenProxyRefusesTheHandshake() {
        stubs = connect(new TemporalConnectionSecurity.Settings(
                true, "", "", authority.certificate().toString(), SERVER_NAME, ""));

        assertUnavailable();
        assertThat(awaitRefusals())
                .allSatisfy(refused -> assertThat(refused).hasMessageContaining("Empty client certificate chain"));
        assertThat(proxy.handshakes).isEmpty();
    }

    @Test
    void givenAnotherCa_whenCalling_thenClientDoesNotTrustTheServer() throws Exception {
        Pki.Authority stranger = new Pki(directory).authority("other-ca", "Some Other CA");
        stubs = connect(withClientCertificate(stranger.certificate(), SERVER_NAME));

        assertThat(assertUnavailable()).hasRootCauseInstanceOf(CertPathBuilderException.class);
        awaitRefusals();
        assertThat(proxy.handshakes).isEmpty();
    }

    @Test
    void givenNoServerNameOverride_whenCallingByAddress_thenCertificateForTemporalTestIsRejected() {
        stubs = connect(withClientCertificate(authority.certificate(), ""));

        assertThat(assertUnavailable()).rootCause().hasMessageContaining("127.0.0.1");
        awaitRefusals();
        assertThat(proxy.handshakes).isEmpty();
    }

    /** What an operator sets for mTLS: TEMPORAL_TLS_CERT, TEMPORAL_TLS_KEY, TEMPORAL_TLS_CA, the server name. */
    private TemporalConnectionSecurity.Settings withClientCertificate(Path trustedCa, String serverName) {
        return new TemporalConnectionSecurity.Settings(
                true,
                clientCertificate.certificate().toString(),
                clientCertificate.key().toString(),
                trustedCa.toString(),
                serverName,
                "");
    }

    private WorkflowServiceStubs connect(TemporalConnectionSecurity.Settings settings) {
        WorkflowServiceStubsOptions.Builder options = WorkflowServiceStubsOptions.newBuilder()
                .setTarget("127.0.0.1:" + proxy.port())
                .setRpcTimeout(DEADLINE);
        return WorkflowServiceStubs.newServiceStubs(
                TemporalConnectionSecurity.apply(settings, options).build());
    }

    private DescribeNamespaceResponse describeDefaultNamespace() {
        return stubs.blockingStub()
                .withDeadlineAfter(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
                .describeNamespace(DescribeNamespaceRequest.newBuilder()
                        .setNamespace("default")
                        .build());
    }

    /** The call fails as a connection failure (not as an answer from Temporal); returns it for its cause. */
    private StatusRuntimeException assertUnavailable() {
        StatusRuntimeException failure =
                catchThrowableOfType(StatusRuntimeException.class, this::describeDefaultNamespace);
        assertThat(failure).as("the call through the proxy failed").isNotNull();
        assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        return failure;
    }

    /** The proxy's side of a refused handshake is recorded on its own thread, possibly after the client gave up. */
    private List<IOException> awaitRefusals() {
        return Await.until(DEADLINE, () -> List.copyOf(proxy.refusals), refusals -> !refusals.isEmpty());
    }

    private static InetSocketAddress temporalSocketAddress() {
        String address = ServerEnvironment.temporalAddress();
        int colon = address.lastIndexOf(':');
        return new InetSocketAddress(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)));
    }

    /** The proxy's side: the server certificate and key, and the CA that client certificates must chain to. */
    private static SSLContext serverContext(Pki.Issued server, Pki.Authority authority)
            throws IOException, GeneralSecurityException {
        X509Certificate caCertificate = Pki.readCertificate(authority.certificate());
        KeyStore identity = KeyStore.getInstance("PKCS12");
        identity.load(null, null);
        char[] password = "unused".toCharArray();
        identity.setKeyEntry("server", Pki.readPrivateKey(server.key()), password, new Certificate[] {
            Pki.readCertificate(server.certificate()), caCertificate
        });
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(identity, password);

        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("ca", caCertificate);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);

        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }

    /** A private CA and the certificates it signs, made with the openssl CLI as an operator would make them. */
    private record Pki(Path directory) {

        record Authority(Path certificate, Path key) {}

        record Issued(Path certificate, Path key) {}

        Authority authority(String name, String commonName) {
            Path key = generateKey(name);
            Path certificate = directory.resolve(name + ".pem");
            openssl(
                    "req",
                    "-x509",
                    "-key",
                    key.toString(),
                    "-out",
                    certificate.toString(),
                    "-days",
                    "1",
                    "-subj",
                    "/CN=" + commonName,
                    "-addext",
                    "basicConstraints=critical,CA:TRUE",
                    "-addext",
                    "keyUsage=critical,keyCertSign,cRLSign");
            return new Authority(certificate, key);
        }

        Issued issue(Authority authority, String name, String commonName, String extensions) throws IOException {
            Path key = generateKey(name);
            Path request = directory.resolve(name + ".csr");
            Path extensionFile = Files.writeString(directory.resolve(name + ".ext"), extensions);
            Path certificate = directory.resolve(name + ".pem");
            openssl("req", "-new", "-key", key.toString(), "-out", request.toString(), "-subj", "/CN=" + commonName);
            openssl(
                    "x509",
                    "-req",
                    "-in",
                    request.toString(),
                    "-CA",
                    authority.certificate().toString(),
                    "-CAkey",
                    authority.key().toString(),
                    "-set_serial",
                    String.valueOf(System.nanoTime()),
                    "-days",
                    "1",
                    "-extfile",
                    extensionFile.toString(),
                    "-out",
                    certificate.toString());
            return new Issued(certificate, key);
        }

        /** genpkey writes PKCS#8 ("BEGIN PRIVATE KEY"), the form netty's keyManager reads. */
        private Path generateKey(String name) {
            Path key = directory.resolve(name + ".key");
            openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", key.toString());
            return key;
        }

        private static void openssl(String... arguments) {
            List<String> command = new ArrayList<>(List.of("openssl"));
            command.addAll(List.of(arguments));
            try {
                Process process =
                        new ProcessBuilder(command).redirectErrorStream(true).start();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(process.waitFor(30, TimeUnit.SECONDS))
                        .as("openssl finished")
                        .isTrue();
                assertThat(process.exitValue())
                        .as("%s failed: %s", command, output)
                        .isZero();
            } catch (IOException e) {
                throw new IllegalStateException("the openssl CLI is needed to make the test's certificates", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        static X509Certificate readCertificate(Path pem) throws IOException, GeneralSecurityException {
            try (InputStream in = Files.newInputStream(pem)) {
                return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            }
        }

        static PrivateKey readPrivateKey(Path pem) throws IOException, GeneralSecurityException {
            String base64 =
                    Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("EC")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        }
    }

    /**
     * Terminates TLS on a loopback port (client certificate required, ALPN "h2" as gRPC demands) and relays the
     * decrypted bytes to a plain gRPC server. Records every completed handshake and every refused one.
     */
    private static final class TlsTerminatingProxy implements AutoCloseable {

        record Handshake(String clientSubject, String applicationProtocol) {}

        final Queue<Handshake> handshakes = new ConcurrentLinkedQueue<>();
        final Queue<IOException> refusals = new ConcurrentLinkedQueue<>();
        private final SSLServerSocket listener;
        private final InetSocketAddress upstream;
        private final Set<Socket> open = ConcurrentHashMap.newKeySet();
        private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

        TlsTerminatingProxy(SSLContext context, InetSocketAddress upstream) throws IOException {
            this.upstream = upstream;
            listener = (SSLServerSocket)
                    context.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
            SSLParameters parameters = listener.getSSLParameters();
            parameters.setNeedClientAuth(true);
            parameters.setApplicationProtocols(new String[] {"h2"});
            listener.setSSLParameters(parameters);
            threads.execute(this::acceptConnections);
        }

        int port() {
            return listener.getLocalPort();
        }

        private void acceptConnections() {
            while (!listener.isClosed()) {
                try {
                    SSLSocket client = (SSLSocket) listener.accept();
                    threads.execute(() -> serve(client));
                } catch (IOException closed) {
                    return;
                }
            }
        }

        private void serve(SSLSocket client) {
            open.add(client);
            try {
                client.startHandshake();
            } catch (IOException refused) {
                refusals.add(refused);
                closeQuietly(client);
                return;
            }
            try {
                X509Certificate presented =
                        (X509Certificate) client.getSession().getPeerCertificates()[0];
                handshakes.add(
                        new Handshake(presented.getSubjectX500Principal().getName(), client.getApplicationProtocol()));
                Socket server = new Socket(upstream.getAddress(), upstream.getPort());
                open.add(server);
                threads.execute(() -> relay(server, client));
                relay(client, server);
            } catch (IOException e) {
                closeQuietly(client);
            }
        }

        /** Copies one direction; when either side ends, the connection as a whole does. */
        private void relay(Socket from, Socket to) {
            try {
                from.getInputStream().transferTo(to.getOutputStream());
            } catch (IOException ended) {
                // The other direction closed the sockets, or a peer went away: either way the relay is over.
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }

        private void closeQuietly(Socket socket) {
            open.remove(socket);
            try {
                socket.close();
            } catch (IOException ignored) {
                // Already closed by the other direction.
            }
        }

        @Override
        public void close() {
            try {
                listener.close();
            } catch (IOException ignored) {
                // Closing only stops the accept loop.
            }
            open.forEach(this::closeQuietly);
            threads.shutdownNow();
        }
    }
}
