using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using Uhrwerk.Tests;

namespace Uhrwerk.BrowserTests;

/// <summary>
/// The server with its e-mails going to a real SMTP server, and a webhook secret for Uhrwerk's own carrier format that the test
/// signs with, so the test reads the mail the customer got and speaks to the server as a carrier does.
/// </summary>
public sealed class TrackingServer : ServerProcess
{
    public const string CarrierSecret = "whsec_YnJvd3Nlci10ZXN0LWNhcnJpZXItc2VjcmV0";

    public SmtpServer Smtp { get; } = new();

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Smtp__Host"] = "127.0.0.1",
        ["Smtp__Port"] = Smtp.Port.ToString(CultureInfo.InvariantCulture),
        ["Smtp__Security"] = "None",
        ["Tracking__Carriers__generic__WebhookSecret"] = CarrierSecret,
        ["Tracking__Ingest__PollInterval"] = "00:00:00.250",
    };

    public override async ValueTask InitializeAsync()
    {
        await Smtp.StartAsync();
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Smtp.Dispose();
    }
}

public sealed partial class TrackingPageTests(TrackingServer server) : BrowserTest(server), IClassFixture<TrackingServer>
{
    private const string Buyer = "einkauf@mueller-maschinenbau.example";

    [GeneratedRegex(@"https?://[^\s""<>]+/track/order/[A-Za-z0-9_-]+")]
    private static partial Regex OrderTrackingLink();

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
    /// The carrier reports a scan of the parcel: a webhook call in Uhrwerk's own format, signed by the Standard Webhooks scheme as a
    /// carrier signs it. The server stores it and processes it afterwards, as it does every carrier's message.
    /// </summary>
    private async Task CarrierReportsAsync(string trackingNumber, string eventId, DateTimeOffset at, string status, string location, string text)
    {
        var body = JsonSerializer.Serialize(new
        {
            carrier = "DHL", trackingNumber, events = new[] { new { id = eventId, occurredAt = at, status, code = status.ToUpperInvariant(), text, location } },
        });
        var id = "msg_" + Guid.NewGuid().ToString("N");
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var hmac = new HMACSHA256(Convert.FromBase64String(TrackingServer.CarrierSecret["whsec_".Length..]));
        var signature = "v1," + Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}")));
        using var call = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tracking/webhooks/generic") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        call.Headers.Add("webhook-id", id);
        call.Headers.Add("webhook-timestamp", timestamp);
        call.Headers.Add("webhook-signature", signature);
        using var carrier = new HttpClient { BaseAddress = new Uri(Server.BaseUrl) };
        using var answer = await carrier.SendAsync(call);
        Assert.True(answer.StatusCode == HttpStatusCode.Accepted, $"{(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync()}");
    }

    /// <summary>The carrier's message is processed in the background: the page is opened again until it shows it, for 30 s at most.</summary>
    private async Task ReloadUntilAsync(string selector, string text)
    {
        for (var until = DateTime.UtcNow.AddSeconds(30); ; await Task.Delay(250))
        {
            await Page.ReloadAsync();
            if (await Page.Locator(selector).Filter(new() { HasText = text }).CountAsync() > 0)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < until, $"The page showed no '{text}' in {selector} within 30 s.");
        }
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

            // The "shipped" e-mail as it arrived at the SMTP server carries the order's tracking link.
            MimeKit.MimeMessage? shippedMail = null;
            for (var until = DateTime.UtcNow.AddSeconds(30); shippedMail is null; await Task.Delay(200))
            {
                Assert.True(DateTime.UtcNow < until, $"No shipping mail for {number} arrived at the SMTP server within 30 s.");
                shippedMail = server.Smtp.MessagesTo(Buyer).FirstOrDefault(m => (m.Subject ?? "").Contains(number, StringComparison.Ordinal) && (m.Subject ?? "").Contains("unterwegs", StringComparison.Ordinal));
            }

            var link = OrderTrackingLink().Match(shippedMail.TextBody ?? "");
            Assert.True(link.Success, $"The shipping mail has no tracking link: {shippedMail.TextBody}");
            Assert.Contains(link.Value, shippedMail.HtmlBody ?? "", StringComparison.Ordinal);

            await CarrierReportsAsync("JJD7770001", "e1", DateTimeOffset.UtcNow.AddHours(-2), "InTransit", "Paketzentrum Aschheim", "Im Paketzentrum bearbeitet");
            await Page.Context.ClearCookiesAsync();
            await Page.GotoAsync(link.Value);
            await Assertions.Expect(Page.Locator("h1")).ToContainTextAsync(number);
            await Page.Locator(".order-shipments a").First.ClickAsync();

            await ReloadUntilAsync(".timeline li", "Paketzentrum Aschheim");
            await Assertions.Expect(Page.Locator(".tracking-status")).ToHaveTextAsync("Unterwegs");
            await Assertions.Expect(Page.Locator(".track-footer")).ToContainTextAsync("+49 89 555 0100");
            await Assertions.Expect(Page.Locator(".track-footer")).ToContainTextAsync("Uhrwerk Demo GmbH");
            await Assertions.Expect(Page.Locator(".track-header")).ToHaveCSSAsync("border-bottom-color", "rgb(122, 31, 61)");
            await Assertions.Expect(Page.Locator(".delay")).ToHaveCountAsync(0);

            // The simulated delay: the carrier reports an exception, which the server's delay watch turns into the notice.
            await CarrierReportsAsync("JJD7770001", "e2", DateTimeOffset.UtcNow.AddMinutes(-5), "Exception", "Paketzentrum Aschheim", "Sendung beschädigt, Klärung läuft");
            await ReloadUntilAsync(".delay", "Der Paketdienst meldet eine Störung");
            await Assertions.Expect(Page.Locator(".timeline li")).ToHaveCountAsync(2);
        });
}
