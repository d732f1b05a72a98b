using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Uhrwerk.Server.Platform.Data;
using Uhrwerk.Server.Platform.Outbox;

namespace Uhrwerk.Tests.Platform;

/// <summary>A test-only event for the back office; its handler fails while the switch says it is broken.</summary>
[Event("test.backoffice-probed", 1)]
public sealed record BackofficeProbed(string Label);

/// <summary>Staff see each handler's events by state and give a dead one another round once its cause is fixed.</summary>
public abstract class EventsBackofficeSpec(UhrwerkFactory factory) : IntegrationTest(factory)
{
    public const string Handler = "test-backoffice";

    /// <summary>Whether the test handler's downstream system is broken, shared by every scope of one server.</summary>
    public sealed class Downstream
    {
        public bool Broken { get; set; } = true;
    }

    private sealed class ProbeHandler(Downstream downstream) : IEventHandler<BackofficeProbed>
    {
        public Task HandleAsync(BackofficeProbed @event, EventContext context, CancellationToken ct) =>
            downstream.Broken ? throw new InvalidOperationException($"downstream refused {@event.Label}") : Task.CompletedTask;
    }

    /// <summary>The test handler gives up after one attempt, so one failure makes the event dead.</summary>
    public static IReadOnlyDictionary<string, string?> ProbeSettings => new Dictionary<string, string?> { ["Outbox:Retry:MaxAttempts"] = "1" };

    public static void AddProbeHandler(IWebHostBuilder builder) => builder.ConfigureTestServices(services =>
    {
        services.AddSingleton<Downstream>();
        services.AddEventHandler<BackofficeProbed, ProbeHandler>(Handler);
    });

    private async Task<Guid> PublishAndHandleAsync(string label)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UhrwerkDbContext>();
        db.Publish(new BackofficeProbed(label), null, Guid.NewGuid());
        await db.SaveChangesAsync();
        var id = db.ChangeTracker.Entries<OutboxMessage>().Single().Entity.Id;
        await scope.ServiceProvider.HandleAllAsync(Handler);
        return id;
    }

    private async Task HandleAllAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.HandleAllAsync(Handler);
    }

    private static async Task<JsonElement?> FindAsync(HttpClient staff, Guid id, string status)
    {
        var list = await JsonAsync(staff.GetAsync($"/api/v1/backoffice/events?handler={Handler}&status={status}&pageSize=100"), HttpStatusCode.OK);
        return list.GetProperty("items").EnumerateArray().Where(e => e.GetProperty("messageId").GetGuid() == id).Select(e => (JsonElement?)e).SingleOrDefault();
    }

    private static async Task<JsonElement> SummaryAsync(HttpClient staff) =>
        (await JsonAsync(staff.GetAsync("/api/v1/backoffice/events/handlers"), HttpStatusCode.OK)).EnumerateArray().Single(h => h.GetProperty("handler").GetString() == Handler);

    [Fact]
    public async Task A_dead_event_shows_per_handler_and_a_retry_after_the_fix_gets_it_handled()
    {
        var admin = await SignInAsync("admin@uhrwerk.example");
        var downstream = Factory.Services.GetRequiredService<Downstream>();
        downstream.Broken = true;
        var deadBefore = (await SummaryAsync(admin)).GetProperty("dead").GetInt32();
        var id = await PublishAndHandleAsync("dead-then-retried");

        var dead = await FindAsync(admin, id, "Dead");
        Assert.NotNull(dead);
        Assert.Equal(("test.backoffice-probed", 1, "Dead", 1), (dead.Value.GetProperty("event").GetString(), dead.Value.GetProperty("version").GetInt32(),
            dead.Value.GetProperty("status").GetString(), dead.Value.GetProperty("attempts").GetInt32()));
        Assert.Contains("downstream refused dead-then-retried", dead.Value.GetProperty("lastError").GetString());
        Assert.Null(await FindAsync(admin, id, "Handled"));
        Assert.Equal(deadBefore + 1, (await SummaryAsync(admin)).GetProperty("dead").GetInt32());

        downstream.Broken = false;
        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync($"/api/v1/backoffice/events/{id}/handlers/{Handler}/retry", null)).StatusCode);
        Assert.Equal("Failed", (await FindAsync(admin, id, "Failed"))?.GetProperty("status").GetString());
        await HandleAllAsync();

        var handled = await FindAsync(admin, id, "Handled");
        Assert.Equal("Handled", handled?.GetProperty("status").GetString());
        Assert.Null(await FindAsync(admin, id, "Dead"));
        Assert.Equal(deadBefore, (await SummaryAsync(admin)).GetProperty("dead").GetInt32());
        await ProblemOf(await admin.PostAsync($"/api/v1/backoffice/events/{id}/handlers/{Handler}/retry", null), HttpStatusCode.Conflict);
        await ProblemOf(await admin.PostAsync($"/api/v1/backoffice/events/{id}/handlers/no-such-handler/retry", null), HttpStatusCode.NotFound);
        await ProblemOf(await admin.PostAsync($"/api/v1/backoffice/events/{Guid.NewGuid()}/handlers/{Handler}/retry", null), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_back_office_page_lists_a_dead_event_with_a_retry_button_that_works_without_javascript()
    {
        var downstream = Factory.Services.GetRequiredService<Downstream>();
        downstream.Broken = true;
        var id = await PublishAndHandleAsync("dead-on-the-page");
        var portal = await SignInWithCookieAsync("admin@uhrwerk.example");

        var page = await portal.GetStringAsync($"/backoffice/events?handler={Handler}&status=Dead");
        var row = Regex.Match(page, $"<tr data-event=\"{id}\" data-handler=\"{Handler}\">(.*?)</tr>", RegexOptions.Singleline);
        Assert.True(row.Success, "The dead event is not listed on the page.");
        Assert.Contains($"name=\"Target\" value=\"{id}:{Handler}\"", row.Value, StringComparison.Ordinal);
        Assert.Contains("href=\"/backoffice/events\"", page, StringComparison.Ordinal);

        downstream.Broken = false;
        var token = Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var answer = await portal.PostAsync($"/backoffice/events?handler={Handler}&status=Dead", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "retry-event",
            ["__RequestVerificationToken"] = token,
            ["Target"] = $"{id}:{Handler}",
        }));
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.DoesNotContain($"data-event=\"{id}\"", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await HandleAllAsync();

        var admin = await SignInAsync("admin@uhrwerk.example");
        Assert.Equal("Handled", (await FindAsync(admin, id, "Handled"))?.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Customer_service_may_not_see_or_retry_events()
    {
        var service = await SignInAsync("service@uhrwerk.example");

        Assert.Equal(HttpStatusCode.Forbidden, (await service.GetAsync("/api/v1/backoffice/events")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await service.PostAsync($"/api/v1/backoffice/events/{Guid.NewGuid()}/handlers/{Handler}/retry", null)).StatusCode);
    }
}

public sealed class EventsBackofficeOnSqlite(EventsBackofficeOnSqlite.WithProbe f) : EventsBackofficeSpec(f), IClassFixture<EventsBackofficeOnSqlite.WithProbe>
{
    public sealed class WithProbe : SqliteFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings => ProbeSettings;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            AddProbeHandler(builder);
        }
    }
}

public sealed class EventsBackofficeOnPostgres(EventsBackofficeOnPostgres.WithProbe f) : EventsBackofficeSpec(f), IClassFixture<EventsBackofficeOnPostgres.WithProbe>
{
    public sealed class WithProbe : PostgresFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings => ProbeSettings;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            AddProbeHandler(builder);
        }
    }
}
