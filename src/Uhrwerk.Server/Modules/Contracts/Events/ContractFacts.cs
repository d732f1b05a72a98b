using Uhrwerk.Server.Modules.Contracts.Domain;

namespace Uhrwerk.Server.Modules.Contracts.Events;

internal static class ContractFacts
{
    public static ContractSnapshot Snapshot(CallOffContract contract) =>
        new(contract.Id, contract.Number, contract.CompanyId!.Value, contract.Status.ToString(), contract.ValidFrom, contract.ValidTo,
            contract.Lines.OrderBy(l => l.Position).Select(l => new ContractLineSnapshot(l.Position, l.Sku, l.ContractedQuantity, l.UnitPrice, l.CalledOff, l.DeliveredQuantity, l.Remaining)).ToList());
}
