package dev.sslplane.commandservice.api;

import org.apache.catalina.core.StandardHost;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Installs {@link TomcatProblemErrorReportValve} as the embedded Tomcat's error report valve. */
@Configuration(proxyBeanMethods = false)
class TomcatErrorPageConfiguration {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReportValve() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(TomcatProblemErrorReportValve.class.getName());
            }
        });
    }
}
