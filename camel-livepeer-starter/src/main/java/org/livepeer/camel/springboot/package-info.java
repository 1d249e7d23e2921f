/** Spring Boot auto-configuration of the {@code livepeer:} component from {@code camel.component.livepeer.*}. */
package org.livepeer.camel.springboot;
