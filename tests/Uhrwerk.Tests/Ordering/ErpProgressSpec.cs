using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Accounts.Domain;
using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Tests.Notifications;

namespace Uhrwerk.Tests.Ordering;

/// <summary>The ERP reports how an order goes on: confirmed under its own number (possibly for other dates), shipped, invoiced; each report counts once.</summary>
public abstract class ErpProgressSpec(UhrwerkFactory factory, SmtpServer smtp) : IntegrationTest(factory)
{
    private async Task<HttpClient> ErpAsync()
    {
        var staff = await SignInAsync("admin@uhrwerk.example");
        var issued = await JsonAsync(staff.PostAsJsonAsync("/api/v1/backoffice/api-keys", new { name = "ERP " + Guid.NewGuid().ToString("N")[..6], scopes = new[] { ApiScopes.ErpOrders } }), HttpStatusCode.Created);
        var erp = Anonymous();
        erp.DefaultRequestHeaders.Add("X-Api-Key", issued.GetProperty("key").GetString());
        return erp;
    }

    private async Task<(string Sku, int PackSize)[]> ProductsAsync() =>
        (await InScopeAsync(db => db.Products.Where(p => p.IsActive && p.Sku.StartsWith("SHS-")).OrderBy(p => p.Sku).Select(p => new { p.Sku, p.PackSize }).Take(2).ToListAsync()))
        .Select(p => (p.Sku, p.PackSize)).ToArray();

    /// <summary>A placed order of two lines (two packs of the first product, one of the second) by a buyer speaking <paramref name="language"/>.</summary>
    private async Task<(JsonElement Order, string Email, HttpClient Buyer)> PlacedOrderAsync(string name, string language = "de")
    {
        var buyer = await ColleagueAsync(CompanyA, name, [PredefinedRole.Buyer], new { }, language);
        var products = await ProductsAsync();
        var order = await JsonAsync(buyer.Client.PostAsJsonAsync("/api/v1/orders", new
        {
            addressIndex = 0,
            lines = new[] { new { sku = products[0].Sku, quantity = 2 * products[0].PackSize }, new { sku = products[1].Sku, quantity = products[1].PackSize } },
        }), HttpStatusCode.Created);
        Assert.Equal("Placed", order.GetProperty("status").GetString());
        return (order, buyer.Email, buyer.Client);
    }

    private Task<int> EventsAsync(string type, JsonElement order) =>
        InScopeAsync(db => db.Outbox.CountAsync(m => m.Type == type && m.AggregateId == order.GetProperty("id").GetGuid()));

    private static DateOnly PromisedDate(JsonElement order, int line) => PromisedDate(order.GetProperty("lines")[line]);

    private static DateOnly PromisedDate(JsonElement line) => DateOnly.Parse(line.GetProperty("promisedDate").GetString()!, CultureInfo.InvariantCulture);

