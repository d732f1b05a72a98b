using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using Uhrwerk.Tests;

namespace Uhrwerk.BrowserTests;

/// <summary>
/// The server with its e-mails going to a real SMTP server and delivery surveys sent as soon as a shipment is delivered,
/// so the test answers the survey from the e-mail the customer got.
/// </summary>
public sealed class FeedbackServer : ServerProcess
{
    public SmtpServer Smtp { get; } = new();

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Smtp__Host"] = "127.0.0.1",
        ["Smtp__Port"] = Smtp.Port.ToString(CultureInfo.InvariantCulture),
        ["Smtp__Security"] = "None",
        ["Feedback__Surveys__DelayWorkingDays"] = "0",
        ["Feedback__Surveys__SendHour"] = "0",
        ["Feedback__Surveys__Interval"] = "00:00:00.250",
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

public sealed partial class FeedbackLoopTests(FeedbackServer server) : BrowserTest(server), IClassFixture<FeedbackServer>
{
    private const string Buyer = "einkauf@mueller-maschinenbau.example";

    [GeneratedRegex(@"https?://[^\s""<>]+/feedback/[A-Za-z0-9_-]+")]
    private static partial Regex SurveyLink();

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

    /// <summary>The mail to the buyer whose subject says <paramref name="subject"/>, as it arrived at the SMTP server, within 30 s.</summary>
    private async Task<MimeKit.MimeMessage> MailToBuyerAsync(string subject)
    {
        for (var until = DateTime.UtcNow.AddSeconds(30); ; await Task.Delay(200))
        {
            if (server.Smtp.MessagesTo(Buyer).FirstOrDefault(m => (m.Subject ?? "").Contains(subject, StringComparison.Ordinal)) is { } mail)
            {
                return mail;
            }

            Assert.True(DateTime.UtcNow < until, $"No mail '{subject}' arrived for {Buyer} within 30 s.");
        }
    }

    [Fact]
    public Task A_buyer_rates_a_delivery_3_from_the_survey_mail_and_customer_service_answers_the_case_by_mail() =>
        StepsAsync(nameof(A_buyer_rates_a_delivery_3_from_the_survey_mail_and_customer_service_answers_the_case_by_mail), async () =>
        {
            var (sku, packSize) = PlentifulProduct();
            var buyer = await ApiAsync(Buyer);
            var order = await OkAsync(buyer.PostAsJsonAsync("/api/v1/orders", new { addressIndex = 0, lines = new[] { new { sku, quantity = packSize } } }));
            var orderId = order.GetProperty("id").GetGuid();
            var warehouse = await ApiAsync("lager@uhrwerk.example");
            var planned = await OkAsync(warehouse.PostAsync($"/api/v1/backoffice/fulfillment/orders/{orderId}/shipments/from-plan", null));
            var shipmentId = planned.GetProperty("shipments").EnumerateArray().Single().GetProperty("id").GetGuid();
            await OkAsync(warehouse.PostAsJsonAsync($"/api/v1/backoffice/fulfillment/shipments/{shipmentId}/advance", new
            {
                to = "Shipped", carrier = "DHL", service = "Paket", packages = new[] { new { weightKg = 1.5m, lengthCm = 30, widthCm = 20, heightCm = 10, trackingNumber = "JJD8880001" } },
            }));
            await OkAsync(warehouse.PostAsJsonAsync($"/api/v1/backoffice/fulfillment/shipments/{shipmentId}/advance", new { to = "Delivered" }));

            // The survey invitation as the buyer got it; its link opens without signing in.
            var invitation = await MailToBuyerAsync("Ihre Meinung");
            var link = SurveyLink().Match(invitation.TextBody ?? "");
            Assert.True(link.Success, $"The survey mail has no survey link: {invitation.TextBody}");
            await Page.Context.ClearCookiesAsync();
            await Page.GotoAsync(link.Value);
            await Page.Locator("input[name=nps][value='3']").CheckAsync();
            await Page.Locator("input[name=reasons][value=Punctuality]").CheckAsync();
            await Page.FillAsync("#comment", "Zwei Tage zu spät, unsere Linie stand still.");
            await Page.Locator("#survey button[type=submit]").ClickAsync();
            await Assertions.Expect(Page.Locator("#thanks")).ToBeVisibleAsync();

            // The detractor's case: the customer is told at once who answers and by when.
            var acknowledgement = await MailToBuyerAsync("Antwort bis");
            var caseNumber = Regex.Match(acknowledgement.Subject ?? "", @"Anliegen (\S+):").Groups[1].Value;
            Assert.False(string.IsNullOrEmpty(caseNumber), $"The acknowledgement names no case: {acknowledgement.Subject}");

            await SignInAsync("service@uhrwerk.example");
            await Page.GotoAsync("/backoffice/feedback/cases");
            var row = Page.Locator($"tr[data-case='{caseNumber}']");
            await Assertions.Expect(row).ToContainTextAsync("NPS 3");
            await row.Locator("a").ClickAsync();
            await Assertions.Expect(Page.Locator("#case-comment")).ToHaveTextAsync("Zwei Tage zu spät, unsere Linie stand still.");
            await Page.ClickAsync("#acknowledge-submit");
            await Assertions.Expect(Page.Locator("#case-status")).ToHaveTextAsync("übernommen");
            await Page.FillAsync("#note-text", "Wir haben die Ursache gefunden: Ihre Sendung stand einen Tag im Umschlaglager. Künftig versenden wir Ihre Aufträge per Express.");
            await Page.ClickAsync("#note-submit");
            await Assertions.Expect(Page.Locator("#case-notes li")).ToContainTextAsync("Umschlaglager");

            var answer = await MailToBuyerAsync($"Antwort auf Ihr Anliegen {caseNumber}");
            Assert.Contains("Umschlaglager", answer.TextBody ?? "", StringComparison.Ordinal);
        });
}
