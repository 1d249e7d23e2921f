/**
 * Trickle, Livepeer's segmented HTTP pub/sub, and the Netty HTTP transport it runs on. Never
 * depends on Camel or on {@code org.livepeer.gateway}.
 */
package org.livepeer.trickle;
