package dev.sslplane.worker.node;

import dev.sslplane.contracts.model.EngineVersion;
import dev.sslplane.contracts.model.TlsMode;
import dev.sslplane.contracts.procedure.CertificateChange;
import java.util.List;

/**
 * The TLS settings a node runs with after a step: what its mongod config file says and which files it names.
 *
 * @param engine      decides the config dialect ({@code net.ssl.*} up to 4.0, {@code net.tls.*} from 4.2)
 * @param mode        the TLS mode
 * @param certificate the node's certificate: kept, replaced, or not named at all
 * @param caFile      the node's CA file: kept, replaced, or not named at all
 */
public record NodeTlsConfig(EngineVersion engine, TlsMode mode, Certificate certificate, CaFile caFile) {

    /**
     * What happens to the node's certificate key file.
     *
     * @param change   KEEP (the file stays as it is), NEW (the chain below, for the key the node made for its last
     *                 CSR), NONE (the config names no key file)
     * @param chainPem the node's certificate followed by its issuing chain, with NEW only
     */
    public record Certificate(CertificateChange change, String chainPem) {

        public Certificate {
            if ((change == CertificateChange.NEW) != (chainPem != null)) {
                throw new IllegalArgumentException("a chain goes with a NEW certificate, and only with it");
            }
        }

        public static Certificate keep() {
            return new Certificate(CertificateChange.KEEP, null);
        }

        public static Certificate replaceWith(String chainPem) {
            return new Certificate(CertificateChange.NEW, chainPem);
        }

        public static Certificate none() {
            return new Certificate(CertificateChange.NONE, null);
        }
    }

    /**
     * What happens to the node's CA file.
     *
     * @param kind   KEEP (as it is), REPLACE (with {@code caPems}, in that order), NONE (the config names no CA file)
     * @param caPems the CA certificates, with REPLACE only
     */
    public record CaFile(Kind kind, List<String> caPems) {

        public enum Kind { KEEP, REPLACE, NONE }

        public CaFile {
            caPems = caPems == null ? List.of() : List.copyOf(caPems);
            if ((kind == Kind.REPLACE) == caPems.isEmpty()) {
                throw new IllegalArgumentException("CA certificates go with REPLACE, and only with it");
            }
        }

        public static CaFile keep() {
            return new CaFile(Kind.KEEP, List.of());
        }

        public static CaFile replaceWith(List<String> caPems) {
            return new CaFile(Kind.REPLACE, caPems);
        }

        public static CaFile none() {
            return new CaFile(Kind.NONE, List.of());
        }

        /** The file's content: the CA certificates one after the other. */
        public String pem() {
            var text = new StringBuilder();
            for (String ca : caPems) {
                text.append(ca.strip()).append('\n');
            }
            return text.toString();
        }
    }

    /** Only the mode changes: what a runtime pass writes so that a later restart keeps the mode. */
    public static NodeTlsConfig modeOnly(EngineVersion engine, TlsMode mode) {
        return new NodeTlsConfig(engine, mode, Certificate.keep(), CaFile.keep());
    }
}
