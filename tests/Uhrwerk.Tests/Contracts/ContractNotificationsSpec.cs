using System.Net;
using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Accounts.Domain;
using Uhrwerk.Server.Platform.Localization;
using static Uhrwerk.Tests.Contracts.ContractSamples;

namespace Uhrwerk.Tests.Contracts;

/// <summary>Buyers hear of their call-offs and of a contract running out, by e-mail in their language.</summary>
public abstract class ContractNotificationsSpec(UhrwerkFactory factory) : IntegrationTest(factory)
{
    [Fact]
    public async Task A_call_off_is_confirmed_to_the_buyer_and_a_contract_running_low_is_told_once()
    {
        var today = BerlinTime.DateOf(Factory.Clock.GetUtcNow());
        var sku = await InScopeAsync(db => db.Products.Where(p => p.IsActive).OrderBy(p => p.Sku).Select(p => p.Sku).FirstAsync());
        await SoldByThePieceAsync(sku);
        var (_, email, buyer) = await ColleagueAsync(CompanyA, "Konrad Kontrakt", [PredefinedRole.Buyer], language: "en");
        var contract = await CreateAsync(await SignInAsync("admin@uhrwerk.example"), CompanyA.CustomerNumber, sku, today, quantity: 100, minimum: 1);
        var number = contract.GetProperty("number").GetString();

        var first = await JsonAsync(CallOffAsync(buyer, contract, 30, today.AddDays(10)), HttpStatusCode.Created);
        await JsonAsync(CallOffAsync(buyer, contract, 55, today.AddDays(10)), HttpStatusCode.Created);
        await JsonAsync(CallOffAsync(buyer, contract, 5, today.AddDays(10)), HttpStatusCode.Created);
        await NotificationsSettledAsync(email);

        // What was rendered for the buyer, whether or not the mail server took it: the words are the point here.
        var messages = await InScopeAsync(db => db.Deliveries.Where(d => d.Recipient == email && d.Subject.Contains(number!)).Select(d => new { d.Situation, d.Subject, d.TextBody }).ToListAsync());
        var confirmed = messages.Where(m => m.Situation == "calloff.confirmed").ToList();
        Assert.Equal(3, confirmed.Count);
        Assert.Contains(confirmed, m => m.Subject == $"Call-off from contract {number}: order {first.GetProperty("orderNumber").GetString()}" && m.TextBody.Contains($"30 × {sku}", StringComparison.Ordinal));
        var runningOut = Assert.Single(messages, m => m.Situation == "contract.running-out");
        Assert.Equal($"Blanket contract {number} is running out", runningOut.Subject);
        Assert.Contains($"15 × {sku}", runningOut.TextBody, StringComparison.Ordinal);
        var otherBuyer = UserOf(CompanyA, PredefinedRole.Buyer);
        Assert.True(await InScopeAsync(db => db.Deliveries.AnyAsync(d => d.Recipient == otherBuyer && d.Situation == "contract.running-out" && d.Subject.Contains(number!))));
    }
}

public sealed class ContractNotificationsOnSqlite(SqliteWithMail f) : ContractNotificationsSpec(f), IClassFixture<SqliteWithMail>;

public sealed class ContractNotificationsOnPostgres(PostgresWithMail f) : ContractNotificationsSpec(f), IClassFixture<PostgresWithMail>;
