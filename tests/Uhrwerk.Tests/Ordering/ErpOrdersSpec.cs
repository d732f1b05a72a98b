using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Uhrwerk.Server.Modules.Accounts.Domain;
using Uhrwerk.Server.Modules.Ordering.Erp;
using Uhrwerk.Server.Modules.Ordering.Events;
using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.Outbox;
using Uhrwerk.Tests.Notifications;

namespace Uhrwerk.Tests.Ordering;

/// <summary>Orders reach the ERP: pushed as signed webhooks with the whole order, or pulled from a feed with a cursor; the ERP acknowledges them with its own number.</summary>
public abstract class ErpOrdersSpec(UhrwerkFactory factory, WebhookReceiver receiver) : IntegrationTest(factory)
{
    private const string Reference = "PO-ERP-4711";

    /// <summary>The demo buyer orders; more than their 100 pieces per order the demo approver approves, so the order is placed either way.</summary>
    private async Task<(Guid Id, string Number)> ApprovedOrderAsync() => await PlacedAsync(150);

    private async Task<(Guid Id, string Number)> PlacedAsync(int quantity)
    {
        var sku = await InScopeAsync(db => db.Products.Where(p => p.IsActive && p.ListPrice < 10m).OrderBy(p => p.Sku).Select(p => p.Sku).FirstAsync());
        await SoldByThePieceAsync(sku);
        var buyer = await SignInAsync(UserOf(CompanyA, PredefinedRole.Buyer));
        var placed = await JsonAsync(buyer.PostAsJsonAsync("/api/v1/orders", new { addressIndex = 0, purchaseOrderReference = Reference, lines = new[] { new { sku, quantity } } }), HttpStatusCode.Created);
        if (placed.GetProperty("status").GetString() == "Placed")
        {
            return (placed.GetProperty("id").GetGuid(), placed.GetProperty("number").GetString()!);
        }

        Assert.Equal("PendingApproval", placed.GetProperty("status").GetString());
        var id = placed.GetProperty("id").GetGuid();
        var approver = await SignInAsync(UserOf(CompanyA, PredefinedRole.Approver));
        var approved = await JsonAsync(approver.PostAsJsonAsync($"/api/v1/orders/{id}/approve", new { comment = "Passt" }), HttpStatusCode.OK);
        Assert.Equal("Placed", approved.GetProperty("status").GetString());
        return (id, placed.GetProperty("number").GetString()!);
    }

    private async Task<HttpClient> ErpKeyAsync(string scope)
    {
        var admin = await SignInAsync("admin@uhrwerk.example");
        var issued = await JsonAsync(admin.PostAsJsonAsync("/api/v1/backoffice/api-keys", new { name = "ERP " + Guid.NewGuid().ToString("N")[..6], scopes = new[] { scope } }), HttpStatusCode.Created);
        var erp = Anonymous();
        erp.DefaultRequestHeaders.Add("X-Api-Key", issued.GetProperty("key").GetString());
        return erp;
    }

    private static Task<JsonElement> FeedAsync(HttpClient erp, long since, int? limit = null) =>
        JsonAsync(erp.GetAsync($"/api/v1/erp/orders?since={since}" + (limit is null ? "" : $"&limit={limit}")), HttpStatusCode.OK);

    private static IReadOnlyList<JsonElement> Items(JsonElement page) => page.GetProperty("items").EnumerateArray().ToList();

    private static string NumberOf(JsonElement item) => item.GetProperty("order").GetProperty("number").GetString()!;

    /// <summary>Reads the whole feed from <paramref name="since"/> page by page; the cursor it ends at.</summary>
    private static async Task<(IReadOnlyList<JsonElement> Items, long Cursor)> ReadOnAsync(HttpClient erp, long since, int limit)
    {
        var items = new List<JsonElement>();
        while (true)
        {
            var page = await FeedAsync(erp, since, limit);
            items.AddRange(Items(page));
            since = page.GetProperty("nextCursor").GetInt64();
            if (!page.GetProperty("hasMore").GetBoolean())
            {
                return (items, since);
            }
        }
    }

