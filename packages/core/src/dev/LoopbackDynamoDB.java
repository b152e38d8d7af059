/*
 * Starts DynamoDB Local listening on one address only (127.0.0.1 unless
 * -Ddynamodb.host says otherwise). DynamoDB Local itself has no such option: its
 * Jetty server listens on every interface, and it takes any credentials, so
 * anyone who reached the port could read the table. Run with Java's source-file
 * mode, the DynamoDB Local jar and its libraries on the class path, and
 * DynamoDB Local's own arguments (-port, -inMemory, -dbPath, -sharedDb, ...).
 */
import java.lang.reflect.Field;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

public class LoopbackDynamoDB {
    public static void main(String[] args) throws Exception {
        String host = System.getProperty("dynamodb.host", "127.0.0.1");
        DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
        Field field = DynamoDBProxyServer.class.getDeclaredField("server");
        field.setAccessible(true);
        Server server = (Server) field.get(proxy);
        int bound = 0;
        for (Connector connector : server.getConnectors()) {
            if (connector instanceof ServerConnector) {
                ((ServerConnector) connector).setHost(host);
                bound++;
            }
        }
        if (bound == 0) throw new IllegalStateException("DynamoDB Local has no connector to bind to " + host);
        proxy.start();
        System.out.println("DynamoDB Local listening on " + host);
    }
}
