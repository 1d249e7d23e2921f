package org.livepeer.camel;

import org.livepeer.gateway.Pipeline;

/** What a started endpoint needs from the network: a gateway for its settings that can serve its pipeline and model. */
record ReadinessTarget(NetworkSettings network, Pipeline pipeline, String model) {}
