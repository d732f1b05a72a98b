using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Accounts.DemoData;
using Uhrwerk.Server.Modules.Accounts.Domain;
using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.Localization;

namespace Uhrwerk.Tests.Fulfillment;

/// <summary>On-time-in-full as the back office and the customer's controller read it: counted per line and per order, each company its own.</summary>
public abstract class OtifReportSpec(UhrwerkFactory factory) : IntegrationTest(factory)
{
    private DateOnly Today => BerlinTime.DateOf(Factory.Clock.GetUtcNow());

    private async Task<(string First, string Second)> SkusAsync()
    {
        var skus = await InScopeAsync(db => db.Products.Where(p => p.IsActive).OrderBy(p => p.Sku).Select(p => p.Sku).Take(2).ToListAsync());
        foreach (var sku in skus)
        {
            await SoldByThePieceAsync(sku);
        }

        return (skus[0], skus[1]);
    }

    private static async Task<(Guid Id, string Number, DateOnly Promised)> PlaceAsync(HttpClient buyer, params (string Sku, int Quantity)[] lines)
    {
        var response = await buyer.PostAsJsonAsync("/api/v1/orders", new { addressIndex = 0, lines = lines.Select(l => new { sku = l.Sku, quantity = l.Quantity }) });
        var order = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(response.StatusCode == HttpStatusCode.Created, order.ToString());
        Assert.Equal("Placed", order.GetProperty("status").GetString());
        return (order.GetProperty("id").GetGuid(), order.GetProperty("number").GetString()!,
            order.GetProperty("lines").EnumerateArray().Min(l => DateOnly.Parse(l.GetProperty("promisedDate").GetString()!)));
    }

    private static void Counts(JsonElement counts, int measured, int onTime, int inFull, int otif)
    {
        Assert.Equal((measured, onTime, inFull, otif),
            (counts.GetProperty("measured").GetInt32(), counts.GetProperty("onTime").GetInt32(), counts.GetProperty("inFull").GetInt32(), counts.GetProperty("otif").GetInt32()));
    }

