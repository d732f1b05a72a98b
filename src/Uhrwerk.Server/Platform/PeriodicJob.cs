namespace Uhrwerk.Server.Platform;

/// <summary>
/// A background loop that runs one step of a job in a scope of its own on every tick, on every instance (the steps are
/// written to be safe with several), and outlives a failing step: the failure is logged and the step runs again on the
/// next tick.
/// </summary>
internal abstract class PeriodicJob(IServiceScopeFactory scopes, TimeProvider clock, ILogger log) : BackgroundService
{
    /// <summary>False where specs run the step themselves, on their own clock.</summary>
    protected virtual bool Enabled => true;

    protected abstract TimeSpan Interval { get; }

    /// <summary>What the job does, for the log, e.g. "Sending due survey invitations".</summary>
    protected abstract string Name { get; }

    protected abstract Task RunAsync(IServiceProvider services, CancellationToken ct);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await RunAsync(scope.ServiceProvider, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "{Job} failed; it runs again on the next tick", Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
