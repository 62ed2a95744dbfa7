package dev.parley.tenant;

import static dev.parley.tenant.TenantClient.isError;
import static dev.parley.tenant.TenantClient.okBody;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.contracts.tenant.TenantUpdated;
import dev.parley.tenant.TenantClient.Tenant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Departments renamed, given hours, switched between offer and pick-up, and removed, by owners and
 * admins of their own tenant only; each change reaches the other services in the snapshot, and a
 * department survey field offers the departments to the widget.
 */
class DepartmentsIT extends TenantIT {

    private static final String PATH = "/api/tenant/departments";

    private static final Map<String, Object> HOURS = Map.of(
            "timeZone",
            "Europe/Berlin",
            "week",
            Map.of("mon", List.of(Map.of("from", "09:00", "to", "17:00")), "sat", List.of()));

    @Test
    void anOwnerRenamesGivesHoursAndRemovesADepartmentAndTheSnapshotFollows() throws Exception {
        Tenant acme = tenants.signUp("Acme");
        try (var state = new TenantStateRecorder(acme.tenantId())) {
            UUID sales = tenants.addDepartment(acme.owner(), "Sales", "OFFER");
            UUID agent = tenants.addAgent(acme.owner(), TenantClient.uniqueEmail("agent"), List.of(sales));

            Map<?, ?> changed = okBody(tenants.put(
                    acme.owner(),
                    PATH + "/" + sales,
                    Map.of("name", " Sales EU ", "routingMode", "pickup", "hours", HOURS)));
            assertThat(changed.get("name")).isEqualTo("Sales EU");
            assertThat(changed.get("routingMode")).isEqualTo("PICKUP");
            assertThat(changed.get("hours"))
                    .isEqualTo(Map.of(
                            "timeZone",
                            "Europe/Berlin",
                            "week",
                            Map.of("mon", List.of(Map.of("from", "09:00", "to", "17:00")), "sat", List.of())));
            assertThat(departments(acme))
                    .anySatisfy(d -> assertThat((Map<?, ?>) d).isEqualTo(changed));
            state.await(snapshot -> snapshot.departments().stream()
                    .anyMatch(d -> d.departmentId().equals(sales)
                            && d.name().equals("Sales EU")
                            && d.routingMode() == TenantUpdated.RoutingMode.PICKUP));

            // Hours null: always open again.
            Map<String, Object> open = new HashMap<>();
            open.put("name", "Sales EU");
            open.put("routingMode", "OFFER");
            open.put("hours", null);
            assertThat(okBody(tenants.put(acme.owner(), PATH + "/" + sales, open))
                            .get("hours"))
                    .isNull();

            tenants.delete(acme.owner(), PATH + "/" + sales).expectStatus().isNoContent();
            assertThat(departments(acme))
                    .extracting(d -> d.get("id"))
                    .containsExactly(acme.departmentId().toString());
            TenantUpdated after = state.await(snapshot -> snapshot.departments().size() == 1
                            && snapshot.agents().stream()
                                    .anyMatch(a -> a.agentId().equals(agent)))
                    .snapshot();
            assertThat(after.agents())
                    .filteredOn(a -> a.agentId().equals(agent))
                    .singleElement()
                    .satisfies(a -> assertThat(a.departmentIds()).isEmpty());
            isError(tenants.delete(acme.owner(), PATH + "/" + sales), HttpStatus.NOT_FOUND, "not_found");
        }
    }

