package dev.parley.tenant;

import dev.parley.platform.boot.ParleyApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Tenants, their sites, departments and users; sign-up, billing, login and JWT issuing. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TenantApplication {

    public static final String NAME = "tenant-service";

    public static void main(String[] args) {
        ParleyApplication.run(TenantApplication.class, NAME, args);
    }
}
