using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Uhrwerk.Server.Modules.Accounts.Domain;
using Uhrwerk.Server.Platform.Localization;
using Uhrwerk.Server.Platform.Outbox;
using static Uhrwerk.Tests.Contracts.ContractSamples;

namespace Uhrwerk.Tests.Contracts;

/// <summary>Call-offs of a contract become orders at the contract price; what the contract does not allow is refused with a clear 422.</summary>
public abstract class ContractsSpec(UhrwerkFactory factory) : IntegrationTest(factory)
{
    private const string ContractDeliveriesHandler = "contracts-deliveries";

    private DateOnly Today => BerlinTime.DateOf(Factory.Clock.GetUtcNow());

    private async Task<(HttpClient Staff, HttpClient Buyer, string Sku)> PartiesAsync()
    {
        var sku = await InScopeAsync(db => db.Products.Where(p => p.IsActive && p.ListPrice > 2m).OrderBy(p => p.Sku).Select(p => p.Sku).FirstAsync());
        await SoldByThePieceAsync(sku);
        return (await SignInAsync("admin@uhrwerk.example"), await SignInAsync(UserOf(CompanyA, PredefinedRole.Buyer)), sku);
    }

    private async Task<JsonElement> ContractAsync(HttpClient client, JsonElement contract) =>
        await JsonAsync(client.GetAsync($"/api/v1/contracts/{contract.GetProperty("id").GetGuid()}"), HttpStatusCode.OK);

    private static async Task<string> RefusedAsync(Task<HttpResponseMessage> call)
    {
        var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, $"Expected 422 but got {response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        return problem.GetProperty("code").GetString()!;
    }

    [Fact]
    public async Task A_call_off_within_the_remainder_becomes_an_order_at_the_contract_price_with_a_promised_date()
    {
        var (staff, buyer, sku) = await PartiesAsync();
        var contract = await CreateAsync(staff, CompanyA.CustomerNumber, sku, Today);

        var calledOff = await JsonAsync(CallOffAsync(buyer, contract, 30, Today.AddDays(14)), HttpStatusCode.Created);

        Assert.Equal("Placed", calledOff.GetProperty("orderStatus").GetString());
        Assert.Equal(70, calledOff.GetProperty("remaining").GetInt32());
        var order = await JsonAsync(buyer.GetAsync($"/api/v1/orders/{calledOff.GetProperty("orderId").GetGuid()}"), HttpStatusCode.OK);
        var line = Assert.Single(order.GetProperty("lines").EnumerateArray());
        Assert.Equal(sku, line.GetProperty("sku").GetString());
        Assert.Equal(30, line.GetProperty("quantity").GetInt32());
        Assert.Equal(ContractPrice, line.GetProperty("unitPrice").GetDecimal());
        Assert.Equal(30 * ContractPrice, order.GetProperty("total").GetDecimal());
        Assert.Equal(Today.AddDays(14).ToString("yyyy-MM-dd"), order.GetProperty("requestedDeliveryDate").GetString());
        Assert.NotNull(line.GetProperty("promisedDate").GetString());
        Assert.Equal(line.GetProperty("promisedDate").GetString(), calledOff.GetProperty("promisedDate").GetString());
        var shown = (await ContractAsync(buyer, contract)).GetProperty("lines")[0];
        Assert.Equal((100, 30, 0, 70), (shown.GetProperty("contractedQuantity").GetInt32(), shown.GetProperty("calledOff").GetInt32(), shown.GetProperty("delivered").GetInt32(), shown.GetProperty("remaining").GetInt32()));
    }

