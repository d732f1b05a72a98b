using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Uhrwerk.Server.Modules.Accounts.DemoData;
using Uhrwerk.Server.Modules.Accounts.Domain;
using Uhrwerk.Server.Platform.Data;

namespace Uhrwerk.Tests.Ordering;

/// <summary>Two instances on one PostgreSQL receive the same keyed order at the same time: one order, one answer.</summary>
public sealed class IdempotencyAcrossInstancesSpec
{
    private sealed class SecondInstance(string database) : PostgresFactory(database);

    [Fact]
    public async Task Duplicates_of_a_keyed_order_sent_to_two_instances_at_once_make_one_order_and_each_instance_answers_with_it()
    {
        PostgresFactory.SkipUnlessAvailable();
        await using var first = new PostgresFactory();
        _ = first.Services;
        await using var second = new SecondInstance(first.Database);
        var buyer = DemoLogins.Email(DemoLogins.Companies[0], PredefinedRole.Administrator);
        using var viaFirst = await Bearer.SignInAsync(first.CreateClient(), buyer);
        using var viaSecond = await Bearer.SignInAsync(second.CreateClient(), buyer);
        await using var scope = first.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UhrwerkDbContext>();
        var product = await db.Products.Where(p => p.IsActive && p.Sku.StartsWith("SHS-")).OrderBy(p => p.Sku).Select(p => new { p.Sku, p.PackSize }).FirstAsync();
        var buyerId = await db.Users.Where(u => u.Email == buyer).Select(u => u.Id).SingleAsync();
        var ordersBefore = await db.Orders.CountAsync(o => o.BuyerId == buyerId);
        var key = Guid.NewGuid().ToString();

        var answers = await Task.WhenAll(Enumerable.Range(0, 16).Select(async i =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/orders") { Content = JsonContent.Create(new { addressIndex = 0, lines = new[] { new { sku = product.Sku, quantity = product.PackSize } } }) };
            request.Headers.Add("Idempotency-Key", key);
            var response = await (i % 2 == 0 ? viaFirst : viaSecond).SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            return (Instance: i % 2, response.StatusCode, Body: body, Id: response.StatusCode == HttpStatusCode.Created ? JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid() : Guid.Empty);
        }));

        Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, $"{(int)a.StatusCode}: {a.Body}"));
        Assert.Single(answers.Where(a => a.StatusCode == HttpStatusCode.Created).Select(a => a.Id).Distinct());
        Assert.Contains(answers, a => a.Instance == 0 && a.StatusCode == HttpStatusCode.Created);
        Assert.Contains(answers, a => a.Instance == 1 && a.StatusCode == HttpStatusCode.Created);
        Assert.Equal(ordersBefore + 1, await db.Orders.CountAsync(o => o.BuyerId == buyerId));
    }
}
