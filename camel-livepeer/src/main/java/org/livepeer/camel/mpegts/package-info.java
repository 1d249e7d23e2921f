/**
 * Cuts a continuous MPEG-TS byte stream into keyframe-aligned, self-contained segments, as bytes
 * arrive. Only {@link org.livepeer.camel.mpegts.MpegTsSplitter} knows Camel; the rest is plain Java.
 */
package org.livepeer.camel.mpegts;
