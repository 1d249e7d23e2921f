/**
 * The {@code livepeer:} Camel component. The component, endpoint, configuration, producers and
 * consumers live here; they are a thin layer over {@code org.livepeer.gateway}.
 */
package org.livepeer.camel;
