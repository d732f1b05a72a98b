using System.Net;
using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Accounts.Domain;
using Uhrwerk.Server.Platform.Localization;
using static Uhrwerk.Tests.Contracts.ContractSamples;

namespace Uhrwerk.Tests.Contracts;

/// <summary>Two buyers calling off the last remainder at the same moment never take more than it together (PostgreSQL, where requests really run in parallel).</summary>
public sealed class ConcurrentCallOffSpec(PostgresFactory factory) : IntegrationTest(factory), IClassFixture<PostgresFactory>
{
    [Fact]
    public async Task Two_buyers_calling_off_the_last_remainder_at_once_never_exceed_it_together()
    {
        var today = BerlinTime.DateOf(Factory.Clock.GetUtcNow());
        var sku = await InScopeAsync(db => db.Products.Where(p => p.IsActive).OrderBy(p => p.Sku).Select(p => p.Sku).FirstAsync());
        await SoldByThePieceAsync(sku);
        var staff = await SignInAsync("admin@uhrwerk.example");
        var first = await SignInAsync(UserOf(CompanyA, PredefinedRole.Buyer));
        var second = await SignInAsync(UserOf(CompanyA, PredefinedRole.Administrator));

        for (var round = 0; round < 10; round++)
        {
            var contract = await CreateAsync(staff, CompanyA.CustomerNumber, sku, today, quantity: 100, minimum: 1, tolerancePercent: null);
            var number = contract.GetProperty("number").GetString();

            var answers = await Task.WhenAll(
                Task.Run(() => CallOffAsync(first, contract, 60, today.AddDays(10))),
                Task.Run(() => CallOffAsync(second, contract, 60, today.AddDays(10))));

            var statuses = answers.Select(a => a.StatusCode).Order().ToList();
            Assert.True(statuses.SequenceEqual([HttpStatusCode.Created, HttpStatusCode.UnprocessableEntity]),
                $"Round {round}: " + string.Join(", ", await Task.WhenAll(answers.Select(async a => $"{a.StatusCode} {await a.Content.ReadAsStringAsync()}"))));
            var (calledOff, callOffs, orders) = await InScopeAsync(async db => (
                await db.CallOffContracts.Where(c => c.Number == number).SelectMany(c => c.Lines).SumAsync(l => l.CalledOff),
                await db.ContractCallOffs.CountAsync(c => db.CallOffContracts.Any(k => k.Id == c.ContractId && k.Number == number)),
                await db.Orders.CountAsync(o => o.PurchaseOrderReference == number)));
            Assert.Equal((60, 1, 1), (calledOff, callOffs, orders));
        }
    }
}