    [Fact]
    public async Task A_call_off_counts_as_delivered_when_its_shipment_arrives_not_when_it_ships_and_each_shipment_counts_once()
    {
        var (staff, buyer, sku) = await PartiesAsync();
        await NoContentAsync(staff.PostAsJsonAsync("/api/v1/backoffice/inventory/adjustments", new { sku, warehouseCode = "MUC", quantity = 30, reason = "Testaufbau" }));
        var contract = await CreateAsync(staff, CompanyA.CustomerNumber, sku, Today);
        var orderId = (await JsonAsync(CallOffAsync(buyer, contract, 30, Today.AddDays(14)), HttpStatusCode.Created)).GetProperty("orderId").GetGuid();
        var planned = await JsonAsync(staff.PostAsJsonAsync($"/api/v1/backoffice/fulfillment/orders/{orderId}/shipments",
            new { warehouseCode = "MUC", plannedShipDate = Today, lines = new[] { new { position = 1, quantity = 20 } } }), HttpStatusCode.Created);
        var shipment = Assert.Single(planned.GetProperty("shipments").EnumerateArray()).GetProperty("id").GetGuid();
        async Task<int> DeliveredAsync()
        {
            await ContractsHandleTheirEventsAsync();
            return (await ContractAsync(buyer, contract)).GetProperty("lines")[0].GetProperty("delivered").GetInt32();
        }

        await JsonAsync(staff.PostAsJsonAsync($"/api/v1/backoffice/fulfillment/shipments/{shipment}/advance", new { to = "Shipped" }), HttpStatusCode.OK);
        Assert.Equal(0, await DeliveredAsync());

        await JsonAsync(staff.PostAsJsonAsync($"/api/v1/backoffice/fulfillment/shipments/{shipment}/advance", new { to = "Delivered" }), HttpStatusCode.OK);
        Assert.Equal(20, await DeliveredAsync());

        // The outbox may hand an event out again (a crash between the handler's work and its record): it still counts once.
        var again = await InScopeAsync(db => db.EventHandlings.Where(h => h.AggregateId == orderId && h.EventType == "ShipmentDelivered" && h.Handler == ContractDeliveriesHandler)
            .ExecuteUpdateAsync(u => u.SetProperty(h => h.Status, EventHandlingStatus.Pending)));
        Assert.Equal(1, again);
        Assert.Equal(20, await DeliveredAsync());
        Assert.Equal((EventHandlingStatus.Handled, 2), await InScopeAsync(async db => await db.EventHandlings
            .Where(h => h.AggregateId == orderId && h.EventType == "ShipmentDelivered" && h.Handler == ContractDeliveriesHandler)
            .Select(h => new { h.Status, h.Attempts }).SingleAsync() is var h ? (h.Status, h.Attempts) : default));
    }

    /// <summary>Does what the outbox worker does for the contracts' handler (this fixture runs without the worker).</summary>
    private async Task ContractsHandleTheirEventsAsync()
    {
        using var scope = Factory.Services.CreateScope();
        await scope.ServiceProvider.HandleAllAsync(ContractDeliveriesHandler);
    }

    [Fact]
    public async Task A_call_off_beyond_the_remainder_and_tolerance_is_refused_and_within_the_tolerance_it_fulfils_the_contract()
    {
        var (staff, buyer, sku) = await PartiesAsync();
        var contract = await CreateAsync(staff, CompanyA.CustomerNumber, sku, Today, quantity: 100, tolerancePercent: 10m);
        await JsonAsync(CallOffAsync(buyer, contract, 60, Today.AddDays(7)), HttpStatusCode.Created);

        Assert.Equal("over_remainder", await RefusedAsync(CallOffAsync(buyer, contract, 51, Today.AddDays(7))));
        Assert.Equal(60, (await ContractAsync(buyer, contract)).GetProperty("lines")[0].GetProperty("calledOff").GetInt32());

        await JsonAsync(CallOffAsync(buyer, contract, 50, Today.AddDays(7)), HttpStatusCode.Created);
        var fulfilled = await ContractAsync(buyer, contract);
        Assert.Equal("Fulfilled", fulfilled.GetProperty("status").GetString());
        Assert.Equal(110, fulfilled.GetProperty("lines")[0].GetProperty("calledOff").GetInt32());
        Assert.Equal("contract_not_active", await RefusedAsync(CallOffAsync(buyer, contract, 5, Today.AddDays(7))));
    }

    [Fact]
    public async Task A_call_off_below_the_minimum_is_refused_in_the_callers_language()
    {
        var (staff, buyer, sku) = await PartiesAsync();
        var contract = await CreateAsync(staff, CompanyA.CustomerNumber, sku, Today, minimum: 10);
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/contracts/{contract.GetProperty("id").GetGuid()}/call-offs")
        {
            Content = JsonContent.Create(new { lineId = LineOf(contract), quantity = 9, requestedDate = Today.AddDays(7) }),
        };
        request.Headers.AcceptLanguage.ParseAdd("en");

        var problem = await ProblemOf(await buyer.SendAsync(request), HttpStatusCode.UnprocessableEntity);

        Assert.Equal("below_minimum", problem.GetProperty("code").GetString());
        Assert.Contains("At least 10", problem.GetProperty("detail").GetString());
        Assert.Equal(0, await InScopeAsync(db => db.Orders.CountAsync(o => o.PurchaseOrderReference == contract.GetProperty("number").GetString())));
    }

