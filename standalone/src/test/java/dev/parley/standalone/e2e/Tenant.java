package dev.parley.standalone.e2e;

import java.util.List;
import java.util.UUID;

/** A tenant seeded for a test through the real HTTP API, with the logins it made. */
record Tenant(
        UUID tenantId,
        String siteKey,
        UUID siteId,
        String origin,
        UUID departmentId,
        UUID secondDepartmentId,
        Login owner,
        List<Login> agents,
        Login supervisor) {

    record Login(UUID userId, String email, String password, String accessToken) {}
}
