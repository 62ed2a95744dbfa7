package dev.parley.routing.queue;

/**
 * How long a visitor at some position will probably wait: the department's recent average time to
 * assignment for each visitor ahead, shared among the agents online.
 *
 * @param averageWaitSeconds recent average time from queueing to assignment, or the default
 * @param onlineAgents the department's agents online now
 */
public record WaitEstimate(double averageWaitSeconds, int onlineAgents) {

    public long secondsAt(int position) {
        return (long) Math.ceil(position * averageWaitSeconds / Math.max(1, onlineAgents));
    }
}
