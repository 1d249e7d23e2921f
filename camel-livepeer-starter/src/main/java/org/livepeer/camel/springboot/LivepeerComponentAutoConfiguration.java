package org.livepeer.camel.springboot;

import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.spi.ComponentCustomizer;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.apache.camel.spring.boot.ComponentConfigurationProperties;
import org.apache.camel.spring.boot.util.CamelPropertiesHelper;
import org.apache.camel.spring.boot.util.ConditionalOnCamelContextAndAutoConfigurationBeans;
import org.apache.camel.spring.boot.util.ConditionalOnHierarchicalProperties;
import org.apache.camel.spring.boot.util.HierarchicalPropertiesEvaluator;
import org.livepeer.camel.LivepeerComponent;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Lazy;

/**
 * Applies {@code camel.component.livepeer.*} to the {@code livepeer} component when Camel creates it,
 * the way Camel's own starters configure their components. {@code camel.component.livepeer.enabled=false}
 * (or {@code camel.component.enabled=false}) turns it off; so does {@code
 * camel.component.livepeer.customizer.enabled=false} for the properties alone.
 */
@AutoConfiguration(after = CamelAutoConfiguration.class)
@Conditional(ConditionalOnCamelContextAndAutoConfigurationBeans.class)
@EnableConfigurationProperties({ComponentConfigurationProperties.class, LivepeerComponentConfiguration.class})
@ConditionalOnHierarchicalProperties({"camel.component", "camel.component.livepeer"})
public class LivepeerComponentAutoConfiguration {

    private final ApplicationContext applicationContext;
    private final CamelContext camelContext;
    private final LivepeerComponentConfiguration configuration;

    public LivepeerComponentAutoConfiguration(
            ApplicationContext applicationContext,
            CamelContext camelContext,
            LivepeerComponentConfiguration configuration) {
        this.applicationContext = applicationContext;
        this.camelContext = camelContext;
        this.configuration = configuration;
    }

    @Lazy
    @Bean
    public ComponentCustomizer configureLivepeerComponent() {
        return new ComponentCustomizer() {
            @Override
            public void configure(String name, Component target) {
                CamelPropertiesHelper.copyProperties(camelContext, configuration, target);
            }

            @Override
            public boolean isEnabled(String name, Component target) {
                return HierarchicalPropertiesEvaluator.evaluate(
                                applicationContext, "camel.component.customizer", "camel.component.livepeer.customizer")
                        && target instanceof LivepeerComponent;
            }
        };
    }
}