    @Test
    void theOnlyDepartmentStaysAndANameIsNotTakenTwice() {
        Tenant acme = tenants.signUp("Acme");
        isError(tenants.delete(acme.owner(), PATH + "/" + acme.departmentId()), HttpStatus.CONFLICT, "last_department");
        assertThat(departments(acme)).hasSize(1);

        UUID sales = tenants.addDepartment(acme.owner(), "Sales", "OFFER");
        isError(
                tenants.put(
                        acme.owner(),
                        PATH + "/" + sales,
                        Map.of("name", "GENERAL", "routingMode", "OFFER", "hours", Map.of())),
                HttpStatus.BAD_REQUEST,
                "invalid");
        Map<String, Object> rename = new HashMap<>();
        rename.put(
                "name",
                departments(acme).stream()
                        .filter(d -> d.get("id").equals(acme.departmentId().toString()))
                        .findFirst()
                        .orElseThrow()
                        .get("name")
                        .toString()
                        .toUpperCase());
        rename.put("routingMode", "OFFER");
        rename.put("hours", null);
        isError(tenants.put(acme.owner(), PATH + "/" + sales, rename), HttpStatus.CONFLICT, "department_exists");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
                    []                                                               | The body must be
                    {"routingMode":"OFFER","hours":null}                             | name is required
                    {"name":42,"routingMode":"OFFER","hours":null}                   | name must be a string
                    {"name":"   ","routingMode":"OFFER","hours":null}                | name is required
                    {"name":"Sales","hours":null}                                    | routingMode is required
                    {"name":"Sales","routingMode":"ROUND_ROBIN","hours":null}        | routingMode must be OFFER or PICKUP
                    {"name":"Sales","routingMode":"OFFER"}                           | hours is required
                    {"name":"Sales","routingMode":"OFFER","hours":{"week":{}}}       | hours.timeZone is required
                    {"name":"Sales","routingMode":"OFFER","hours":{"timeZone":"Mars/Base","week":{}}} | hours.timeZone must be a time zone
                    {"name":"Sales","routingMode":"OFFER","hours":{"timeZone":"UTC","week":{"funday":[]}}} | hours.week.funday is not a day
                    {"name":"Sales","routingMode":"OFFER","hours":{"timeZone":"UTC","week":{"mon":[{"from":"18:00","to":"09:00"}]}}} | hours.week.mon[0].from must be before
                    """)
    void aChangeNamesTheFieldItRefusesAndChangesNothing(String body, String message) {
        Tenant acme = tenants.signUp("Acme");
        UUID sales = tenants.addDepartment(acme.owner(), "Sales", "OFFER");

        TenantClient.isInvalid(tenants.put(acme.owner(), PATH + "/" + sales, body), message);

        assertThat(departments(acme))
                .anySatisfy(d -> assertThat(d).containsEntry("name", "Sales").containsEntry("routingMode", "OFFER"));
    }

    @Test
    void onlyOwnersAndAdminsChangeOrRemove() {
        Tenant acme = tenants.signUp("Acme");
        UUID sales = tenants.addDepartment(acme.owner(), "Sales", "OFFER");
        var body =
                Map.of("name", "Renamed", "routingMode", "OFFER", "hours", Map.of("timeZone", "UTC", "week", Map.of()));

        isError(tenants.put(acme.agent(), PATH + "/" + sales, body), HttpStatus.FORBIDDEN, "forbidden");
        isError(tenants.delete(acme.agent(), PATH + "/" + sales), HttpStatus.FORBIDDEN, "forbidden");
        assertThat(departments(acme)).anySatisfy(d -> assertThat(d).containsEntry("name", "Sales"));
    }

    @Test
    void anotherTenantsDepartmentIsNotFoundAndStaysAsItWas() {
        Tenant acme = tenants.signUp("Acme");
        Tenant globex = tenants.signUp("Globex");
        UUID sales = tenants.addDepartment(acme.owner(), "Sales", "OFFER");
        Map<String, Object> body = new HashMap<>();
        body.put("name", "Taken over");
        body.put("routingMode", "PICKUP");
        body.put("hours", null);

        isError(tenants.put(globex.owner(), PATH + "/" + sales, body), HttpStatus.NOT_FOUND, "not_found");
        isError(tenants.delete(globex.owner(), PATH + "/" + sales), HttpStatus.NOT_FOUND, "not_found");
        isError(tenants.delete(globex.owner(), PATH + "/" + UUID.randomUUID()), HttpStatus.NOT_FOUND, "not_found");

        assertThat(departments(acme)).anySatisfy(d -> assertThat(d)
                .containsEntry("id", sales.toString())
                .containsEntry("name", "Sales")
                .containsEntry("routingMode", "OFFER"));
        assertThat(departments(globex))
                .extracting(d -> d.get("id"))
                .containsExactly(globex.departmentId().toString());
    }

    @Test
    void aDepartmentSurveyFieldOffersTheTenantsDepartmentsWithTheirHours() {
        Tenant acme = tenants.signUp("Acme");
        UUID sales = tenants.addDepartment(acme.owner(), "Sales", "OFFER");
        tenants.put(acme.owner(), PATH + "/" + sales, Map.of("name", "Sales", "routingMode", "OFFER", "hours", HOURS))
                .expectStatus()
                .isOk();
        Map<String, Object> widget = new HashMap<>();
        okBody(tenants.get(acme.owner(), widgetPath(acme))).forEach((key, value) -> widget.put((String) key, value));
        assertThat(widget).doesNotContainKey("departments");

        widget.put(
                "survey",
                List.of(
                        Map.of("name", "name", "label", "Your name", "type", "text", "required", true),
                        Map.of("name", "department", "label", "Department", "type", "department", "required", true)));
        Map<?, ?> saved = okBody(tenants.put(acme.owner(), widgetPath(acme), widget));
        List<?> offered = (List<?>) saved.get("departments");
        assertThat(offered).hasSize(2);
        assertThat(offered.get(1)).isEqualTo(Map.of("id", sales.toString(), "name", "Sales", "hours", HOURS));

        Map<?, ?> published = http().get()
                .uri("/api/tenant/widget/{siteKey}", acme.siteKey())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(published).isNotNull();
        assertThat(published.get("departments")).isEqualTo(offered);

        // One chooser at most, and it has no options of its own.
        widget.put(
                "survey",
                List.of(
                        Map.of("name", "department", "label", "Department", "type", "department"),
                        Map.of("name", "team", "label", "Team", "type", "department")));
        http().put()
                .uri(widgetPath(acme))
                .headers(acme.owner()::writeTo)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(widget)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.message")
                .value(text -> assertThat((String) text).startsWith("survey[1].type"));
        widget.put(
                "survey",
                List.of(Map.of(
                        "name",
                        "department",
                        "label",
                        "Department",
                        "type",
                        "department",
                        "options",
                        List.of("Sales"))));
        isError(tenants.put(acme.owner(), widgetPath(acme), widget), HttpStatus.BAD_REQUEST, "invalid");
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> departments(Tenant tenant) {
        return (List<Map<String, Object>>)
                okBody(tenants.get(tenant.owner(), PATH)).get("departments");
    }

    private static String widgetPath(Tenant tenant) {
        return "/api/tenant/sites/" + tenant.siteId() + "/widget";
    }
}
