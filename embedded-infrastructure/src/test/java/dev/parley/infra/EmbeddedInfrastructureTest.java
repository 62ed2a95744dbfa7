package dev.parley.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EmbeddedInfrastructureTest {

    private static EmbeddedInfrastructure infra;

    @BeforeAll
    static void start() {
        infra = EmbeddedInfrastructure.shared();
    }

    @Test
    void sharedIsStartedOncePerJvm() {
        assertThat(EmbeddedInfrastructure.shared()).isSameAs(infra);
        assertThat(infra.runDirectory())
                .isEqualTo(RunDirectory.of(ProcessHandle.current().pid()).path())
                .isDirectory();
        assertThat(Processes.isAlive(infra.postgresPid())).isTrue();
        assertThat(Processes.isAlive(infra.redisPid())).isTrue();
        assertThat(Processes.isAlive(infra.watchdogPid())).isTrue();
    }

    @Test
    void appRoleConnectsAndIsSubjectToRowLevelSecurity() throws SQLException {
        try (Connection app = appConnection();
                Statement s = app.createStatement()) {
            assertThat(single(s, "SELECT 1")).isEqualTo("1");
            assertThat(single(s, "SELECT current_user")).isEqualTo("parley_app");
            assertThat(single(s, "SELECT current_database()")).isEqualTo("parley");
            assertThat(single(
                            s,
                            "SELECT rolsuper || ',' || rolbypassrls || ',' || rolcreaterole"
                                    + " FROM pg_roles WHERE rolname = 'parley_app'"))
                    .isEqualTo("false,false,false");
        }
    }

    @Test
    void rowLevelSecurityFiltersTheAppRoleButNotTheOwner() throws SQLException {
        String table = "rls_probe_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection owner = ownerConnection();
                Statement s = owner.createStatement()) {
            s.execute("CREATE TABLE " + table + " (tenant text NOT NULL)");
            s.execute("ALTER TABLE " + table + " ENABLE ROW LEVEL SECURITY");
            s.execute("CREATE POLICY tenant_only ON " + table
                    + " USING (tenant = current_setting('parley.tenant', true))");
            s.execute("INSERT INTO " + table + " VALUES ('a'), ('b')");
            s.execute("GRANT SELECT ON " + table + " TO " + infra.appUser());
            try (Connection app = appConnection();
                    Statement as = app.createStatement()) {
                as.execute("SET parley.tenant = 'a'");
                assertThat(single(as, "SELECT count(*) FROM " + table)).isEqualTo("1");
            }
            assertThat(single(s, "SELECT count(*) FROM " + table)).isEqualTo("2");
            s.execute("DROP TABLE " + table);
        }
    }

    @Test
    void passwordsAreChecked() {
        assertThatThrownBy(() -> DriverManager.getConnection(infra.jdbcUrl(), infra.appUser(), "wrong"))
                .isInstanceOf(SQLException.class)
                .extracting(e -> ((SQLException) e).getSQLState())
                .isEqualTo("28P01");
        assertThat(infra.appPassword()).isNotEqualTo(infra.ownerPassword()).hasSizeGreaterThanOrEqualTo(20);
    }

    @Test
    void springPropertiesCarryTheAppRoleForR2dbcAndTheOwnerForFlyway() {
        Map<String, String> properties = infra.springProperties();

        assertThat(properties)
                .containsEntry("spring.r2dbc.url", infra.r2dbcUrl())
                .containsEntry("spring.r2dbc.username", "parley_app")
                .containsEntry("spring.r2dbc.password", infra.appPassword())
                .containsEntry("spring.flyway.url", infra.jdbcUrl())
                .containsEntry("spring.flyway.user", "postgres")
                .containsEntry("spring.flyway.password", infra.ownerPassword())
                .containsEntry("spring.flyway.placeholders.app-role", "parley_app")
                .containsEntry("spring.kafka.bootstrap-servers", infra.kafkaBootstrapServers())
                .containsEntry("parley.redis.url", infra.redisUrl())
                .containsEntry("spring.mail.host", "127.0.0.1")
                .containsEntry("spring.mail.port", String.valueOf(infra.mail().port()))
                .containsEntry("parley.billing.stripe.api-key", infra.stripe().apiKey())
                .containsEntry("parley.billing.stripe.api-base", infra.stripe().apiBase())
                .containsEntry(
                        "parley.billing.stripe.webhook-secret", infra.stripe().webhookSecret())
                .containsKeys("parley.billing.stripe.prices.starter", "parley.billing.stripe.prices.pro")
                .hasSize(16);
        assertThat(properties.get("parley.billing.stripe.prices.starter")).startsWith("price_");
        assertThat(infra.r2dbcUrl()).matches("r2dbc:postgresql://localhost:\\d+/parley");
        assertThat(infra.jdbcUrl()).matches("jdbc:postgresql://localhost:\\d+/parley");
        assertThat(infra.redisUrl()).matches("redis://localhost:\\d+");
    }

    @Test
    void theLocalSmtpServerReceivesWhatIsSentToIt() throws Exception {
        int before = infra.mail().received().size();
        var properties = new java.util.Properties();
        properties.put("mail.smtp.host", infra.mail().host());
        properties.put("mail.smtp.port", String.valueOf(infra.mail().port()));
        var message = new jakarta.mail.internet.MimeMessage(jakarta.mail.Session.getInstance(properties));
        message.setFrom("parley@example.com");
        message.setRecipients(jakarta.mail.Message.RecipientType.TO, "someone@example.com");
        message.setSubject("infra test " + UUID.randomUUID());
        message.setText("hello");
        jakarta.mail.Transport.send(message);

        assertThat(infra.mail().awaitMoreThan(before, 10_000)).isTrue();
        assertThat(infra.mail().received().getLast().getSubject()).isEqualTo(message.getSubject());
    }

    @Test
    void kafkaTopicRoundTrip() throws Exception {
        String topic = "infra-test-" + UUID.randomUUID();
        String bootstrap = infra.kafkaBootstrapServers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, Optional.empty(), Optional.empty())))
                    .all()
                    .get(30, TimeUnit.SECONDS);
            assertThat(admin.describeTopics(List.of(topic))
                            .allTopicNames()
                            .get(30, TimeUnit.SECONDS)
                            .get(topic)
                            .partitions())
                    .as("num.partitions applies to topics created without a count")
                    .hasSize(3);
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.LINGER_MS_CONFIG,
                "0",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class))) {
            producer.send(new ProducerRecord<>(topic, "conversation-1", "hello"))
                    .get(30, TimeUnit.SECONDS);
        }
        // A consumer group, not a plain assign: it needs the offsets topic, which the broker can
        // only create with replication factor 1.
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG,
                "infra-test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class))) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, String>> received = new java.util.ArrayList<>();
            Await.until(Duration.ofSeconds(30), "the record comes back", () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                return !received.isEmpty();
            });
            assertThat(received).singleElement().satisfies(record -> {
                assertThat(record.key()).isEqualTo("conversation-1");
                assertThat(record.value()).isEqualTo("hello");
            });
        }
    }

    @Test
    void redisAnswersPing() throws Exception {
        try (Resp redis = new Resp(infra.redisUrl())) {
            assertThat(redis.call("PING")).isEqualTo("PONG");
        }
    }

    @Test
    void redisPublishReachesSubscriber() throws Exception {
        String channel = "infra-test-" + UUID.randomUUID();
        try (Resp subscriber = new Resp(infra.redisUrl());
                Resp publisher = new Resp(infra.redisUrl())) {
            assertThat(subscriber.call("SUBSCRIBE", channel)).isEqualTo(List.of("subscribe", channel, 1L));
            assertThat(publisher.call("PUBLISH", channel, "hello")).isEqualTo(1L);
            assertThat(subscriber.read()).isEqualTo(List.of("message", channel, "hello"));
        }
    }

    private static Connection appConnection() throws SQLException {
        return DriverManager.getConnection(infra.jdbcUrl(), infra.appUser(), infra.appPassword());
    }

    private static Connection ownerConnection() throws SQLException {
        return DriverManager.getConnection(infra.jdbcUrl(), infra.ownerUser(), infra.ownerPassword());
    }

    private static String single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }
}
