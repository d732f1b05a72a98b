using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Accounts.Domain;
using Uhrwerk.Server.Platform.Localization;

namespace Uhrwerk.Tests.Ordering;

/// <summary>
/// An approver's correction and approval are one use case in one transaction, in the API as in the portal;
/// and the portal's forms refuse what the API refuses, with the same message.
/// </summary>
public abstract partial class DecideWithCorrectionSpec(UhrwerkFactory factory) : IntegrationTest(factory)
{
    private DateOnly Today => BerlinTime.DateOf(Factory.Clock.GetUtcNow());

    private Task<string> SkuAsync() => InScopeAsync(db => db.Products.Where(p => p.IsActive).OrderBy(p => p.Sku).Select(p => p.Sku).FirstAsync());

    [Fact]
    public async Task An_approval_whose_approve_step_fails_leaves_its_correction_unsaved()
    {
        var (_, _, buyer) = await ColleagueAsync(CompanyA, "Corinna Korrektur", [PredefinedRole.Buyer], new { maxQuantityPerOrder = 5 });
        var mainContact = await SignInAsync(UserOf(CompanyA, PredefinedRole.Administrator));
        var sku = await SkuAsync();
        var id = (await JsonAsync(buyer.PostAsJsonAsync("/api/v1/orders", new { addressIndex = 0, lines = new[] { new { sku, quantity = 40 } } }), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        // A date stored before the two-year rule held: the correction below keeps it, so the approve step refuses it.
        await InScopeAsync(db => db.Orders.Where(o => o.Id == id).ExecuteUpdateAsync(s => s.SetProperty(o => o.RequestedDeliveryDate, new DateOnly(9999, 12, 31))));

        var refused = await mainContact.PostAsJsonAsync($"/api/v1/orders/{id}/approve", new { comment = "ok", correction = new { lines = new[] { new { sku, quantity = 30 } }, comment = "30 reichen" } });

        var problem = await ProblemOf(refused, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("requestedDeliveryDate", out _), problem.ToString());
        var unchanged = await JsonAsync(mainContact.GetAsync($"/api/v1/orders/{id}"), HttpStatusCode.OK);
        Assert.Equal("PendingApproval", unchanged.GetProperty("status").GetString());
        Assert.Equal(40, Assert.Single(unchanged.GetProperty("lines").EnumerateArray()).GetProperty("quantity").GetInt32());
        Assert.DoesNotContain(unchanged.GetProperty("history").EnumerateArray(), h => h.GetProperty("action").GetString() == "Edited");

        var approved = await JsonAsync(mainContact.PostAsJsonAsync($"/api/v1/orders/{id}/approve",
            new { comment = "ok", correction = new { lines = new[] { new { sku, quantity = 30 } }, requestedDeliveryDate = Today.AddDays(20), comment = "30 reichen" } }), HttpStatusCode.OK);
        Assert.Equal("Placed", approved.GetProperty("status").GetString());
        Assert.Equal(30, Assert.Single(approved.GetProperty("lines").EnumerateArray()).GetProperty("quantity").GetInt32());
        Assert.Equal(
            ["Edited PendingApproval 30 reichen", "StatusChanged Approved ok", "StatusChanged Placed "],
            approved.GetProperty("history").EnumerateArray().Skip(1)
                .Select(h => $"{h.GetProperty("action").GetString()} {h.GetProperty("toStatus").GetString()} {(h.GetProperty("comment").ValueKind == JsonValueKind.Null ? "" : h.GetProperty("comment").GetString())}"));
    }

    [Fact]
    public async Task The_order_page_approves_a_changed_order_together_with_its_correction_or_not_at_all()
    {
        var (_, _, buyer) = await ColleagueAsync(CompanyA, "Paula Portal", [PredefinedRole.Buyer], new { maxQuantityPerOrder = 5 });
        var sku = await SkuAsync();
        var id = (await JsonAsync(buyer.PostAsJsonAsync("/api/v1/orders", new { addressIndex = 0, lines = new[] { new { sku, quantity = 40 } } }), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var approver = await SignInWithCookieAsync(UserOf(CompanyA, PredefinedRole.Administrator));
        await InScopeAsync(db => db.Orders.Where(o => o.Id == id).ExecuteUpdateAsync(s => s.SetProperty(o => o.RequestedDeliveryDate, new DateOnly(9999, 12, 31))));

        var refused = await DecideOnPageAsync(approver, id, sku, 30);

        Assert.Contains("role=\"alert\"", refused);
        var unchanged = await JsonAsync(buyer.GetAsync($"/api/v1/orders/{id}"), HttpStatusCode.OK);
        Assert.Equal("PendingApproval", unchanged.GetProperty("status").GetString());
        Assert.Equal(40, Assert.Single(unchanged.GetProperty("lines").EnumerateArray()).GetProperty("quantity").GetInt32());
        Assert.DoesNotContain(unchanged.GetProperty("history").EnumerateArray(), h => h.GetProperty("action").GetString() == "Edited");

        await InScopeAsync(db => db.Orders.Where(o => o.Id == id).ExecuteUpdateAsync(s => s.SetProperty(o => o.RequestedDeliveryDate, (DateOnly?)null)));
        await DecideOnPageAsync(approver, id, sku, 30);

        var approved = await JsonAsync(buyer.GetAsync($"/api/v1/orders/{id}"), HttpStatusCode.OK);
        Assert.Equal("Placed", approved.GetProperty("status").GetString());
        Assert.Equal(30, Assert.Single(approved.GetProperty("lines").EnumerateArray()).GetProperty("quantity").GetInt32());
        Assert.Equal(["Edited", "StatusChanged", "StatusChanged"], approved.GetProperty("history").EnumerateArray().Skip(1).Select(h => h.GetProperty("action").GetString()));
    }

    /// <summary>Posts the order page's decision form as the approver's browser does, with a changed quantity and "approve".</summary>
    private static async Task<string> DecideOnPageAsync(HttpClient approver, Guid id, string sku, int quantity)
    {
        var form = await approver.GetStringAsync($"/orders/{id}");
        var response = await approver.PostAsync($"/orders/{id}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "decide", ["__RequestVerificationToken"] = Token().Match(form).Groups[1].Value, ["Action"] = "approve", [$"qty:{sku}"] = quantity.ToString(), ["Comment"] = "weniger reicht",
        }));
        var page = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {page}");
        return page;
    }

    [Fact]
    public async Task The_order_page_and_the_api_refuse_a_too_long_cancellation_reason_with_the_same_message()
    {
        var (_, email, buyer) = await ColleagueAsync(CompanyA, "Lena Lang", [PredefinedRole.Buyer]);
        var sku = await SkuAsync();
        var id = (await JsonAsync(buyer.PostAsJsonAsync("/api/v1/orders", new { addressIndex = 0, lines = new[] { new { sku, quantity = 10 } } }), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var reason = new string('x', 2001);

        var api = await ProblemOf(await buyer.PostAsJsonAsync($"/api/v1/orders/{id}/cancel", new { comment = reason }), HttpStatusCode.BadRequest);
        var portal = await SignInWithCookieAsync(email, NewPassword);
        var form = await portal.GetStringAsync($"/orders/{id}");
        var page = WebUtility.HtmlDecode(await (await portal.PostAsync($"/orders/{id}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "cancel", ["__RequestVerificationToken"] = Token().Match(form).Groups[1].Value, ["Comment"] = reason,
        }))).Content.ReadAsStringAsync());

        var message = Assert.Single(api.GetProperty("errors").GetProperty("comment").EnumerateArray()).GetString()!;
        Assert.Contains($"<li>{message}</li>", page);
        var order = await JsonAsync(buyer.GetAsync($"/api/v1/orders/{id}"), HttpStatusCode.OK);
        Assert.Equal("Placed", order.GetProperty("status").GetString());
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}

public sealed class DecideWithCorrectionOnSqlite(SqliteFactory factory) : DecideWithCorrectionSpec(factory), IClassFixture<SqliteFactory>;

public sealed class DecideWithCorrectionOnPostgres(PostgresFactory factory) : DecideWithCorrectionSpec(factory), IClassFixture<PostgresFactory>;
