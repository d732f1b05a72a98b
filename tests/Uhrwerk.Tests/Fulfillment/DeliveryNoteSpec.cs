using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig;
using Uhrwerk.Server.Modules.Accounts.DemoData;
using Uhrwerk.Server.Modules.Accounts.Domain;
using Uhrwerk.Server.Platform.Auth;

namespace Uhrwerk.Tests.Fulfillment;

/// <summary>The buyer sees each partial delivery of an order and what is still to come, and reads the delivery note in their language.</summary>
public abstract class DeliveryNoteSpec(UhrwerkFactory factory) : IntegrationTest(factory)
{
    private static string TextOf(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Join("\n", document.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
    }

    /// <summary>
    /// An order of two lines of which the warehouse, through the back office's API, delivered 3 of the first line from Munich and
    /// planned 1 more from Dortmund; the rest is a backorder.
    /// </summary>
    private async Task<(Guid OrderId, string Number, string First, string Second, Guid Delivered, string Reference, string PlannedReference)> TwoLinesOneDeliveredAsync(HttpClient buyer)
    {
        var skus = await InScopeAsync(db => db.Products.Where(p => p.IsActive).OrderBy(p => p.Sku).Select(p => p.Sku).Take(2).ToListAsync());
        foreach (var sku in skus)
        {
            await SoldByThePieceAsync(sku);
        }

        var response = await buyer.PostAsJsonAsync("/api/v1/orders", new { addressIndex = 0, lines = new[] { new { sku = skus[0], quantity = 5 }, new { sku = skus[1], quantity = 2 } } });
        var order = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(response.StatusCode == HttpStatusCode.Created, order.ToString());
        var id = order.GetProperty("id").GetGuid();
        var promised = order.GetProperty("lines").EnumerateArray().Min(l => DateOnly.Parse(l.GetProperty("promisedDate").GetString()!));
        var staff = await SignInAsync(DemoLogins.Staff.Single(s => s.Role == StaffRole.Admin).Email);
        await NoContentAsync(staff.PostAsJsonAsync("/api/v1/backoffice/inventory/adjustments", new { sku = skus[0], warehouseCode = "MUC", quantity = 3, reason = "Testaufbau" }));
        var url = $"/api/v1/backoffice/fulfillment/orders/{id}";
        var position = (await JsonAsync(staff.GetAsync(url), HttpStatusCode.OK)).GetProperty("lines").EnumerateArray()
            .Single(l => l.GetProperty("sku").GetString() == skus[0]).GetProperty("position").GetInt32();
        var today = Server.Platform.Localization.BerlinTime.DateOf(Factory.Clock.GetUtcNow());
        async Task<JsonElement> PlanAsync(string warehouseCode, DateOnly plannedShipDate, DateOnly promisedDeliveryDate, string carrier, int quantity) =>
            (await JsonAsync(staff.PostAsJsonAsync($"{url}/shipments", new { warehouseCode, plannedShipDate, promisedDeliveryDate, carrier, service = "Standard", lines = new[] { new { position, quantity } } }),
                HttpStatusCode.Created)).GetProperty("shipments").EnumerateArray().Last();
        var first = await PlanAsync("MUC", today, promised, "DHL", 3);
        var advance = $"/api/v1/backoffice/fulfillment/shipments/{first.GetProperty("id").GetGuid()}/advance";
        await JsonAsync(staff.PostAsJsonAsync(advance, new { to = "Shipped", packages = new[] { new { weightKg = 2.5m, lengthCm = 40, widthCm = 30, heightCm = 20, trackingNumber = "JJD0001234567" } } }), HttpStatusCode.OK);
        await JsonAsync(staff.PostAsJsonAsync(advance, new { to = "Delivered" }), HttpStatusCode.OK);
        var planned = await PlanAsync("DTM", today.AddDays(1), promised.AddDays(3), "UPS", 1);
        return (id, order.GetProperty("number").GetString()!, skus[0], skus[1], first.GetProperty("id").GetGuid(), first.GetProperty("reference").GetString()!,
            planned.GetProperty("reference").GetString()!);
    }

    [Fact]
    public async Task The_order_page_shows_each_partial_delivery_and_the_backorders_with_their_promised_dates()
    {
        var buyer = await ColleagueAsync(CompanyA, "Lena Lieferung", [PredefinedRole.Buyer], new { periodAmount = 10_000_000m, period = "Year" });
        var order = await TwoLinesOneDeliveredAsync(buyer.Client);
        var cookie = await SignInWithCookieAsync(buyer.Email, NewPassword);

        var page = await cookie.GetStringAsync($"/orders/{order.OrderId}");

        var deliveries = Regex.Matches(page, "<article class=\"delivery\" data-shipment=\"([^\"]+)\">(.*?)</article>", RegexOptions.Singleline);
        Assert.Equal([order.Reference, order.PlannedReference], deliveries.Select(m => m.Groups[1].Value));
        var shipped = deliveries[0].Groups[2].Value;
        Assert.Contains("Zugestellt", shipped);
        Assert.Contains("JJD0001234567", shipped);
        Assert.Matches($"data-sku=\"{Regex.Escape(order.First)}\">.*?3 ", shipped);
        Assert.Contains("Geplant", deliveries[1].Groups[2].Value);
        var backorders = Regex.Match(page, "<table id=\"backorders\">(.*?)</table>", RegexOptions.Singleline).Groups[1].Value;
        // The planned part and the uncovered rest share one row when their dates happen to fall on the same day.
        int Open(string sku) => Regex.Matches(backorders, $"data-sku=\"{Regex.Escape(sku)}\">.*?<td class=\"num\">(\\d+) ").Sum(m => int.Parse(m.Groups[1].Value));
        Assert.Equal((2, 2), (Open(order.First), Open(order.Second)));
        Assert.Matches("class=\"promised\">\\w\\w, \\d\\d\\.\\d\\d\\.\\d{4}", backorders);
    }

    [Fact]
    public async Task The_delivery_note_is_a_PDF_in_the_buyers_language_for_the_buyers_company_and_staff_only()
    {
        var german = await ColleagueAsync(CompanyA, "Dora Deutsch", [PredefinedRole.Buyer], new { periodAmount = 10_000_000m, period = "Year" });
        var order = await TwoLinesOneDeliveredAsync(german.Client);
        var url = $"/api/v1/orders/{order.OrderId}/shipments/{order.Delivered}/delivery-note";

        var response = await german.Client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var text = TextOf(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains($"Lieferschein {order.Reference}", text);
        Assert.Contains(order.Number, text);
        Assert.Contains(order.First, text);
        Assert.Contains("3 ", text);
        Assert.Contains("JJD0001234567", text);
        Assert.Contains("/track/order/", text);
        Assert.DoesNotContain(order.Second, text);

        var english = await ColleagueAsync(CompanyA, "Emma English", [PredefinedRole.Buyer], new { periodAmount = 10_000_000m, period = "Year" }, language: "en");
        var englishOrder = await TwoLinesOneDeliveredAsync(english.Client);
        var englishText = TextOf(await english.Client.GetByteArrayAsync($"/api/v1/orders/{englishOrder.OrderId}/shipments/{englishOrder.Delivered}/delivery-note"));
        Assert.Contains($"Delivery note {englishOrder.Reference}", englishText);
        Assert.Contains("Shipped from", englishText);

        var staff = await SignInAsync(DemoLogins.Staff.Single(s => s.Role == StaffRole.Warehouse).Email);
        Assert.Contains($"Delivery note {englishOrder.Reference}", TextOf(await staff.GetByteArrayAsync($"/api/v1/backoffice/shipments/{englishOrder.Delivered}/delivery-note")));

        var otherCompany = await SignInAsync(UserOf(CompanyB, PredefinedRole.Administrator));
        await ProblemOf(await otherCompany.GetAsync(url), HttpStatusCode.NotFound);
        await ProblemOf(await english.Client.GetAsync(url), HttpStatusCode.NotFound);

        var printable = await (await SignInWithCookieAsync(german.Email, NewPassword)).GetStringAsync($"/orders/{order.OrderId}/shipments/{order.Delivered}/delivery-note");
        Assert.Contains($"Lieferschein {order.Reference}", printable);
        Assert.Matches($"data-sku=\"{Regex.Escape(order.First)}\">.*?>3 ", printable);
        Assert.Contains("<svg", printable);
    }
}

public sealed class DeliveryNoteOnSqlite(SqliteFactory f) : DeliveryNoteSpec(f), IClassFixture<SqliteFactory>;

public sealed class DeliveryNoteOnPostgres(PostgresFactory f) : DeliveryNoteSpec(f), IClassFixture<PostgresFactory>;
