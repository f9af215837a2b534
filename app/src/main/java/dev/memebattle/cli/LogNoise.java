package dev.memebattle.cli;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Drops the one library message that is noise, not a problem: JDA's RejectedExecutionException
 * stack traces while its executors wind down at a normal shutdown (our close() has drained the
 * bot's own work by then). Everything else passes.
 */
public final class LogNoise extends Filter<ILoggingEvent> {

    @Override
    public FilterReply decide(ILoggingEvent event) {
        IThrowableProxy error = event.getThrowableProxy();
        boolean jdaWindingDown = event.getLoggerName().startsWith("net.dv8tion") && error != null
                && error.getClassName().equals("java.util.concurrent.RejectedExecutionException");
        return jdaWindingDown ? FilterReply.DENY : FilterReply.NEUTRAL;
    }
}
