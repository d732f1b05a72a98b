using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;

namespace Uhrwerk.BrowserTests;

public sealed partial class TrackingPageTests(ServerProcess server) : BrowserTest(server), IClassFixture<ServerProcess>
{
    private const string Buyer = "einkauf@mueller-maschinenbau.example";

    [GeneratedRegex(@"https?://[^\s""<>]+/track/order/[A-Za-z0-9_-]+")]
    private static partial Regex OrderTrackingLink();

    private string[] Mails() => Directory.Exists(Server.MailFolder)
        ? Directory.GetFiles(Server.MailFolder, "*.eml").Select(f => File.ReadAllText(f).Replace("=\r\n", "", StringComparison.Ordinal)).ToArray()
        : [];

    private async Task<HttpClient> ApiAsync(string email)
    {
        var http = new HttpClient { BaseAddress = new Uri(Server.BaseUrl) };
        var token = await (await http.PostAsJsonAsync("/api/v1/auth/token", new { email, password = "Uhrwerk-Demo-2026" })).Content.ReadFromJsonAsync<JsonElement>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());
        return http;
    }

    private static async Task<JsonElement> OkAsync(Task<HttpResponseMessage> call)
    {
        var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    /// <summary>A product with plenty of stock in one warehouse, and its pack size.</summary>
    private (string Sku, int PackSize) PlentifulProduct()
    {
        using var connection = new SqliteConnection($"Data Source={Server.DatabasePath}");
        connection.Open();
        using var find = connection.CreateCommand();
        find.CommandText = "SELECT p.Sku, p.PackSize FROM inventory_stock s JOIN catalog_products p ON p.Sku = s.Sku WHERE s.OnHand - s.Reserved >= 5 * p.PackSize AND p.IsActive AND p.Sku LIKE 'SHS-%' ORDER BY p.Sku LIMIT 1";
        using var reader = find.ExecuteReader();
        Assert.True(reader.Read(), "The demo data has no product with plenty of stock.");
        return (reader.GetString(0), reader.GetInt32(1));
    }

    /// <summary>
    /// Test-only carrier input: writes a scan and the delay notice straight into the database, as the ledger and the delay
    /// watch would record them, until this branch has the carrier webhook (then this becomes one signed webhook call).
    /// </summary>
    private void CarrierReports(string trackingNumber, string eventId, DateTimeOffset at, string status, string location, string? delay = null)
    {
        using var connection = new SqliteConnection($"Data Source={Server.DatabasePath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO tracking_scans (Id, TrackedShipmentId, EventId, OccurredAt, ReceivedAt, Status, Location)
            SELECT $id, TrackedShipmentId, $event, $at, $at, $status, $location FROM tracking_parcels WHERE TrackingNumber = $number;
            UPDATE tracking_shipments SET Status = $status, StatusAt = $at, LastScanAt = $at, Version = Version + 1,
                Delay = COALESCE($delay, Delay), DelayNoticedAt = CASE WHEN $delay IS NULL THEN DelayNoticedAt ELSE COALESCE(DelayNoticedAt, $at) END
            WHERE Id IN (SELECT TrackedShipmentId FROM tracking_parcels WHERE TrackingNumber = $number);
            """;
        command.Parameters.AddWithValue("$id", Guid.NewGuid().ToString().ToUpperInvariant());
        command.Parameters.AddWithValue("$event", eventId);
        command.Parameters.AddWithValue("$at", at.UtcTicks);
        command.Parameters.AddWithValue("$status", status);
        command.Parameters.AddWithValue("$location", location);
        command.Parameters.AddWithValue("$number", trackingNumber);
        command.Parameters.AddWithValue("$delay", (object?)delay ?? DBNull.Value);
        command.ExecuteNonQuery();
    }

    [Fact]
    public Task The_tracking_link_of_the_shipped_mail_opens_the_branded_page_with_the_timeline_and_later_the_delay() =>
        StepsAsync(nameof(The_tracking_link_of_the_shipped_mail_opens_the_branded_page_with_the_timeline_and_later_the_delay), async () =>
        {
            var service = await ApiAsync("service@uhrwerk.example");
            await OkAsync(service.PutAsJsonAsync("/api/v1/backoffice/tracking/branding", new
            {
                primaryColour = "#7A1F3D", accentColour = "#1F4E79", contactPhone = "+49 89 555 0100", contactEmail = "versand@uhrwerk.example",
                legalNoticeText = "Uhrwerk Demo GmbH, Zahnradweg 1, 80331 München",
            }));
            var (sku, packSize) = PlentifulProduct();
            var buyer = await ApiAsync(Buyer);
            var order = await OkAsync(buyer.PostAsJsonAsync("/api/v1/orders", new { addressIndex = 0, lines = new[] { new { sku, quantity = packSize } } }));
            var (orderId, number) = (order.GetProperty("id").GetGuid(), order.GetProperty("number").GetString()!);
            var warehouse = await ApiAsync("lager@uhrwerk.example");
            var planned = await OkAsync(warehouse.PostAsync($"/api/v1/backoffice/fulfillment/orders/{orderId}/shipments/from-plan", null));
            var shipmentId = planned.GetProperty("shipments").EnumerateArray().Single().GetProperty("id").GetGuid();
            await OkAsync(warehouse.PostAsJsonAsync($"/api/v1/backoffice/fulfillment/shipments/{shipmentId}/advance", new
            {
                to = "Shipped", carrier = "DHL", service = "Paket", packages = new[] { new { weightKg = 2.5m, lengthCm = 30, widthCm = 20, heightCm = 10, trackingNumber = "JJD7770001" } },
            }));

            string? link = null;
            for (var until = DateTime.UtcNow.AddSeconds(30); link is null; await Task.Delay(200))
            {
                Assert.True(DateTime.UtcNow < until, $"No shipping mail with a tracking link for {number} arrived within 30 s.");
                link = Mails().Where(m => m.Contains(number, StringComparison.Ordinal)).Select(m => OrderTrackingLink().Match(m)).FirstOrDefault(m => m.Success)?.Value;
            }

            CarrierReports("JJD7770001", "e1", DateTimeOffset.UtcNow.AddHours(-2), "InTransit", "Paketzentrum Aschheim");
            await Page.Context.ClearCookiesAsync();
            await Page.GotoAsync(link);
            await Assertions.Expect(Page.Locator("h1")).ToContainTextAsync(number);
            await Page.Locator(".order-shipments a").First.ClickAsync();

            await Assertions.Expect(Page.Locator(".timeline li").First).ToContainTextAsync("Paketzentrum Aschheim");
            await Assertions.Expect(Page.Locator(".tracking-status")).ToHaveTextAsync("Unterwegs");
            await Assertions.Expect(Page.Locator(".track-footer")).ToContainTextAsync("+49 89 555 0100");
            await Assertions.Expect(Page.Locator(".track-footer")).ToContainTextAsync("Uhrwerk Demo GmbH");
            await Assertions.Expect(Page.Locator(".track-header")).ToHaveCSSAsync("border-bottom-color", "rgb(122, 31, 61)");
            await Assertions.Expect(Page.Locator(".delay")).ToHaveCountAsync(0);

            CarrierReports("JJD7770001", "e2", DateTimeOffset.UtcNow.AddMinutes(-5), "Exception", "Paketzentrum Aschheim", delay: "CarrierException");
            await Page.ReloadAsync();

            await Assertions.Expect(Page.Locator(".delay")).ToContainTextAsync("Der Paketdienst meldet eine Störung");
            await Assertions.Expect(Page.Locator(".timeline li")).ToHaveCountAsync(2);
        });
}