    [Fact]
    public async Task An_approved_order_reaches_the_erp_as_a_signed_webhook_with_the_whole_order()
    {
        var admin = await SignInAsync("admin@uhrwerk.example");
        var subscription = await JsonAsync(admin.PostAsJsonAsync("/api/v1/backoffice/webhooks",
            new { name = "ERP orders", url = receiver.Url("/erp/orders"), eventTypes = new[] { "OrderPlaced", "OrderApproved", "OrderChanged", "OrderCancelled" } }), HttpStatusCode.Created);

        var (id, number) = await ApprovedOrderAsync();

        var request = await ReceivedAsync(r => r.Path == "/erp/orders" && r.Body.Contains(number, StringComparison.Ordinal));
        var key = Convert.FromBase64String(subscription.GetProperty("secret").GetString()!["whsec_".Length..]);
        var signed = $"{request.Headers["webhook-id"]}.{request.Headers["webhook-timestamp"]}.{request.Body}";
        Assert.Contains("v1," + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(signed))), request.Headers["webhook-signature"].Split(' '));
        var body = JsonDocument.Parse(request.Body).RootElement;
        Assert.Equal("OrderApproved", body.GetProperty("type").GetString());
        Assert.Equal(1, body.GetProperty("version").GetInt32());
        var order = body.GetProperty("data").GetProperty("order");
        var buyer = await SignInAsync(UserOf(CompanyA, PredefinedRole.Buyer));
        var shown = await JsonAsync(buyer.GetAsync($"/api/v1/orders/{id}"), HttpStatusCode.OK);
        Assert.Equal(number, order.GetProperty("number").GetString());
        Assert.Equal("Placed", order.GetProperty("status").GetString());
        Assert.Equal(CompanyA.CustomerNumber, order.GetProperty("customerNumber").GetString());
        Assert.Equal(Reference, order.GetProperty("purchaseOrderReference").GetString());
        Assert.Equal(shown.GetProperty("shipTo").GetString(), order.GetProperty("shipTo").GetProperty("label").GetString());
        Assert.False(string.IsNullOrEmpty(order.GetProperty("shipTo").GetProperty("postalCode").GetString()));
        Assert.Equal(shown.GetProperty("total").GetDecimal(), order.GetProperty("total").GetDecimal());
        var line = Assert.Single(order.GetProperty("lines").EnumerateArray());
        var shownLine = Assert.Single(shown.GetProperty("lines").EnumerateArray());
        Assert.Equal(shownLine.GetProperty("sku").GetString(), line.GetProperty("sku").GetString());
        Assert.Equal(150, line.GetProperty("quantity").GetInt32());
        Assert.Equal(shownLine.GetProperty("unitPrice").GetDecimal(), line.GetProperty("unitPrice").GetDecimal());
        Assert.Equal(shownLine.GetProperty("lineTotal").GetDecimal(), line.GetProperty("lineTotal").GetDecimal());
        Assert.Equal(shownLine.GetProperty("promisedDate").GetString(), line.GetProperty("promisedDate").GetString());
        Assert.NotNull(line.GetProperty("promisedDate").GetString());
        var plan = line.GetProperty("deliveries").EnumerateArray().ToList();
        Assert.NotEmpty(plan);
        Assert.Equal(150, plan.Sum(d => d.GetProperty("quantity").GetInt32()));
        Assert.Equal(shownLine.GetProperty("deliveries").EnumerateArray().Select(d => d.GetProperty("deliveryDate").GetString()), plan.Select(d => d.GetProperty("deliveryDate").GetString()));
    }

    [Fact]
    public async Task The_pull_feed_returns_the_approved_order_once_per_cursor_and_the_acknowledgement_stores_the_erp_number_once()
    {
        var erp = await ErpKeyAsync(ApiScopes.ErpOrders);
        var (_, start) = await ReadOnAsync(erp, 0, 200);

        var (_, withinBudget) = await PlacedAsync(5);
        var (id, number) = await ApprovedOrderAsync();

        var until = DateTime.UtcNow.AddSeconds(30);
        while (Items(await FeedAsync(erp, start)).Select(NumberOf).Intersect([withinBudget, number]).Count() < 2)
        {
            Assert.True(DateTime.UtcNow < until, $"Orders {withinBudget} and {number} did not appear in the ERP feed after cursor {start}.");
            await Task.Delay(100);
        }

        var page = await FeedAsync(erp, start);
        var item = Assert.Single(Items(page), i => NumberOf(i) == number);
        Assert.Equal("OrderApproved", item.GetProperty("type").GetString());
        Assert.Equal("OrderPlaced", Assert.Single(Items(page), i => NumberOf(i) == withinBudget).GetProperty("type").GetString());
        Assert.Equal(CompanyA.CustomerNumber, item.GetProperty("order").GetProperty("customerNumber").GetString());
        Assert.Equal(Reference, item.GetProperty("order").GetProperty("purchaseOrderReference").GetString());
        Assert.NotEmpty(item.GetProperty("order").GetProperty("lines")[0].GetProperty("deliveries").EnumerateArray());
        var positions = Items(page).Select(i => i.GetProperty("position").GetInt64()).ToList();
        Assert.Equal(positions, Items(await FeedAsync(erp, start)).Select(i => i.GetProperty("position").GetInt64()));
        var (after, _) = await ReadOnAsync(erp, page.GetProperty("nextCursor").GetInt64(), 200);
        Assert.DoesNotContain(after, i => NumberOf(i) == number);
        var (oneByOne, _) = await ReadOnAsync(erp, start, 1);
        Assert.Equal(positions.Concat(after.Select(i => i.GetProperty("position").GetInt64())), oneByOne.Select(i => i.GetProperty("position").GetInt64()));

        var first = await JsonAsync(erp.PostAsJsonAsync($"/api/v1/erp/orders/{number}/acknowledge", new { erpOrderNumber = "SAP-4500012345" }), HttpStatusCode.OK);
        Assert.True(first.GetProperty("recorded").GetBoolean());
        var again = await JsonAsync(erp.PostAsJsonAsync($"/api/v1/erp/orders/{number}/acknowledge", new { erpOrderNumber = "SAP-4500012345" }), HttpStatusCode.OK);
        Assert.False(again.GetProperty("recorded").GetBoolean());
        var conflict = await ProblemOf(await erp.PostAsJsonAsync($"/api/v1/erp/orders/{number}/acknowledge", new { erpOrderNumber = "SAP-4500099999" }), HttpStatusCode.Conflict);
        Assert.Contains("SAP-4500012345", conflict.GetProperty("detail").GetString());
        await ProblemOf(await erp.PostAsJsonAsync("/api/v1/erp/orders/UW-1999-000001/acknowledge", new { erpOrderNumber = "SAP-1" }), HttpStatusCode.NotFound);

        var buyer = await SignInAsync(UserOf(CompanyA, PredefinedRole.Buyer));
        var order = await JsonAsync(buyer.GetAsync($"/api/v1/orders/{id}"), HttpStatusCode.OK);
        Assert.Equal("SAP-4500012345", order.GetProperty("erpOrderNumber").GetString());
        var booked = Assert.Single(order.GetProperty("history").EnumerateArray(), h => h.GetProperty("action").GetString() == "ErpAcknowledged");
        Assert.StartsWith("ERP", booked.GetProperty("actorName").GetString());
        var portal = await (await SignInWithCookieAsync(UserOf(CompanyA, PredefinedRole.Buyer))).GetStringAsync($"/orders/{id}");
        Assert.Contains("SAP-4500012345", portal);
        Assert.Equal("SAP-4500012345", await InScopeAsync(db => db.Orders.Where(o => o.Id == id).Select(o => o.ErpOrderNumber).SingleAsync()));
    }

    private async Task<WebhookReceiver.Received> ReceivedAsync(Func<WebhookReceiver.Received, bool> wanted)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (receiver.Requests.FirstOrDefault(wanted) is { } request)
            {
                return request;
            }

            Assert.True(DateTime.UtcNow < until, "The expected webhook did not arrive.");
            await Task.Delay(100);
        }
    }
}

