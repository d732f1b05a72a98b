using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Uhrwerk.Server.Modules.Accounts.Domain;
using Uhrwerk.Server.Modules.Contracts.Domain;
using Uhrwerk.Server.Modules.Contracts.ScheduledReleases;
using Uhrwerk.Server.Platform.Localization;
using static Uhrwerk.Tests.Contracts.ContractSamples;

namespace Uhrwerk.Tests.Contracts;

/// <summary>Scheduled releases become exactly one order each on their day minus the lead time: on time, after downtime, and with two instances.</summary>
public abstract class ScheduledReleasesSpec(UhrwerkFactory factory) : IntegrationTest(factory)
{
    private const int LeadTime = 5;

    private DateOnly Today => BerlinTime.DateOf(Factory.Clock.GetUtcNow());

    protected static async Task<int> RunCalendarAsync(UhrwerkFactory instance)
    {
        await using var scope = instance.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ContractCalendar>().OrderDueReleasesAsync(CancellationToken.None);
    }

    /// <summary>A contract with releases 10 and 20 days ahead, ordered for the demo buyer.</summary>
    protected async Task<JsonElement> ScheduledContractAsync()
    {
        var sku = await InScopeAsync(db => db.Products.Where(p => p.IsActive).OrderBy(p => p.Sku).Select(p => p.Sku).FirstAsync());
        await SoldByThePieceAsync(sku);
        var staff = await SignInAsync("admin@uhrwerk.example");
        var buyerId = await UserIdAsync(UserOf(CompanyA, PredefinedRole.Buyer));
        return await CreateAsync(staff, CompanyA.CustomerNumber, sku, Today, leadTimeDays: LeadTime, releaseBuyerId: buyerId,
            schedule: [new { sku, deliveryDate = Today.AddDays(10), quantity = 10 }, new { sku, deliveryDate = Today.AddDays(20), quantity = 15 }]);
    }

    protected Task<(int Orders, int CallOffs, int CalledOff, IReadOnlyList<ReleaseStatus> Statuses)> PictureAsync(JsonElement contract)
    {
        var number = contract.GetProperty("number").GetString();
        var id = contract.GetProperty("id").GetGuid();
        return InScopeAsync(async db => (
            await db.Orders.CountAsync(o => o.PurchaseOrderReference == number),
            await db.ContractCallOffs.CountAsync(c => c.ContractId == id),
            await db.CallOffContracts.Where(c => c.Id == id).SelectMany(c => c.Lines).SumAsync(l => l.CalledOff),
            (IReadOnlyList<ReleaseStatus>)await db.ScheduledReleases.Where(r => r.ContractId == id).OrderBy(r => r.DeliveryDate).Select(r => r.Status).ToListAsync()));
    }

    [Fact]
    public async Task Each_scheduled_release_becomes_exactly_one_order_on_its_day_minus_the_lead_time()
    {
        var contract = await ScheduledContractAsync();
        Factory.Clock.Advance(TimeSpan.FromDays(10 - LeadTime - 1));
        await RunCalendarAsync(Factory);
        var (ordersBefore, callOffsBefore, _, _) = await PictureAsync(contract);
        Assert.Equal((0, 0), (ordersBefore, callOffsBefore));

        Factory.Clock.Advance(TimeSpan.FromDays(1));
        await RunCalendarAsync(Factory);
        await RunCalendarAsync(Factory);

        var (orders, callOffs, calledOff, statuses) = await PictureAsync(contract);
        Assert.Equal((1, 1, 10), (orders, callOffs, calledOff));
        Assert.Equal([ReleaseStatus.Released, ReleaseStatus.Planned], statuses);
        var buyer = await SignInAsync(UserOf(CompanyA, PredefinedRole.Buyer));
        var shown = await JsonAsync(buyer.GetAsync($"/api/v1/contracts/{contract.GetProperty("id").GetGuid()}"), HttpStatusCode.OK);
        var release = shown.GetProperty("releases")[0];
        Assert.Equal("Released", release.GetProperty("status").GetString());
        var order = await JsonAsync(buyer.GetAsync($"/api/v1/orders?pageSize=100"), HttpStatusCode.OK);
        var placed = Assert.Single(order.GetProperty("items").EnumerateArray(), i => i.GetProperty("number").GetString() == release.GetProperty("orderNumber").GetString());
        Assert.Equal(Today.AddDays(LeadTime).ToString("yyyy-MM-dd"), (await JsonAsync(buyer.GetAsync($"/api/v1/orders/{placed.GetProperty("id").GetGuid()}"), HttpStatusCode.OK))
            .GetProperty("requestedDeliveryDate").GetString());
    }

    [Fact]
    public async Task Releases_missed_while_the_server_was_down_are_ordered_once_when_it_is_back()
    {
        var contract = await ScheduledContractAsync();
        Factory.Clock.Advance(TimeSpan.FromDays(25));

        await RunCalendarAsync(Factory);
        await RunCalendarAsync(Factory);

        var (orders, callOffs, calledOff, statuses) = await PictureAsync(contract);
        Assert.Equal((2, 2, 25), (orders, callOffs, calledOff));
        Assert.Equal([ReleaseStatus.Released, ReleaseStatus.Released], statuses);
    }
}

public sealed class ScheduledReleasesOnSqlite(SqliteFactory f) : ScheduledReleasesSpec(f), IClassFixture<SqliteFactory>;

public sealed class ScheduledReleasesOnPostgres(PostgresFactory f) : ScheduledReleasesSpec(f), IClassFixture<PostgresFactory>
{
    private sealed class Instance(string database) : PostgresFactory(database);

    [Fact]
    public async Task Two_instances_running_the_calendar_at_once_order_each_release_exactly_once()
    {
        var contracts = new List<JsonElement>();
        for (var i = 0; i < 5; i++)
        {
            contracts.Add(await ScheduledContractAsync());
        }

        await using var second = new Instance(((PostgresFactory)Factory).Database);
        _ = second.Services;
        Factory.Clock.Advance(TimeSpan.FromDays(25));
        second.Clock.SetUtcNow(Factory.Clock.GetUtcNow());

        await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(() => RunCalendarAsync(i % 2 == 0 ? Factory : second))));

        foreach (var contract in contracts)
        {
            var (orders, callOffs, calledOff, statuses) = await PictureAsync(contract);
            Assert.Equal((2, 2, 25), (orders, callOffs, calledOff));
            Assert.Equal([ReleaseStatus.Released, ReleaseStatus.Released], statuses);
        }
    }
}
