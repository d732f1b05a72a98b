using Uhrwerk.Server.Platform.Outbox;

namespace Uhrwerk.Server.Modules.Contracts.Events;

// What Contracts tells the rest of the system, after the change committed. Facts only; docs/events.md describes each one.

/// <summary>A line of a contract as it stands after the event.</summary>
public sealed record ContractLineSnapshot(int Position, string Sku, int ContractedQuantity, decimal UnitPrice, int CalledOff, int Delivered, int Remaining);

/// <summary>The contract as it stands after the event; the aggregate is the contract.</summary>
public sealed record ContractSnapshot(Guid ContractId, string Number, Guid CompanyId, string Status, DateOnly ValidFrom, DateOnly ValidTo, IReadOnlyList<ContractLineSnapshot> Lines);

/// <summary>A buyer called off part of a contract line; it became the order <paramref name="OrderNumber"/>.</summary>
[Event("ContractCalledOff", 1)]
public sealed record ContractCalledOff(ContractSnapshot Contract, string Sku, int Quantity, DateOnly RequestedDate, Guid BuyerId, Guid OrderId, string OrderNumber, string OrderStatus, DateOnly? PromisedDate);

/// <summary>A scheduled release of a contract became the order <paramref name="OrderNumber"/> on its due day.</summary>
[Event("ContractReleaseOrdered", 1)]
public sealed record ContractReleaseOrdered(ContractSnapshot Contract, Guid ReleaseId, string Sku, int Quantity, DateOnly DeliveryDate, Guid BuyerId, Guid OrderId, string OrderNumber, string OrderStatus, DateOnly? PromisedDate);

/// <summary>A contract is running out: a line has 20 % or less left, or it ends within 30 days.</summary>
[Event("ContractRunningOut", 1)]
public sealed record ContractRunningOut(ContractSnapshot Contract, Guid? BuyerId);

/// <summary>A contract's validity ended with quantities not called off.</summary>
[Event("ContractExpired", 1)]
public sealed record ContractExpired(ContractSnapshot Contract, Guid? BuyerId);
