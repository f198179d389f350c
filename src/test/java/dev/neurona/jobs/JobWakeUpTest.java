package dev.neurona.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Instant;
import org.jobrunr.server.BackgroundJobServer;
import org.jobrunr.server.JobSteward;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.TaskScheduler;

/** Who gets woken after a submission: only this node's job server, only when it is idle, only when enabled. */
class JobWakeUpTest {

    private final TaskScheduler scheduler = mock(TaskScheduler.class);
    private final BackgroundJobServer server = mock(BackgroundJobServer.class);
    private final JobSteward steward = mock(JobSteward.class);

    @SuppressWarnings("unchecked")
    private JobWakeUp wakeUp(BackgroundJobServer local, String... settings) {
        ObjectProvider<BackgroundJobServer> provider = mock(ObjectProvider.class);
        when(provider.getIfAvailable()).thenReturn(local);
        return new JobWakeUp(provider, scheduler, QueueLimitsTest.settings(settings));
    }

    private void running(int occupiedWorkers) {
        when(server.isRunning()).thenReturn(true);
        when(server.getJobSteward()).thenReturn(steward);
        when(steward.getOccupiedWorkerCount()).thenReturn(occupiedWorkers);
    }

    @Test
    void anIdleServerLooksForTheJobOnceRightAway() {
        running(0);
        JobWakeUp wakeUp = wakeUp(server);

        wakeUp.jobQueued();

        ArgumentCaptor<Runnable> task = ArgumentCaptor.forClass(Runnable.class);
        verify(scheduler).schedule(task.capture(), any(Instant.class));
        verify(steward, never()).run();
        task.getValue().run();
        verify(steward).run();
        assertThat(wakeUp.wakeUps()).isEqualTo(1);
    }

    @Test
    void aBusyServerIsLeftAlone() {
        running(1);
        wakeUp(server).jobQueued();
        verify(scheduler, never()).schedule(any(Runnable.class), any(Instant.class));
    }

    @Test
    void aNodeWithoutAJobServerLeavesTheJobToTheWorkersPoll() {
        wakeUp(null).jobQueued();
        verify(scheduler, never()).schedule(any(Runnable.class), any(Instant.class));
    }

    @Test
    void aStoppedServerIsLeftAlone() {
        running(0);
        when(server.isRunning()).thenReturn(false);
        wakeUp(server).jobQueued();
        verify(scheduler, never()).schedule(any(Runnable.class), any(Instant.class));
    }

    @Test
    void theWakeUpCanBeTurnedOff() {
        running(0);
        wakeUp(server, "neurona.jobs.wake-on-submit", "false").jobQueued();
        verify(scheduler, never()).schedule(any(Runnable.class), any(Instant.class));
    }
}