    [Fact]
    public async Task A_call_off_for_a_date_outside_the_validity_is_refused()
    {
        var (staff, buyer, sku) = await PartiesAsync();
        var contract = await CreateAsync(staff, CompanyA.CustomerNumber, sku, Today, validTo: Today.AddDays(30));

        Assert.Equal("outside_validity", await RefusedAsync(CallOffAsync(buyer, contract, 10, Today.AddDays(31))));
        await JsonAsync(CallOffAsync(buyer, contract, 10, Today.AddDays(30)), HttpStatusCode.Created);
    }

    [Fact]
    public async Task The_validity_a_refused_call_off_names_is_written_as_dates_are_in_the_callers_language()
    {
        var (staff, buyer, sku) = await PartiesAsync();
        var contract = await CreateAsync(staff, CompanyA.CustomerNumber, sku, Today, validTo: Today.AddDays(30));
        async Task<string> RefusedInAsync(string language)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/contracts/{contract.GetProperty("id").GetGuid()}/call-offs")
            {
                Content = JsonContent.Create(new { lineId = LineOf(contract), quantity = 10, requestedDate = Today.AddDays(31) }),
            };
            request.Headers.AcceptLanguage.ParseAdd(language);
            return (await ProblemOf(await buyer.SendAsync(request), HttpStatusCode.UnprocessableEntity)).GetProperty("detail").GetString()!;
        }

        // As the English order texts write dates (day/month/year), and the German ones (Tag.Monat.Jahr).
        var english = await RefusedInAsync("en");
        var german = await RefusedInAsync("de");

