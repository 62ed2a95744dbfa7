package dev.parley.contracts;

/**
 * Kafka header names of the CloudEvents 1.0 Kafka protocol binding in binary mode: attributes travel as
 * {@code ce_}-prefixed headers and the body is the event data alone, so a consumer can route or drop a
 * record by its type without parsing the body.
 */
public final class CloudEventHeaders {

    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    /** RFC 3339, written in UTC. */
    public static final String TIME = "ce_time";
    /**
     * Extension attribute; the spec allows only lowercase letters and digits in attribute names, hence no
     * separator.
     */
    public static final String TENANT_ID = "ce_tenantid";
    /** The binding maps {@code datacontenttype} to the Kafka {@code content-type} header, not {@code ce_}. */
    public static final String CONTENT_TYPE = "content-type";

    public static final String SPEC_VERSION_1_0 = "1.0";
    public static final String APPLICATION_JSON = "application/json";

    private CloudEventHeaders() {}
}
