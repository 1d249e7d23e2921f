/**
 * A deliberately misbehaving HTTP/1.1 server for fault tests: scripted answers that stall, drip,
 * flood interim responses, close early or echo what they were sent.
 */
package org.livepeer.simulator.hostile;
