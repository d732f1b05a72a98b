using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Uhrwerk.Server.Platform.Data;
using Uhrwerk.Server.Platform.Outbox;

namespace Uhrwerk.Tests.Platform;

/// <summary>A test-only event; <paramref name="FlakyFailures"/> tells the flaky handler how often to fail before it succeeds.</summary>
[Event("test.probed", 1)]
public sealed record Probed(string Label, int FlakyFailures);

/// <summary>A test-only event whose handler leaves a write behind that the database refuses when the dispatcher saves.</summary>
[Event("test.badly-saved", 1)]
public sealed record BadlySaved(string Label);

/// <summary>Its name is longer than the outbox's type column allows, so publishing it fails on PostgreSQL when saved.</summary>
[Event("test.unstorable-" + "0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789" + "0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789", 1)]
public sealed record Unstorable;

/// <summary>
/// Every committed event reaches every handler that subscribed to it, on PostgreSQL with two server
/// instances: each handler sees it once, retries and dies on its own, and sees an aggregate's events in order.
/// </summary>
public sealed class PlatformEventsSpec
{
    public const string Steady = "test-steady";
    public const string Flaky = "test-flaky";
    public const string BadSave = "test-bad-save";

    public sealed record Call(string Handler, string Label, int Attempt, bool Succeeded, string Instance);

    /// <summary>What the test handlers were asked to do, in every instance of one test.</summary>
    public sealed class HandlerLog
    {
        private readonly ConcurrentQueue<Call> _calls = new();

        public IReadOnlyList<Call> Calls => _calls.ToArray();

        public void Add(Call call) => _calls.Enqueue(call);
    }

    private sealed record InstanceName(string Value);

    /// <summary>A handler's database effect: a row written in the transaction that records the event as handled.</summary>
    public sealed record Effect(string Handler, string Label, int Attempt, string Instance);

    private const string EffectsTable = "test_probe_effects";

    private static Task RecordEffectAsync(UhrwerkDbContext db, string handler, string label, EventContext context, InstanceName instance, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"INSERT INTO test_probe_effects (handler, label, attempt, instance) VALUES ({handler}, {label}, {context.Attempt}, {instance.Value})", ct);

    private sealed class SteadyHandler(UhrwerkDbContext db, HandlerLog log, InstanceName instance) : IEventHandler<Probed>
    {
        public async Task HandleAsync(Probed @event, EventContext context, CancellationToken ct)
        {
            log.Add(new Call(Steady, @event.Label, context.Attempt, true, instance.Value));
            await RecordEffectAsync(db, Steady, @event.Label, context, instance, ct);
        }
    }

    private sealed class FlakyHandler(UhrwerkDbContext db, HandlerLog log, InstanceName instance) : IEventHandler<Probed>
    {
        public async Task HandleAsync(Probed @event, EventContext context, CancellationToken ct)
        {
            var succeeds = context.Attempt > @event.FlakyFailures;
            log.Add(new Call(Flaky, @event.Label, context.Attempt, succeeds, instance.Value));
            await RecordEffectAsync(db, Flaky, @event.Label, context, instance, ct);
            if (!succeeds)
            {
                throw new InvalidOperationException($"{@event.Label} fails on attempt {context.Attempt}");
            }
        }
    }

    /// <summary>Writes through the scope's unit of work without saving: the dispatcher saves it with the record that the event was handled.</summary>
    private sealed class BadSaveHandler(UhrwerkDbContext db) : IEventHandler<BadlySaved>
    {
        public Task HandleAsync(BadlySaved @event, EventContext context, CancellationToken ct)
        {
            db.Publish(new Unstorable(), null);
            return Task.CompletedTask;
        }
    }

