package dev.sslplane.commandservice.pki;

import dev.sslplane.commandservice.command.CaProvisioner;
import dev.sslplane.commandservice.command.CertificatePolicy;
import dev.sslplane.commandservice.command.NodeCertificateSigner;
import dev.sslplane.commandservice.vault.KeyVault;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.SecureRandom;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The PKI beans the aggregate's handlers receive: {@link CaProvisioner}, {@link NodeCertificateSigner} and the
 * {@link CertificatePolicy}.
 */
@Configuration(proxyBeanMethods = false)
public class PkiConfiguration {

    @Bean(destroyMethod = "close")
    KeyPairPool caKeyPairPool(PkiProperties properties, MeterRegistry meterRegistry) {
        return new KeyPairPool(properties.keyAlgorithm(), properties.keyPoolSize(),
                properties.keyPoolRefillDelay(), new SecureRandom(), meterRegistry);
    }

    @Bean
    CertificateIssuer certificateIssuer() {
        return new CertificateIssuer(new SecureRandom(), Clock.systemUTC());
    }

    @Bean
    CaProvisioner caProvisioner(KeyVault vault, KeyPairPool caKeyPairPool, CertificateIssuer issuer) {
        return new VaultCaProvisioner(vault, caKeyPairPool, issuer, new SecureRandom());
    }

    /** Bounds and defaults of key algorithm and lifetimes: intake checks requests with it, the aggregate decides. */
    @Bean
    CertificatePolicy certificatePolicy(PkiProperties properties) {
        return properties.certificatePolicy();
    }

    @Bean
    NodeCertificateSigner nodeCertificateSigner(KeyVault vault, CertificateIssuer issuer, PkiProperties properties) {
        return new VaultNodeCertificateSigner(vault, issuer, properties.leafValidity());
    }
}