    /// <summary>Lines come back in no particular order; a SKU names each.</summary>
    private static JsonElement Line(JsonElement order, string sku) => order.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("sku").GetString() == sku);

    private static string Number(JsonElement order) => order.GetProperty("number").GetString()!;

    [Fact]
    public async Task The_erp_confirms_an_order_under_its_number_beside_the_promise_and_the_same_confirmation_again_changes_nothing()
    {
        var erp = await ErpAsync();
        var (order, email, buyer) = await PlacedOrderAsync("Conrad Confirm");
        var number = Number(order);
        var sku = order.GetProperty("lines")[1].GetProperty("sku").GetString()!;
        var later = PromisedDate(order, 1).AddDays(9);
        var body = new { erpOrderNumber = "AB-4711", lines = new[] { new { sku = sku.ToLowerInvariant(), deliveryDate = later } } };
        var pending = await ColleagueAsync(CompanyA, "Paula Pending", [PredefinedRole.Buyer], new { maxQuantityPerOrder = 1 });
        var waiting = await JsonAsync(pending.Client.PostAsJsonAsync("/api/v1/orders", new { addressIndex = 0, lines = new[] { new { sku, quantity = 2 * (await ProductsAsync())[1].PackSize } } }), HttpStatusCode.Created);

        await ProblemOf(await erp.PostAsJsonAsync($"/api/v1/erp/orders/{number}/confirm", new { erpOrderNumber = "AB-4711", lines = new[] { new { sku = "NO-SUCH-SKU", deliveryDate = later } } }), HttpStatusCode.BadRequest);
        await ProblemOf(await erp.PostAsJsonAsync($"/api/v1/erp/orders/{number}/confirm", new { erpOrderNumber = "" }), HttpStatusCode.BadRequest);
        await ProblemOf(await erp.PostAsJsonAsync("/api/v1/erp/orders/UW-1999-999999/confirm", body), HttpStatusCode.NotFound);
        await ProblemOf(await erp.PostAsJsonAsync($"/api/v1/erp/orders/{Number(waiting)}/confirm", new { erpOrderNumber = "AB-4712" }), HttpStatusCode.Conflict);
        var confirmed = await JsonAsync(erp.PostAsJsonAsync($"/api/v1/erp/orders/{number}/confirm", body), HttpStatusCode.OK);
        var again = await JsonAsync(erp.PostAsJsonAsync($"/api/v1/erp/orders/{number}/confirm", body), HttpStatusCode.OK);
        var otherNumber = await erp.PostAsJsonAsync($"/api/v1/erp/orders/{number}/confirm", new { erpOrderNumber = "AB-9999" });

        Assert.Equal(("Confirmed", "AB-4711"), (confirmed.GetProperty("status").GetString(), confirmed.GetProperty("erpOrderNumber").GetString()));
        Assert.Equal(confirmed.GetRawText(), again.GetRawText());
        await ProblemOf(otherNumber, HttpStatusCode.Conflict);
        Assert.Equal(1, await EventsAsync("OrderConfirmed", order));
        var seen = await buyer.GetFromJsonAsync<JsonElement>($"/api/v1/orders/{order.GetProperty("id").GetGuid()}");
        Assert.Equal(("Confirmed", "AB-4711"), (seen.GetProperty("status").GetString(), seen.GetProperty("erpOrderNumber").GetString()));
        var other = order.GetProperty("lines")[0].GetProperty("sku").GetString()!;
        Assert.Equal((PromisedDate(order, 0), PromisedDate(order, 0)), (PromisedDate(Line(seen, other)), DateOnly.Parse(Line(seen, other).GetProperty("confirmedDate").GetString()!, CultureInfo.InvariantCulture)));
        Assert.Equal((PromisedDate(order, 1), later), (PromisedDate(Line(seen, sku)), DateOnly.Parse(Line(seen, sku).GetProperty("confirmedDate").GetString()!, CultureInfo.InvariantCulture)));
        var entry = seen.GetProperty("history").EnumerateArray().Single(h => h.GetProperty("toStatus").GetString() == "Confirmed");
        Assert.Equal("Placed", entry.GetProperty("fromStatus").GetString());
        Assert.Contains(PromisedDate(order, 1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), entry.GetProperty("before").GetString());
        Assert.Contains(later.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), entry.GetProperty("after").GetString());

        var page = WebUtility.HtmlDecode(await (await SignInWithCookieAsync(email, NewPassword)).GetStringAsync($"/orders/{order.GetProperty("id").GetGuid()}"));
        Assert.Contains("AB-4711", page);
        Assert.Contains("Bestätigter Liefertermin", page);
        Assert.Contains(later.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture), page);
        Assert.Contains(PromisedDate(order, 1).ToString("dd.MM.yyyy", CultureInfo.InvariantCulture), page);
    }

    [Fact]
    public async Task The_erp_reports_a_partial_then_the_full_shipment_and_the_invoice_and_each_report_counts_once()
    {
        var erp = await ErpAsync();
        var (order, _, _) = await PlacedOrderAsync("Sven Versand");
        var number = Number(order);
        var first = order.GetProperty("lines")[0];
        var (sku, quantity) = (first.GetProperty("sku").GetString()!, first.GetProperty("quantity").GetInt32());
        var partly = new { lines = new[] { new { sku, quantity = quantity / 2 } }, trackingNumbers = new[] { "00340434161094042557" } };

        await ProblemOf(await erp.PostAsJsonAsync($"/api/v1/erp/orders/{number}/shipped", partly), HttpStatusCode.Conflict);
        await ProblemOf(await erp.PostAsJsonAsync($"/api/v1/erp/orders/{number}/invoiced", new { invoiceNumber = "RE-1", invoiceDate = "2026-12-01" }), HttpStatusCode.Conflict);
        await JsonAsync(erp.PostAsJsonAsync($"/api/v1/erp/orders/{number}/confirm", new { erpOrderNumber = "AB-5000" }), HttpStatusCode.OK);
        await ProblemOf(await erp.PostAsJsonAsync($"/api/v1/erp/orders/{number}/shipped", new { lines = new[] { new { sku, quantity = quantity + 1 } } }), HttpStatusCode.BadRequest);
        var partial = await JsonAsync(erp.PostAsJsonAsync($"/api/v1/erp/orders/{number}/shipped", partly), HttpStatusCode.OK);
        var partialAgain = await JsonAsync(erp.PostAsJsonAsync($"/api/v1/erp/orders/{number}/shipped", partly), HttpStatusCode.OK);
        var all = await JsonAsync(erp.PostAsJsonAsync($"/api/v1/erp/orders/{number}/shipped", new { shippedAt = "2026-12-02T10:00:00Z" }), HttpStatusCode.OK);
        var allAgain = await JsonAsync(erp.PostAsJsonAsync($"/api/v1/erp/orders/{number}/shipped", new { }), HttpStatusCode.OK);
        var invoiced = await JsonAsync(erp.PostAsJsonAsync($"/api/v1/erp/orders/{number}/invoiced", new { invoiceNumber = "RE-2026-1", invoiceDate = "2026-12-03" }), HttpStatusCode.OK);
        await JsonAsync(erp.PostAsJsonAsync($"/api/v1/erp/orders/{number}/invoiced", new { invoiceNumber = "RE-2026-1", invoiceDate = "2026-12-03" }), HttpStatusCode.OK);
        var otherInvoice = await erp.PostAsJsonAsync($"/api/v1/erp/orders/{number}/invoiced", new { invoiceNumber = "RE-2026-2", invoiceDate = "2026-12-03" });

        Assert.Equal(("PartiallyShipped", quantity / 2), (partial.GetProperty("status").GetString(), Line(partial, sku).GetProperty("shippedQuantity").GetInt32()));
        Assert.Equal(partial.GetRawText(), partialAgain.GetRawText());
        Assert.Equal("Shipped", all.GetProperty("status").GetString());
        Assert.All(all.GetProperty("lines").EnumerateArray(), l => Assert.Equal(l.GetProperty("quantity").GetInt32(), l.GetProperty("shippedQuantity").GetInt32()));
        Assert.Equal(all.GetRawText(), allAgain.GetRawText());
        Assert.Equal(("Shipped", "RE-2026-1"), (invoiced.GetProperty("status").GetString(), invoiced.GetProperty("invoiceNumber").GetString()));
        await ProblemOf(otherInvoice, HttpStatusCode.Conflict);
        Assert.Equal((2, 1), (await EventsAsync("OrderShipped", order), await EventsAsync("OrderInvoiced", order)));
        var shipped = await InScopeAsync(db => db.Outbox.Where(m => m.Type == "OrderShipped" && m.AggregateId == order.GetProperty("id").GetGuid()).OrderBy(m => m.OccurredAt).Select(m => m.Payload).ToListAsync());
        var firstShipment = JsonDocument.Parse(shipped[0]).RootElement;
        Assert.Equal("00340434161094042557", firstShipment.GetProperty("trackingNumbers")[0].GetString());
        Assert.False(firstShipment.GetProperty("complete").GetBoolean());
        Assert.True(JsonDocument.Parse(shipped[1]).RootElement.GetProperty("complete").GetBoolean());
        var statuses = (await InScopeAsync(db => db.Orders.Where(o => o.Number == number).SelectMany(o => o.History).OrderBy(h => h.Sequence).Select(h => h.ToStatus).ToListAsync())).Select(s => s.ToString());
        Assert.Equal(new[] { "Placed", "Confirmed", "InFulfillment", "PartiallyShipped", "Shipped", "Shipped" }, statuses);
    }

    [Fact]
    public async Task A_confirmation_with_changed_dates_tells_the_buyer_in_their_language_with_dates_as_they_read_them()
    {
        await smtp.StartAsync();
        var erp = await ErpAsync();
        var german = await PlacedOrderAsync("Gerda Deutsch", "de");
        var english = await PlacedOrderAsync("Emma English", "en");
        var asPromised = await PlacedOrderAsync("Paul Pünktlich", "de");
        DateOnly Later(JsonElement order) => PromisedDate(order, 0).AddDays(12);
        async Task ConfirmLaterAsync(JsonElement order, string erpNumber) => await JsonAsync(erp.PostAsJsonAsync($"/api/v1/erp/orders/{Number(order)}/confirm", new
        {
            erpOrderNumber = erpNumber,
            lines = new[] { new { sku = order.GetProperty("lines")[0].GetProperty("sku").GetString(), deliveryDate = Later(order) } },
        }), HttpStatusCode.OK);

        await ConfirmLaterAsync(german.Order, "AB-7001");
        await ConfirmLaterAsync(english.Order, "AB-7002");
        await JsonAsync(erp.PostAsJsonAsync($"/api/v1/erp/orders/{Number(asPromised.Order)}/confirm", new { erpOrderNumber = "AB-7003" }), HttpStatusCode.OK);

        var inGerman = await NewDatesMessageAsync(german.Email, Number(german.Order));
        var inEnglish = await NewDatesMessageAsync(english.Email, Number(english.Order));
        await NotificationsSettledAsync(asPromised.Email);

        Assert.Equal($"Neue Liefertermine zu Ihrer Bestellung {Number(german.Order)}", inGerman.Subject);
        Assert.Contains($"{PromisedDate(german.Order, 0):dd.MM.yyyy} → {Later(german.Order):dd.MM.yyyy}", inGerman.TextBody);
        Assert.Contains("AB-7001", inGerman.TextBody);
        Assert.Equal($"New delivery dates for your order {Number(english.Order)}", inEnglish.Subject);
        var englishBefore = PromisedDate(english.Order, 0).ToString("dd'/'MM'/'yyyy", CultureInfo.InvariantCulture);
        var englishAfter = Later(english.Order).ToString("dd'/'MM'/'yyyy", CultureInfo.InvariantCulture);
        Assert.Contains($"{englishBefore} → {englishAfter}", inEnglish.TextBody);
        Assert.Contains($"{englishBefore} → {englishAfter}", inEnglish.HtmlBody);
        var englishText = inEnglish.Subject + inEnglish.TextBody + inEnglish.HtmlBody;
        Assert.All(new[] { "Bestellung", "Liefertermin", "bestätigt", "Guten Tag", "ansehen" }, word => Assert.DoesNotContain(word, englishText));
        Assert.DoesNotContain(smtp.MessagesTo(asPromised.Email), m => (m.Subject ?? "").Contains("Liefertermine", StringComparison.Ordinal));
    }

    private async Task<MimeKit.MimeMessage> NewDatesMessageAsync(string email, string number)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var found = smtp.MessagesTo(email).Where(m => (m.Subject ?? "").EndsWith(number, StringComparison.Ordinal) && (m.Subject!.Contains("Liefertermine") || m.Subject.Contains("delivery dates"))).ToList();
            if (found.Count > 0)
            {
                await NotificationsSettledAsync(email);
                return Assert.Single(smtp.MessagesTo(email), m => found.Any(f => f.MessageId == m.MessageId));
            }

            Assert.True(DateTime.UtcNow < until, $"No message about new delivery dates of {number} reached {email}; it got: {string.Join(" | ", smtp.MessagesTo(email).Select(m => m.Subject))}");
            await Task.Delay(100);
        }
    }
}

public sealed class ErpProgressOnSqlite(SqliteWithMail f) : ErpProgressSpec(f, f.Smtp), IClassFixture<SqliteWithMail>;

public sealed class ErpProgressOnPostgres(PostgresWithMail f) : ErpProgressSpec(f, f.Smtp), IClassFixture<PostgresWithMail>;
