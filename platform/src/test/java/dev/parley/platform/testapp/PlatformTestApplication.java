package dev.parley.platform.testapp;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The smallest service that uses the platform: what the platform's integration tests boot. */
@SpringBootApplication
public class PlatformTestApplication {}
