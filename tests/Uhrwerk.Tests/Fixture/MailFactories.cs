namespace Uhrwerk.Tests;

/// <summary>A server on SQLite whose notifications reach a real SMTP server and an SMS gateway of the spec's own.</summary>
public class SqliteWithMail : SqliteFactory
{
    public SmtpServer Smtp { get; } = new();

    public WebhookReceiver Gateway { get; } = new();

    protected override IReadOnlyDictionary<string, string?> Settings => Notifications.EmailDeliverySpec.SettingsFor(Smtp, Gateway);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Smtp.Dispose();
        Gateway.Dispose();
    }
}

/// <summary>The same on PostgreSQL.</summary>
public class PostgresWithMail : PostgresFactory
{
    public SmtpServer Smtp { get; } = new();

    public WebhookReceiver Gateway { get; } = new();

    protected override IReadOnlyDictionary<string, string?> Settings => Notifications.EmailDeliverySpec.SettingsFor(Smtp, Gateway);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Smtp.Dispose();
        Gateway.Dispose();
    }
}