    /// <summary>One server instance with the outbox worker and both test handlers, on real time so that retries come due.</summary>
    private sealed class Instance(string name, HandlerLog log, string? database = null) : PostgresFactory(database)
    {
        public const int MaxAttempts = 5;

        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Outbox:Enabled"] = "true",
            ["Outbox:PollInterval"] = "00:00:00.050",
            ["Outbox:Retry:MaxAttempts"] = MaxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // Retries seconds apart: the first instance, stopped once every event failed once, must still have attempts to go
            // when the second has started (at 200 ms it finished them all during the second's start on a quiet machine).
            ["Outbox:Retry:BaseDelay"] = "00:00:01",
            ["Outbox:Retry:MaxDelay"] = "00:00:02",
        };

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton<TimeProvider>(TimeProvider.System);
                services.AddSingleton(log);
                services.AddSingleton(new InstanceName(name));
                services.AddEventHandler<Probed, SteadyHandler>(Steady);
                services.AddEventHandler<Probed, FlakyHandler>(Flaky);
                services.AddEventHandler<BadlySaved, BadSaveHandler>(BadSave);
            });
        }

        /// <summary>Starts the server (and its outbox worker) and makes sure the table for the handlers' effects exists.</summary>
        public async Task StartAsync()
        {
            await using var scope = Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<UhrwerkDbContext>().Database.ExecuteSqlRawAsync(
                $"CREATE TABLE IF NOT EXISTS {EffectsTable} (seq bigserial PRIMARY KEY, handler text NOT NULL, label text NOT NULL, attempt int NOT NULL, instance text NOT NULL)");
        }

        /// <summary>The handlers' effects that were committed, in the order they were written.</summary>
        public async Task<List<Effect>> EffectsAsync()
        {
            await using var scope = Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<UhrwerkDbContext>().Database
                .SqlQueryRaw<Effect>($"SELECT handler AS \"Handler\", label AS \"Label\", attempt AS \"Attempt\", instance AS \"Instance\" FROM {EffectsTable} ORDER BY seq")
                .ToListAsync();
        }

        public async Task<Guid> PublishAsync(object @event, Guid aggregateId)
        {
            await using var scope = Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<UhrwerkDbContext>();
            db.Publish(@event, null, aggregateId);
            await db.SaveChangesAsync();
            return db.ChangeTracker.Entries<OutboxMessage>().Single().Entity.Id;
        }

        public async Task<List<EventHandling>> HandlingsAsync(IEnumerable<Guid> messageIds)
        {
            await using var scope = Services.CreateAsyncScope();
            var ids = messageIds.ToList();
            return await scope.ServiceProvider.GetRequiredService<UhrwerkDbContext>().EventHandlings.AsNoTracking()
                .Where(h => ids.Contains(h.MessageId)).ToListAsync();
        }

        /// <summary>Polls until the handlings of the events satisfy <paramref name="done"/>; fails loudly with what they were.</summary>
        public async Task<List<EventHandling>> WhenAsync(IEnumerable<Guid> messageIds, Func<List<EventHandling>, bool> done, string failure, int seconds = 60)
        {
            var ids = messageIds.ToList();
            var until = DateTime.UtcNow.AddSeconds(seconds);
            while (true)
            {
                var handlings = await HandlingsAsync(ids);
                if (done(handlings))
                {
                    return handlings;
                }

                Assert.True(DateTime.UtcNow < until, $"{failure} Handlings: " +
                    string.Join("; ", handlings.Select(h => $"{h.Handler} {h.MessageId} {h.Status} after {h.Attempts} ({h.LastError})")));
                await Task.Delay(50);
            }
        }

        public static bool Settled(List<EventHandling> handlings, int events, int handlers = 2) =>
            handlings.Count == events * handlers && handlings.All(h => h.Status != EventHandlingStatus.Pending);
    }

    [Fact]
    public async Task Two_handlers_of_one_event_each_see_it_once_though_one_fails_three_times_and_its_instance_stops_in_between()
    {
        PostgresFactory.SkipUnlessAvailable();
        var log = new HandlerLog();
        // The second instance owns the database: it outlives the first, which stops halfway.
        await using var second = new Instance("second", log);
        var first = new Instance("first", log, second.Database);
        List<Guid> events = [];
        try
        {
            await first.StartAsync();
            for (var i = 0; i < 6; i++)
            {
                events.Add(await first.PublishAsync(new Probed($"probe-{i}", FlakyFailures: 3), Guid.NewGuid()));
            }

            await first.WhenAsync(events, h => h.Count(x => x.Handler == Flaky && x.Attempts > 0) == events.Count, "The flaky handler did not fail a first time on every event.");
            await second.StartAsync();
        }
        finally
        {
            // The first instance stops while the flaky handler still has attempts to go; the second must finish them.
            await first.DisposeAsync();
        }

        var handlings = await second.WhenAsync(events, h => Instance.Settled(h, events.Count), "Not every handler handled every event after the restart.");

        Assert.All(handlings, h => Assert.Equal(EventHandlingStatus.Handled, h.Status));
        Assert.All(handlings.Where(h => h.Handler == Steady), h => Assert.Equal(1, h.Attempts));
        Assert.All(handlings.Where(h => h.Handler == Flaky), h => Assert.Equal((4, (string?)null), (h.Attempts, h.LastError)));
        // Exactly once in the database: the effect of each successful call, and only of it, was committed.
        var effects = await second.EffectsAsync();
        var calls = log.Calls;
        foreach (var label in Enumerable.Range(0, events.Count).Select(i => $"probe-{i}"))
        {
            Assert.Equal([1], effects.Where(e => e.Handler == Steady && e.Label == label).Select(e => e.Attempt));
            Assert.Equal([4], effects.Where(e => e.Handler == Flaky && e.Label == label).Select(e => e.Attempt));
            // Calls themselves are at least once: one cut off by the stop is made again.
            Assert.Equal([1, 2, 3], calls.Where(c => c.Handler == Flaky && c.Label == label && !c.Succeeded).Select(c => c.Attempt).Distinct().Order());
        }

        Assert.Contains(effects, e => e.Instance == "first");
        Assert.Contains(effects, e => e.Instance == "second" && e.Handler == Flaky);
    }

    [Fact]
    public async Task A_handler_that_always_fails_is_dead_after_its_last_attempt_while_the_other_handler_of_the_event_is_unaffected()
    {
        PostgresFactory.SkipUnlessAvailable();
        var log = new HandlerLog();
        await using var instance = new Instance("only", log);
        await instance.StartAsync();

        var hopeless = await instance.PublishAsync(new Probed("hopeless", FlakyFailures: int.MaxValue), Guid.NewGuid());
        var fine = await instance.PublishAsync(new Probed("fine", FlakyFailures: 0), Guid.NewGuid());
        var handlings = await instance.WhenAsync([hopeless, fine], h => Instance.Settled(h, 2), "The events were not settled.");

        var dead = handlings.Single(h => h.MessageId == hopeless && h.Handler == Flaky);
        Assert.Equal((EventHandlingStatus.Dead, Instance.MaxAttempts), (dead.Status, dead.Attempts));
        Assert.Contains("hopeless fails on attempt 5", dead.LastError);
        Assert.Equal(EventHandlingStatus.Handled, handlings.Single(h => h.MessageId == hopeless && h.Handler == Steady).Status);
        Assert.All(handlings.Where(h => h.MessageId == fine), h => Assert.Equal((EventHandlingStatus.Handled, 1), (h.Status, h.Attempts)));
        Assert.Equal(Instance.MaxAttempts, log.Calls.Count(c => c.Handler == Flaky && c.Label == "hopeless"));
        var effects = await instance.EffectsAsync();
        Assert.Equal(["hopeless", "fine"], effects.Where(e => e.Handler == Steady).Select(e => e.Label));
        Assert.Equal(["fine"], effects.Where(e => e.Handler == Flaky).Select(e => e.Label));
    }

    [Fact]
    public async Task Events_of_one_aggregate_reach_a_handler_in_the_order_they_happened_even_when_the_first_fails_twice()
    {
        PostgresFactory.SkipUnlessAvailable();
        var log = new HandlerLog();
        await using var second = new Instance("second", log);
        await using var first = new Instance("first", log, second.Database);
        await first.StartAsync();
        await second.StartAsync();
        var order = Guid.NewGuid();

        List<Guid> events = [];
        events.Add(await first.PublishAsync(new Probed("placed", FlakyFailures: 2), order));
        events.Add(await second.PublishAsync(new Probed("approved", FlakyFailures: 0), order));
        events.Add(await first.PublishAsync(new Probed("shipped", FlakyFailures: 0), order));
        await first.WhenAsync(events, h => Instance.Settled(h, events.Count), "The order's events were not settled.");

        Assert.Equal(["placed", "placed", "placed", "approved", "shipped"], log.Calls.Where(c => c.Handler == Flaky).Select(c => c.Label));
        var effects = await first.EffectsAsync();
        Assert.Equal(["placed", "approved", "shipped"], effects.Where(e => e.Handler == Flaky).Select(e => e.Label));
        Assert.Equal(["placed", "approved", "shipped"], effects.Where(e => e.Handler == Steady).Select(e => e.Label));
    }

    [Fact]
    public async Task A_handler_whose_writes_fail_when_saved_has_failed_and_is_not_recorded_as_handled()
    {
        PostgresFactory.SkipUnlessAvailable();
        await using var instance = new Instance("only", new HandlerLog());
        await instance.StartAsync();

        var badlySaved = await instance.PublishAsync(new BadlySaved("refused"), Guid.NewGuid());
        var handling = (await instance.WhenAsync([badlySaved], h => Instance.Settled(h, 1, handlers: 1), "The event was not settled.")).Single();

        Assert.Equal((EventHandlingStatus.Dead, Instance.MaxAttempts), (handling.Status, handling.Attempts));
        Assert.NotNull(handling.LastError);
        await using var scope = instance.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<UhrwerkDbContext>().Outbox.AnyAsync(m => m.Type.StartsWith("test.unstorable")));
    }
}
