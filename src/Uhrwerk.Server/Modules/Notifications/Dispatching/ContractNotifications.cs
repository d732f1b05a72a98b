using System.Globalization;
using Uhrwerk.Server.Modules.Accounts;
using Uhrwerk.Server.Modules.Contracts.Events;
using Uhrwerk.Server.Platform;
using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.Outbox;

namespace Uhrwerk.Server.Modules.Notifications.Dispatching;

/// <summary>
/// Tells buyers what happened to their call-off contracts: the buyer of a call-off or release, and for a
/// contract running out or expired, everybody of the company who may call off.
/// </summary>
internal sealed class ContractNotifications(UserNotifications users, IAccounts accounts, PortalLinks links) :
    IEventHandler<ContractCalledOff>, IEventHandler<ContractReleaseOrdered>, IEventHandler<ContractRunningOut>, IEventHandler<ContractExpired>
{
    public Task HandleAsync(ContractCalledOff calledOff, EventContext context, CancellationToken ct) =>
        users.NotifyAsync("calloff.confirmed", [calledOff.BuyerId], contact =>
        {
            var texts = OrderTexts.In(contact.Language);
            return Values(calledOff.Contract, texts, ("order_number", calledOff.OrderNumber), ("items", Item(calledOff.Contract, calledOff.Sku, calledOff.Quantity, texts)),
                ("delivery_date", texts.Date(calledOff.RequestedDate)), ("promised_date", calledOff.PromisedDate is { } promised ? texts.Date(promised) : ""));
        }, context, ct);

    public Task HandleAsync(ContractReleaseOrdered released, EventContext context, CancellationToken ct) =>
        users.NotifyAsync("calloff.released", [released.BuyerId], contact =>
        {
            var texts = OrderTexts.In(contact.Language);
            return Values(released.Contract, texts, ("release_number", released.OrderNumber), ("items", Item(released.Contract, released.Sku, released.Quantity, texts)),
                ("delivery_date", texts.Date(released.DeliveryDate)));
        }, context, ct);

    public async Task HandleAsync(ContractRunningOut runningOut, EventContext context, CancellationToken ct) =>
        await users.NotifyAsync("contract.running-out", await RecipientsAsync(runningOut.Contract, runningOut.BuyerId, ct),
            contact => Values(runningOut.Contract, OrderTexts.In(contact.Language)), context, ct);

    public async Task HandleAsync(ContractExpired expired, EventContext context, CancellationToken ct) =>
        await users.NotifyAsync("contract.expired", await RecipientsAsync(expired.Contract, expired.BuyerId, ct),
            contact => Values(expired.Contract, OrderTexts.In(contact.Language)), context, ct);

    private async Task<IReadOnlyCollection<Guid>> RecipientsAsync(ContractSnapshot contract, Guid? buyerId, CancellationToken ct)
    {
        var colleagues = (await accounts.ColleaguesAsync(contract.CompanyId, ct)).Select(c => c.UserId).ToList();
        var holders = await accounts.ActiveHoldersOfAsync(colleagues, Permission.ManageCallOffs, ct);
        return buyerId is { } buyer ? [.. holders.Append(buyer).Distinct()] : [.. holders];
    }

    private Dictionary<string, string> Values(ContractSnapshot contract, OrderTexts texts, params (string Name, string Value)[] particulars)
    {
        var values = new Dictionary<string, string>
        {
            ["contract_number"] = contract.Number,
            ["valid_until"] = texts.Date(contract.ValidTo),
            ["remaining"] = string.Join("; ", contract.Lines.Select(l => $"{l.Remaining.ToString("N0", texts.Culture)} × {l.Sku}")),
            ["link"] = links.To($"/contracts/{contract.ContractId}"),
        };
        foreach (var (name, value) in particulars)
        {
            values[name] = value;
        }

        return values;
    }

    private static string Item(ContractSnapshot contract, string sku, int quantity, OrderTexts texts) =>
        $"{quantity.ToString("N0", texts.Culture)} × {sku}" + (contract.Lines.FirstOrDefault(l => l.Sku == sku) is { } line ? $" ({texts.Amount(line.UnitPrice, "EUR")})" : "");
}
