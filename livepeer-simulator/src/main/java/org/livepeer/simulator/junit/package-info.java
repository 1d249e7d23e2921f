/** The simulator as a JUnit 5 extension, for route tests that need a Livepeer network. */
package org.livepeer.simulator.junit;