    [Fact]
    public async Task Late_short_and_split_on_time_lines_are_counted_per_line_and_an_order_only_when_every_line_is_OTIF()
    {
        var (first, second) = await SkusAsync();
        var (_, _, buyer) = await ColleagueAsync(CompanyA, "Olga Otif", [PredefinedRole.Buyer], new { periodAmount = 10_000_000m, period = "Year" });
        var mixed = await PlaceAsync(buyer, (first, 4), (second, 3));
        var late = await PlaceAsync(buyer, (first, 2));
        var carrier = "Probe " + Guid.NewGuid().ToString("N")[..8];
        var admin = await SignInAsync(DemoLogins.Staff.Single(s => s.Role == StaffRole.Admin).Email);
        foreach (var (sku, warehouseCode) in new[] { (first, "DTM"), (second, "DTM"), (first, "MUC"), (second, "MUC") })
        {
            await NoContentAsync(admin.PostAsJsonAsync("/api/v1/backoffice/inventory/adjustments", new { sku, warehouseCode, quantity = 10, reason = "Testaufbau" }));
        }

        // The mixed order as a warehouse system reports it: its first line split over two warehouses, both parts arriving today, before
        // the promise; its second line short by one.
        var issued = await JsonAsync(admin.PostAsJsonAsync("/api/v1/backoffice/api-keys", new { name = "Lagersystem " + carrier, scopes = new[] { ApiScopes.ErpShipments } }), HttpStatusCode.Created);
        var erp = Anonymous();
        erp.DefaultRequestHeaders.Add("X-Api-Key", issued.GetProperty("key").GetString());
        foreach (var (reference, warehouseCode, lines) in new[] { ("1", "DTM", new[] { (first, 1) }), ("2", "MUC", new[] { (first, 3), (second, 2) }) })
        {
            var reported = await erp.PutAsJsonAsync($"/api/v1/erp/shipments/LS-{mixed.Number}-{reference}", new
            {
                orderNumber = mixed.Number, warehouseCode, status = "Delivered", carrier, lines = lines.Select(l => new { sku = l.Item1, quantity = l.Item2 }),
                packages = new[] { new { weightKg = 2.5m, lengthCm = 40, widthCm = 30, heightCm = 20, trackingNumber = $"OTIF{mixed.Number}{reference}" } },
            });
            Assert.True(reported.StatusCode == HttpStatusCode.Created, await reported.Content.ReadAsStringAsync());
        }

        // The late order through the back office: shipped today, its delivery recorded once it arrived a day after the promise.
        var warehouse = await SignInAsync(DemoLogins.Staff.Single(s => s.Role == StaffRole.Warehouse).Email);
        var planned = await JsonAsync(warehouse.PostAsJsonAsync($"/api/v1/backoffice/fulfillment/orders/{late.Id}/shipments",
            new { warehouseCode = "DTM", plannedShipDate = Today, carrier, lines = new[] { new { position = 1, quantity = 2 } } }), HttpStatusCode.Created);
        var lateShipment = planned.GetProperty("shipments").EnumerateArray().Single().GetProperty("id").GetGuid();
        await JsonAsync(warehouse.PostAsJsonAsync($"/api/v1/backoffice/fulfillment/shipments/{lateShipment}/advance", new { to = "Shipped" }), HttpStatusCode.OK);
        var period = $"from={Today.AddDays(-7):yyyy-MM-dd}&to={Today.AddDays(125):yyyy-MM-dd}&carrier={Uri.EscapeDataString(carrier)}";

        // Before the short line's and the late line's promised dates pass they are still open; the line complete early counts already.
        var early = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/backoffice/otif?{period}");
        Counts(early.GetProperty("lines"), measured: 1, onTime: 1, inFull: 1, otif: 1);

        // 130 days on every promise has passed.
        Factory.Clock.Advance(TimeSpan.FromDays(130));
        warehouse = await SignInAsync(DemoLogins.Staff.Single(s => s.Role == StaffRole.Warehouse).Email);
        await JsonAsync(warehouse.PostAsJsonAsync($"/api/v1/backoffice/fulfillment/shipments/{lateShipment}/advance",
            new { to = "Delivered", at = Deliveries.Noon(late.Promised.AddDays(1)) }), HttpStatusCode.OK);
        var staff = await SignInAsync(DemoLogins.Staff.Single(s => s.Role == StaffRole.Admin).Email);
        var report = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/backoffice/otif?{period}");

        Counts(report.GetProperty("lines"), measured: 3, onTime: 2, inFull: 2, otif: 1);
        Counts(report.GetProperty("orders"), measured: 2, onTime: 1, inFull: 1, otif: 0);
        Assert.Equal(0.3333m, report.GetProperty("lines").GetProperty("otifRate").GetDecimal());
        Assert.Equal(3, report.GetProperty("weeks").EnumerateArray().Sum(w => w.GetProperty("lines").GetProperty("measured").GetInt32()));
        var companyA = await CompanyIdAsync(CompanyA);
        Counts((await staff.GetFromJsonAsync<JsonElement>($"/api/v1/backoffice/otif?{period}&companyId={companyA}")).GetProperty("lines"), 3, 2, 2, 1);
        Counts((await staff.GetFromJsonAsync<JsonElement>($"/api/v1/backoffice/otif?{period}&warehouse=muc")).GetProperty("lines"), 2, 2, 1, 1);

        var controllerA = await SignInAsync(UserOf(CompanyA, PredefinedRole.Controller));
        Counts((await controllerA.GetFromJsonAsync<JsonElement>($"/api/v1/company/otif?{period}")).GetProperty("lines"), 3, 2, 2, 1);
        var controllerB = await SignInAsync(UserOf(CompanyB, PredefinedRole.Controller));
        Counts((await controllerB.GetFromJsonAsync<JsonElement>($"/api/v1/company/otif?{period}&companyId={companyA}")).GetProperty("lines"), 0, 0, 0, 0);

        // The same figures as a page with the chart drawn on the server, for the controller and the back office.
        foreach (var (email, path) in new[] { (UserOf(CompanyA, PredefinedRole.Controller), "/company/otif"), (DemoLogins.Staff.Single(s => s.Role == StaffRole.Logistics).Email, "/backoffice/otif") })
        {
            var page = await (await SignInWithCookieAsync(email)).GetStringAsync($"{path}?{period}");
            Assert.Matches("<figure id=\"otif-chart\"[^>]*><svg", page);
            Assert.Matches(new System.Text.RegularExpressions.Regex("<tr id=\"otif-total\"><th scope=\"row\">Gesamt</th><td class=\"num measured\">3</td>.*?<td class=\"num otif\">33,3\\s?%</td>",
                System.Text.RegularExpressions.RegexOptions.Singleline), page);
        }
    }

