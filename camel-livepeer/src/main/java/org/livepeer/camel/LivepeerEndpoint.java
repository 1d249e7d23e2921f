package org.livepeer.camel;

import org.apache.camel.AsyncEndpoint;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;
import org.livepeer.gateway.Pipeline;

/**
 * Runs Livepeer AI pipelines: batch inference (text-to-image, llm, audio-to-text and the others)
 * from a producer, and live video-to-video sessions (segments in and out, control, events); and
 * calls Live Runner apps (HTTP and server-sent events, persistent sessions or single-shot), all paid
 * through the remote signer.
 */
@UriEndpoint(
        firstVersion = "0.1.0",
        scheme = "livepeer",
        title = "Livepeer",
        syntax = "livepeer:pipeline",
        category = {Category.AI},
        headersClass = LivepeerConstants.class)
public class LivepeerEndpoint extends DefaultEndpoint implements AsyncEndpoint {

    @UriPath(
            enums = "text-to-image,image-to-image,image-to-video,upscale,audio-to-text,llm,segment-anything-2,"
                    + "image-to-text,text-to-speech,live-video-to-video,app,scope",
            description = "The AI pipeline to run, app to call a Live Runner app (named by the app option), or scope"
                    + " for a Scope session (control messages to it, its events from it).")
    @Metadata(required = true)
    private final String pipeline;

    @UriParam
    private LivepeerConfiguration configuration;

    public LivepeerEndpoint(
            String uri, LivepeerComponent component, String pipeline, LivepeerConfiguration configuration) {
        super(uri, component);
        this.pipeline = pipeline;
        this.configuration = configuration;
    }

    @Override
    public LivepeerComponent getComponent() {
        return (LivepeerComponent) super.getComponent();
    }

    public String getPipeline() {
        return pipeline;
    }

    /** The path value naming a Live Runner app endpoint instead of a pipeline. */
    static final String APP = "app";

    /** The path value naming a Scope session endpoint. */
    static final String SCOPE = "scope";

    /** Whether the endpoint drives a Scope session ({@code livepeer:scope}). */
    public boolean isScope() {
        return SCOPE.equals(pipeline);
    }

    /** Whether the endpoint calls a Live Runner app ({@code livepeer:app}). */
    public boolean isApp() {
        return APP.equals(pipeline);
    }

    /** The pipeline, parsed (the endpoint is validated when it is created); not for {@code livepeer:app}. */
    public Pipeline pipeline() {
        return Pipeline.parse("pipeline", pipeline);
    }

    /** The endpoint's network settings, options it leaves unset taken from the component now. */
    NetworkSettings networkSettings() {
        return NetworkSettings.of(configuration, getComponent().getConfiguration());
    }

    public LivepeerConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(LivepeerConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    public Producer createProducer() {
        if (isApp()) {
            return new AppProducer(this);
        }
        if (isScope()) {
            return new ScopeProducer(this);
        }
        if (pipeline() == Pipeline.LIVE_VIDEO_TO_VIDEO) {
            if (configuration.getChannel() == LiveChannel.EVENTS) {
                throw new UnsupportedOperationException(
                        "channel=events is consumed: from(\"livepeer:live-video-to-video?session=…&channel=events\")");
            }
            return new LiveProducer(this);
        }
        return new LivepeerProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        if (isApp()) {
            throw new UnsupportedOperationException(
                    "livepeer:app has no consumer: apps are called from a producer (to(\"livepeer:app?app=…\"));"
                            + " an event stream becomes the body, split it with split().streaming()");
        }
        if (isScope()) {
            ScopeConsumer consumer = new ScopeConsumer(this, processor);
            configureConsumer(consumer);
            return consumer;
        }
        if (pipeline() != Pipeline.LIVE_VIDEO_TO_VIDEO) {
            throw new UnsupportedOperationException("livepeer:" + pipeline
                    + " has no consumer: batch pipelines are producers (to(\"livepeer:" + pipeline + "?…\"))");
        }
        if (configuration.getChannel() == LiveChannel.CONTROL) {
            throw new UnsupportedOperationException(
                    "channel=control is produced to: to(\"livepeer:live-video-to-video?session=…&channel=control\")");
        }
        LiveConsumer consumer = new LiveConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }
}
