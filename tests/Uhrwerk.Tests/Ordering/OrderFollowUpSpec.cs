using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Accounts.Domain;

namespace Uhrwerk.Tests.Ordering;

/// <summary>What a buyer does with an order after submitting it: withdraw it while it waits, or order its lines again.</summary>
public abstract class OrderFollowUpSpec(UhrwerkFactory factory) : IntegrationTest(factory)
{
    [Fact]
    public async Task A_buyer_withdraws_an_order_waiting_for_approval_and_it_leaves_every_inbox()
    {
        var buyer = await ColleagueAsync(CompanyA, "Wanda Widerruf", [PredefinedRole.Buyer], new { maxQuantityPerOrder = 1 });
        var (sku, packSize) = await ProductAsync(0);
        var order = await JsonAsync(buyer.Client.PostAsJsonAsync("/api/v1/orders", new { addressIndex = 0, lines = new[] { new { sku, quantity = 2 * packSize } } }), HttpStatusCode.Created);
        var id = order.GetProperty("id").GetGuid();
        var number = order.GetProperty("number").GetString()!;
        var deciders = new[] { await SignInAsync(UserOf(CompanyA, PredefinedRole.Administrator)), await SignInAsync(UserOf(CompanyA, PredefinedRole.Approver)) };
        var inboxesBefore = await InboxesAsync(deciders);

        var withdrawn = await JsonAsync(buyer.Client.PostAsJsonAsync($"/api/v1/orders/{id}/withdraw", new { comment = "Doch nicht nötig" }), HttpStatusCode.OK);
        var again = await buyer.Client.PostAsJsonAsync($"/api/v1/orders/{id}/withdraw", new { comment = "noch einmal" });

        Assert.Equal("PendingApproval", order.GetProperty("status").GetString());
        Assert.Contains(number, inboxesBefore);
        Assert.Equal("Withdrawn", withdrawn.GetProperty("status").GetString());
        var last = withdrawn.GetProperty("history").EnumerateArray().Last();
        Assert.Equal(("PendingApproval", "Withdrawn", "Doch nicht nötig"), (last.GetProperty("fromStatus").GetString(), last.GetProperty("toStatus").GetString(), last.GetProperty("comment").GetString()));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.DoesNotContain(number, await InboxesAsync(deciders));
        Assert.Equal("Withdrawn", (await buyer.Client.GetFromJsonAsync<JsonElement>($"/api/v1/orders/{id}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Ordering_again_adds_the_lines_of_an_earlier_order_to_the_cart()
    {
        var buyer = await ColleagueAsync(CompanyA, "Rudi Routine", [PredefinedRole.Buyer], new { });
        var (first, firstPack) = await ProductAsync(1);
        var (second, secondPack) = await ProductAsync(2);
        var order = await JsonAsync(
            buyer.Client.PostAsJsonAsync("/api/v1/orders", new { addressIndex = 0, lines = new[] { new { sku = first, quantity = 2 * firstPack }, new { sku = second, quantity = secondPack } } }),
            HttpStatusCode.Created);
        await JsonAsync(buyer.Client.PutAsJsonAsync($"/api/v1/cart/lines/{first}", new { quantity = firstPack }), HttpStatusCode.OK);
        var stranger = await SignInAsync(UserOf(CompanyB, PredefinedRole.Buyer));

        var cart = await JsonAsync(buyer.Client.PostAsync($"/api/v1/orders/{order.GetProperty("id").GetGuid()}/reorder", null), HttpStatusCode.OK);
        var foreign = await stranger.PostAsync($"/api/v1/orders/{order.GetProperty("id").GetGuid()}/reorder", null);

        Assert.Equal("Placed", order.GetProperty("status").GetString());
        var lines = cart.GetProperty("lines").EnumerateArray().ToDictionary(l => l.GetProperty("sku").GetString()!, l => l.GetProperty("quantity").GetInt32());
        Assert.Equal(new Dictionary<string, int> { [first] = 3 * firstPack, [second] = secondPack }, lines);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Empty((await stranger.GetFromJsonAsync<JsonElement>("/api/v1/cart")).GetProperty("lines").EnumerateArray());
    }

    private async Task<(string Sku, int PackSize)> ProductAsync(int index)
    {
        var products = await InScopeAsync(db => db.Products.Where(p => p.IsActive && p.Sku.StartsWith("SHS-")).OrderBy(p => p.Sku).Select(p => new { p.Sku, p.PackSize }).Take(3).ToListAsync());
        return (products[index].Sku, products[index].PackSize);
    }

    private static async Task<List<string>> InboxesAsync(IEnumerable<HttpClient> deciders)
    {
        var numbers = new List<string>();
        foreach (var decider in deciders)
        {
            var inbox = await decider.GetFromJsonAsync<JsonElement>("/api/v1/approvals");
            numbers.AddRange(inbox.GetProperty("orders").EnumerateArray().Select(o => o.GetProperty("number").GetString()!));
        }

        return numbers;
    }
}

public sealed class OrderFollowUpOnSqlite(SqliteFactory factory) : OrderFollowUpSpec(factory), IClassFixture<SqliteFactory>;

public sealed class OrderFollowUpOnPostgres(PostgresFactory factory) : OrderFollowUpSpec(factory), IClassFixture<PostgresFactory>;
