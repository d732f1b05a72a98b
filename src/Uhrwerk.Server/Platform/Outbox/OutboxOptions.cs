namespace Uhrwerk.Server.Platform.Outbox;

public sealed class OutboxOptions
{
    public bool Enabled { get; set; } = true;
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
    public int BatchSize { get; set; } = 200;

    /// <summary>How often a handler tries one event before it is dead; failures of the database itself do not count.</summary>
    public RetryPolicy Retry { get; set; } = new() { MaxAttempts = 10, BaseDelay = TimeSpan.FromSeconds(5), MaxDelay = TimeSpan.FromMinutes(30) };
}
