package dev.parley.tenant.signup;

import java.util.UUID;

/** What a sign-up created: enough for the console's next steps (log in, paste the snippet, invite). */
public record SignedUp(UUID tenantId, UUID userId, String siteKey, UUID siteId, UUID departmentId) {}
