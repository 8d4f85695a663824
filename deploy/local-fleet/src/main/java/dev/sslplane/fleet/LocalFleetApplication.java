package dev.sslplane.fleet;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** A local fleet of MongoDB-wire nodes on loopback, driven through a small token-protected control API. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class LocalFleetApplication {

    public static void main(String[] args) {
        SpringApplication.run(LocalFleetApplication.class, args);
    }
}