    [Fact]
    public async Task A_line_delivered_in_two_parts_is_on_time_by_the_day_its_last_part_arrived_whatever_order_the_deliveries_are_recorded_in()
    {
        var (sku, _) = await SkusAsync();
        var (_, _, buyer) = await ColleagueAsync(CompanyA, "Tilda Teillieferung", [PredefinedRole.Buyer], new { periodAmount = 10_000_000m, period = "Year" });
        var late = await PlaceAsync(buyer, (sku, 4));
        var onTime = await PlaceAsync(buyer, (sku, 4));
        var carrier = "Probe " + Guid.NewGuid().ToString("N")[..8];
        var warehouse = await SignInAsync(DemoLogins.Staff.Single(s => s.Role == StaffRole.Warehouse).Email);

        // Each order in two parts from the warehouse of its reservation, both shipped today through the back office.
        async Task<Guid[]> ShipInTwoPartsAsync(Guid orderId)
        {
            var from = await InScopeAsync(db => db.Reservations.Where(r => r.OrderId == orderId && r.WarehouseCode != "").Select(r => r.WarehouseCode).FirstAsync());
            var url = $"/api/v1/backoffice/fulfillment/orders/{orderId}/shipments";
            foreach (var quantity in new[] { 1, 3 })
            {
                var planned = await warehouse.PostAsJsonAsync(url, new { warehouseCode = from, plannedShipDate = Today, carrier, lines = new[] { new { position = 1, quantity } } });
                Assert.Equal(HttpStatusCode.Created, planned.StatusCode);
            }

            var ids = await InScopeAsync(db => db.Shipments.Where(s => s.OrderId == orderId).OrderBy(s => s.CreatedAt).ThenBy(s => s.Id).Select(s => s.Id).ToArrayAsync());
            foreach (var id in ids)
            {
                var shipped = await warehouse.PostAsJsonAsync($"/api/v1/backoffice/fulfillment/shipments/{id}/advance", new { to = "Shipped" });
                Assert.Equal(HttpStatusCode.OK, shipped.StatusCode);
            }

            return ids;
        }

        var lateParts = await ShipInTwoPartsAsync(late.Id);
        var onTimeParts = await ShipInTwoPartsAsync(onTime.Id);
        var promised = new[] { late.Promised, onTime.Promised }.Max();
        Factory.Clock.Advance(TimeSpan.FromDays(promised.DayNumber - Today.DayNumber + 3));
        warehouse = await SignInAsync(DemoLogins.Staff.Single(s => s.Role == StaffRole.Warehouse).Email);
        async Task DeliverAsync(Guid shipment, DateOnly day) =>
            Assert.Equal(HttpStatusCode.OK, (await warehouse.PostAsJsonAsync($"/api/v1/backoffice/fulfillment/shipments/{shipment}/advance", new { to = "Delivered", at = Deliveries.Noon(day) })).StatusCode);

        // The late part is recorded first, the part that came on time afterwards: the line still arrived a day late.
        await DeliverAsync(lateParts[0], late.Promised.AddDays(1));
        await DeliverAsync(lateParts[1], late.Promised);
        // The other order's parts both arrive on their promised day, recorded in the other order.
        await DeliverAsync(onTimeParts[1], onTime.Promised);
        await DeliverAsync(onTimeParts[0], onTime.Promised.AddDays(-1));

        var staff = await SignInAsync(DemoLogins.Staff.Single(s => s.Role == StaffRole.Admin).Email);
        var report = await staff.GetFromJsonAsync<JsonElement>(
            $"/api/v1/backoffice/otif?from={Today.AddDays(-30):yyyy-MM-dd}&to={Today:yyyy-MM-dd}&carrier={Uri.EscapeDataString(carrier)}");

        Counts(report.GetProperty("lines"), measured: 2, onTime: 1, inFull: 2, otif: 1);
        Counts(report.GetProperty("orders"), measured: 2, onTime: 1, inFull: 2, otif: 1);
    }

    [Fact]
    public async Task A_period_that_ends_before_it_starts_is_refused()
    {
        var staff = await SignInAsync(DemoLogins.Staff.Single(s => s.Role == StaffRole.Admin).Email);

        var problem = await ProblemOf(await staff.GetAsync($"/api/v1/backoffice/otif?from={Today:yyyy-MM-dd}&to={Today.AddDays(-1):yyyy-MM-dd}"), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("from", out _));
    }
}

public sealed class OtifReportOnSqlite(SqliteFactory f) : OtifReportSpec(f), IClassFixture<SqliteFactory>;

public sealed class OtifReportOnPostgres(PostgresFactory f) : OtifReportSpec(f), IClassFixture<PostgresFactory>;