public sealed class ErpOrdersOnSqlite(ErpOrdersOnSqlite.WithReceiver f) : ErpOrdersSpec(f, f.Receiver), IClassFixture<ErpOrdersOnSqlite.WithReceiver>
{
    public sealed class WithReceiver : SqliteFactory
    {
        public WebhookReceiver Receiver { get; } = new();

        protected override IReadOnlyDictionary<string, string?> Settings => WebhookSpec.SettingsFor();

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            Receiver.Dispose();
        }
    }
}

public sealed class ErpOrdersOnPostgres(ErpOrdersOnPostgres.WithReceiver f) : ErpOrdersSpec(f, f.Receiver), IClassFixture<ErpOrdersOnPostgres.WithReceiver>
{
    /// <summary>
    /// Several instances (here: parallel loops next to the worker) feed events at once; each position is
    /// drawn under the feed's lock, so none is drawn twice (which would fail a handler and delay its event)
    /// and the feed stays 1, 2, 3, … without a gap.
    /// </summary>
    [Fact]
    public async Task Feed_positions_stay_unique_and_gapless_when_instances_feed_at_the_same_time()
    {
        var companyId = await CompanyIdAsync(CompanyA);
        var now = Factory.Clock.GetUtcNow();
        var events = await InScopeAsync(async db =>
        {
            var published = Enumerable.Range(1, 60).Select(i => new OrderPlaced(new OrderSnapshot(Guid.NewGuid(), $"UW-T-{i:000000}", companyId, CompanyA.CustomerNumber, Guid.NewGuid(), "Test", "Placed", "Complete",
                now, now, null, null, null, new ShipToSnapshot("Werk", "01067", "DE"), 1m, "EUR", [], null))).ToList();
            published.ForEach(e => db.Publish(e, companyId, e.Order.OrderId));
            await db.SaveChangesAsync();
            return published.Select(e => e.Order.OrderId).ToList();
        });

        await using (var handOut = Factory.Services.CreateAsyncScope())
        {
            // Handed out first, so that every loop below finds all events due at once.
            await handOut.ServiceProvider.GetRequiredService<OutboxDispatcher>().HandOutAsync(CancellationToken.None);
        }

        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
        {
            await using var scope = Factory.Services.CreateAsyncScope();
            await scope.ServiceProvider.HandleAllAsync(ErpOrderFeed.Handler);
        })));

        // The worker may still be at the last events; a failed attempt would wait for its retry, so the wait ends in time either way.
        var until = DateTime.UtcNow.AddSeconds(10);
        while (await InScopeAsync(db => db.ErpFeed.CountAsync(e => events.Contains(e.OrderId))) < events.Count && DateTime.UtcNow < until)
        {
            await Task.Delay(100);
        }

        var failed = await InScopeAsync(db => db.EventHandlings.Where(h => h.Handler == ErpOrderFeed.Handler && (h.Attempts != 1 || h.Status != EventHandlingStatus.Handled))
            .Select(h => h.Status + " after " + h.Attempts + " attempts: " + h.LastError).ToListAsync());
        Assert.True(failed.Count == 0, $"{failed.Count} feed handlings did not go through at the first attempt: " + string.Join(" | ", failed.Take(3)));
        Assert.Equal(events.Count, await InScopeAsync(db => db.ErpFeed.CountAsync(e => events.Contains(e.OrderId))));
        var positions = await InScopeAsync(db => db.ErpFeed.OrderBy(e => e.Position).Select(e => e.Position).ToListAsync());
        Assert.Equal(Enumerable.Range(1, positions.Count).Select(p => (long)p), positions);
    }

    public sealed class WithReceiver : PostgresFactory
    {
        public WebhookReceiver Receiver { get; } = new();

        protected override IReadOnlyDictionary<string, string?> Settings => WebhookSpec.SettingsFor();

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            Receiver.Dispose();
        }
    }
}
