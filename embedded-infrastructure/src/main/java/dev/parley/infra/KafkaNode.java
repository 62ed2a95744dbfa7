package dev.parley.infra;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.Exit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single combined broker and controller in KRaft mode.
 *
 * <p>Built on the test kit that spring-kafka-test's {@code EmbeddedKafkaKraftBroker} wraps,
 * because the wrapper offers no way to set the base directory: it always puts the logs in a fresh
 * {@code /tmp/kafka-*} folder that a {@code kill -9} leaves behind. The rest mirrors the wrapper.
 */
final class KafkaNode implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaNode.class);

    /** The wrapper retries too: the test kit pre-binds ports and another process can win the race. */
    private static final int ATTEMPTS = 3;

    private final KafkaClusterTestKit cluster;

    private KafkaNode(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    static KafkaNode start(RunDirectory run) {
        preventBrokerFromExitingTheJvm();
        RuntimeException failure = new IllegalStateException("Kafka did not start after " + ATTEMPTS + " attempts");
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            new RunDirectory(run.kafka()).delete();
            KafkaClusterTestKit cluster = null;
            try {
                cluster = build(run);
                cluster.format();
                cluster.startup();
                cluster.waitForReadyBrokers();
                return new KafkaNode(cluster);
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                log.warn("Kafka start attempt {}/{} failed: {}", attempt, ATTEMPTS, e.toString());
                failure.addSuppressed(e);
                if (cluster != null) {
                    closeQuietly(cluster, failure);
                }
            }
        }
        throw failure;
    }

    String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    @Override
    public void close() {
        try {
            cluster.close();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("Kafka did not stop cleanly", e);
        }
    }

    private static KafkaClusterTestKit build(RunDirectory run) throws Exception {
        TestKitNodes nodes = new TestKitNodes.Builder()
                .setCombined(true)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                .setBaseDirectory(run.kafka())
                .build();
        KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
        brokerProperties().forEach(builder::setConfigProp);
        return builder.build();
    }

    static Map<String, String> brokerProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        // Keyed topics spread over several consumers, as in production; one partition would hide
        // ordering and rebalancing bugs.
        properties.put("num.partitions", "3");
        // Services may rely on topics appearing on first use in tests and the standalone.
        properties.put("auto.create.topics.enable", "true");
        properties.put("delete.topic.enable", "true");
        // One broker: the internal topics' production replication factor of 3 cannot be met.
        properties.put("offsets.topic.replication.factor", "1");
        properties.put("transaction.state.log.replication.factor", "1");
        properties.put("transaction.state.log.min.isr", "1");
        properties.put("share.coordinator.state.topic.replication.factor", "1");
        properties.put("share.coordinator.state.topic.min.isr", "1");
        // The first consumer group creates this topic; 50 partitions on one broker cost a second.
        properties.put("offsets.topic.num.partitions", "5");
        // A test's lone consumer should not wait 3 s for group members that never come.
        properties.put("group.initial.rebalance.delay.ms", "0");
        return properties;
    }

    /** A fatal broker error must fail the test, not end the JVM that runs it (as the wrapper does). */
    private static void preventBrokerFromExitingTheJvm() {
        Exit.setExitProcedure((status, message) -> {
            throw new IllegalStateException("Embedded Kafka called Exit.exit(" + status + ", " + message + ")");
        });
        Exit.setHaltProcedure((status, message) -> {
            throw new IllegalStateException("Embedded Kafka called Exit.halt(" + status + ", " + message + ")");
        });
    }

    private static void closeQuietly(KafkaClusterTestKit cluster, Exception cause) {
        try {
            cluster.close();
        } catch (Exception e) {
            cause.addSuppressed(e);
        }
    }
}