        Assert.Contains($"from {Today.ToString("dd'/'MM'/'yyyy", CultureInfo.InvariantCulture)} to {Today.AddDays(30).ToString("dd'/'MM'/'yyyy", CultureInfo.InvariantCulture)}", english);
        Assert.Contains($"vom {Today.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture)} bis {Today.AddDays(30).ToString("dd.MM.yyyy", CultureInfo.InvariantCulture)}", german);
    }

    [Fact]
    public async Task A_cancelled_or_draft_contract_cannot_be_called_off()
    {
        var (staff, buyer, sku) = await PartiesAsync();
        var draft = await CreateAsync(staff, CompanyA.CustomerNumber, sku, Today, activate: false);
        Assert.Equal("contract_not_active", await RefusedAsync(CallOffAsync(buyer, draft, 10, Today.AddDays(7))));
        var id = draft.GetProperty("id").GetGuid();
        await JsonAsync(staff.PostAsync($"/api/v1/backoffice/contracts/{id}/activate", null), HttpStatusCode.OK);
        await JsonAsync(CallOffAsync(buyer, draft, 10, Today.AddDays(7)), HttpStatusCode.Created);

        var cancelled = await JsonAsync(staff.PostAsync($"/api/v1/backoffice/contracts/{id}/cancel", null), HttpStatusCode.OK);

        Assert.Equal("Cancelled", cancelled.GetProperty("status").GetString());
        Assert.Equal("contract_cancelled", await RefusedAsync(CallOffAsync(buyer, draft, 10, Today.AddDays(7))));
        Assert.Equal(HttpStatusCode.Conflict, (await staff.PostAsync($"/api/v1/backoffice/contracts/{id}/activate", null)).StatusCode);
    }

    [Fact]
    public async Task Call_offs_of_a_contract_that_needs_approval_follow_the_buyers_budget_rules()
    {
        var (staff, _, sku) = await PartiesAsync();
        var (_, _, tightBuyer) = await ColleagueAsync(CompanyA, "Knapp Budget", [PredefinedRole.Buyer], new { maxQuantityPerOrder = 20 });
        var approved = await CreateAsync(staff, CompanyA.CustomerNumber, sku, Today, needsApproval: true);
        var preApproved = await CreateAsync(staff, CompanyA.CustomerNumber, sku, Today, needsApproval: false);

        Assert.Equal("PendingApproval", (await JsonAsync(CallOffAsync(tightBuyer, approved, 30, Today.AddDays(7)), HttpStatusCode.Created)).GetProperty("orderStatus").GetString());
        Assert.Equal("Placed", (await JsonAsync(CallOffAsync(tightBuyer, preApproved, 30, Today.AddDays(7)), HttpStatusCode.Created)).GetProperty("orderStatus").GetString());
    }

    [Fact]
    public async Task The_portal_shows_the_contract_with_its_progress_previews_the_date_and_calls_off_through_the_form()
    {
        var (staff, _, sku) = await PartiesAsync();
        var contract = await CreateAsync(staff, CompanyA.CustomerNumber, sku, Today);
        var id = contract.GetProperty("id").GetGuid();
        var number = contract.GetProperty("number").GetString()!;
        var portal = await SignInWithCookieAsync(UserOf(CompanyA, PredefinedRole.Buyer));
        var page = await portal.GetStringAsync($"/contracts/{id}");
        Assert.Contains($"Kontrakt {number}", page);
        Assert.Contains("<progress max=\"100\" value=\"0\"", page);
        async Task<string> PostAsync(string action, int quantity)
        {
            var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
            var response = await portal.PostAsync($"/contracts/{id}", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = $"calloff-{id}",
                ["__RequestVerificationToken"] = token,
                ["LineId"] = LineOf(contract).ToString(),
                ["Quantity"] = quantity.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["RequestedDate"] = Today.AddDays(14).ToString("yyyy-MM-dd"),
                ["Action"] = action,
            }));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return page = await response.Content.ReadAsStringAsync();
        }

        Assert.Contains("Lieferbar am", await PostAsync("preview", 20));
        Assert.Equal(0, (await ContractAsync(await SignInAsync(UserOf(CompanyA, PredefinedRole.Buyer)), contract)).GetProperty("lines")[0].GetProperty("calledOff").GetInt32());
        Assert.Contains("Von " + sku + " sind mindestens 5", await PostAsync("calloff", 2));
        var called = await PostAsync("calloff", 20);

        Assert.Contains("Abgerufen: Bestellung", called);
        Assert.Contains("<progress max=\"100\" value=\"20\"", called);
        Assert.Equal(20, (await ContractAsync(await SignInAsync(UserOf(CompanyA, PredefinedRole.Buyer)), contract)).GetProperty("lines")[0].GetProperty("calledOff").GetInt32());
    }

    [Fact]
    public async Task The_erp_creates_and_activates_a_contract_the_customer_then_sees_and_another_company_does_not()
    {
        var (staff, buyer, sku) = await PartiesAsync();
        var issued = await JsonAsync(staff.PostAsJsonAsync("/api/v1/backoffice/api-keys", new { name = "ERP contracts", scopes = new[] { "erp.contracts" } }), HttpStatusCode.Created);
        var erp = Anonymous();
        erp.DefaultRequestHeaders.Add("X-Api-Key", issued.GetProperty("key").GetString());
        var number = "ERP-K-" + Guid.NewGuid().ToString("N")[..8];

        await JsonAsync(erp.PostAsJsonAsync("/api/v1/erp/contracts", new
        {
            customerNumber = CompanyA.CustomerNumber, number, validFrom = Today, validTo = Today.AddMonths(3),
            lines = new[] { new { sku, contractedQuantity = 500, unitPrice = 2.5m, minimumCallOff = 50 } },
        }), HttpStatusCode.Created);
        var active = await JsonAsync(erp.PostAsync($"/api/v1/erp/contracts/{number}/activate", null), HttpStatusCode.OK);

        Assert.Equal("Active", active.GetProperty("status").GetString());
        var mine = await JsonAsync(buyer.GetAsync("/api/v1/contracts?pageSize=100"), HttpStatusCode.OK);
        Assert.Contains(mine.GetProperty("items").EnumerateArray(), c => c.GetProperty("number").GetString() == number.ToUpperInvariant());
        var other = await SignInAsync(UserOf(CompanyB, PredefinedRole.Administrator));
        var theirs = await JsonAsync(other.GetAsync("/api/v1/contracts?pageSize=100"), HttpStatusCode.OK);
        Assert.DoesNotContain(theirs.GetProperty("items").EnumerateArray(), c => c.GetProperty("number").GetString() == number.ToUpperInvariant());
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/contracts/{active.GetProperty("id").GetGuid()}")).StatusCode);
    }
}

public sealed class ContractsOnSqlite(SqliteFactory f) : ContractsSpec(f), IClassFixture<SqliteFactory>;

public sealed class ContractsOnPostgres(PostgresFactory f) : ContractsSpec(f), IClassFixture<PostgresFactory>;
