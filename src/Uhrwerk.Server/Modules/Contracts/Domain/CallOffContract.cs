using Uhrwerk.Server.Platform.Data;
using Uhrwerk.Server.Platform.Localization;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Modules.Contracts.Domain;

/// <summary>A line of a contract as staff or the ERP write it down.</summary>
public sealed record ContractLineTerms(string Sku, int ContractedQuantity, decimal UnitPrice, int MinimumCallOff, decimal? TolerancePercent);

/// <summary>A planned call-off: this many of the line's SKU delivered on that day.</summary>
public sealed record PlannedRelease(string Sku, DateOnly DeliveryDate, int Quantity);

/// <summary>
/// A call-off contract (Abrufkontrakt): the company agreed quantities at fixed prices for a period and calls
/// them off in parts. What was called off only grows through <see cref="CallOff"/>, which holds the rules;
/// <see cref="Version"/> rises with every change, so two call-offs at the same time cannot both use the last remainder.
/// </summary>
public sealed class CallOffContract : ICompanyOwned
{
    public const int MaxLines = 100;
    public const int MaxReleases = 1000;

    private readonly List<ContractLine> _lines = [];
    private readonly List<ScheduledRelease> _releases = [];
    private readonly List<ContractCallOff> _callOffs = [];
    private readonly List<ContractDelivery> _deliveries = [];

    private CallOffContract() { }

    public Guid Id { get; private set; }
    public Guid? CompanyId { get; private set; }
    public string Number { get; private set; } = "";
    public DateOnly ValidFrom { get; private set; }
    public DateOnly ValidTo { get; private set; }
    public ContractStatus Status { get; private set; }

    /// <summary>Whether call-offs go through the buyer's budget rules (and so perhaps to the approvers) or are pre-approved.</summary>
    public bool CallOffsNeedApproval { get; private set; }

    /// <summary>Calendar days before a scheduled release's delivery date on which its order is placed.</summary>
    public int LeadTimeDays { get; private set; }

    /// <summary>Who scheduled releases are ordered for; call-offs by hand are ordered by the caller.</summary>
    public Guid? ReleaseBuyerId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
    public int Version { get; private set; }

    /// <summary>Set once a "running out" notice went out, so it goes out once.</summary>
    public bool RunningOutNoticed { get; private set; }

    public IReadOnlyList<ContractLine> Lines => _lines;
    public IReadOnlyList<ScheduledRelease> Releases => _releases;
    public IReadOnlyList<ContractCallOff> CallOffs => _callOffs;

    /// <summary>The deliveries of call-off orders counted on the lines (loaded where they are counted, for the shipment at hand).</summary>
    public IReadOnlyList<ContractDelivery> Deliveries => _deliveries;

    public static CallOffContract Draft(Guid companyId, string number, DateOnly validFrom, DateOnly validTo, bool callOffsNeedApproval, int leadTimeDays, Guid? releaseBuyerId,
        IReadOnlyList<ContractLineTerms> lines, IReadOnlyList<PlannedRelease> schedule, DateTimeOffset now)
    {
        if (validTo < validFrom)
        {
            throw ValidationFailedException.For("validTo", T.Get("Contracts.ValidityReversed"));
        }

        if (lines.Count == 0 || lines.Count > MaxLines)
        {
            throw ValidationFailedException.For("lines", T.Format("Contracts.LineCount", MaxLines));
        }

        if (lines.Select(l => l.Sku).Distinct().Count() != lines.Count)
        {
            throw ValidationFailedException.For("lines", T.Get("Contracts.DuplicateSku"));
        }

        var contract = new CallOffContract
        {
            Id = Guid.CreateVersion7(now),
            CompanyId = companyId,
            Number = number,
            ValidFrom = validFrom,
            ValidTo = validTo,
            Status = ContractStatus.Draft,
            CallOffsNeedApproval = callOffsNeedApproval,
            LeadTimeDays = leadTimeDays,
            ReleaseBuyerId = releaseBuyerId,
            CreatedAt = now,
        };
        contract._lines.AddRange(lines.Select((l, i) => ContractLine.Of(i + 1, l)));
        foreach (var (planned, index) in schedule.Select((p, i) => (p, i)))
        {
            var line = contract._lines.SingleOrDefault(l => l.Sku == planned.Sku)
                ?? throw ValidationFailedException.For($"schedule[{index}].sku", T.Format("Contracts.ScheduleSkuNotInContract", planned.Sku));
            if (planned.DeliveryDate < validFrom || planned.DeliveryDate > validTo)
            {
                throw ValidationFailedException.For($"schedule[{index}].deliveryDate", T.Get("Contracts.ScheduleOutsideValidity"));
            }

            contract._releases.Add(ScheduledRelease.Plan(line.Id, planned.DeliveryDate, planned.DeliveryDate.AddDays(-leadTimeDays), planned.Quantity));
        }

        foreach (var line in contract._lines)
        {
            if (contract._releases.Where(r => r.LineId == line.Id).Sum(r => r.Quantity) > line.Ceiling)
            {
                throw ValidationFailedException.For("schedule", T.Format("Contracts.ScheduleExceedsLine", line.Sku));
            }
        }

        if (releaseBuyerId is null && contract._releases.Count > 0)
        {
            throw ValidationFailedException.For("releaseBuyerId", T.Get("Contracts.ReleaseBuyerRequired"));
        }

        return contract;
    }

    public void Activate() => Move(ContractStatus.Active);

    public void Cancel() => Move(ContractStatus.Cancelled);

    /// <summary>The validity ended; what was not called off is no longer owed. True when something remained.</summary>
    public bool Expire(DateOnly today)
    {
        if (today <= ValidTo)
        {
            throw new DomainException("still_valid", T.Get("Contracts.StillValid"));
        }

        Move(ContractStatus.Expired);
        foreach (var release in _releases.Where(r => r.Status == ReleaseStatus.Planned))
        {
            release.Skip();
        }

        return _lines.Any(l => l.Remaining > 0);
    }

    public ContractLine Line(Guid lineId) =>
        _lines.SingleOrDefault(l => l.Id == lineId) ?? throw new UnprocessableException("unknown_line", "lineId", T.Get("Contracts.UnknownLine"));

    /// <summary>Refuses a call-off the contract does not allow: not active, outside the validity, below the minimum or beyond the remainder and tolerance.</summary>
    public void EnsureMayCallOff(Guid lineId, int quantity, DateOnly requestedDate, DateOnly today)
    {
        if (Status == ContractStatus.Cancelled)
        {
            throw new UnprocessableException("contract_cancelled", null, T.Format("Contracts.Cancelled", Number));
        }

        if (Status != ContractStatus.Active)
        {
            throw new UnprocessableException("contract_not_active", null, T.Format("Contracts.NotActive", Number, T.Get("ContractStatus." + Status)));
        }

        if (today > ValidTo || requestedDate < ValidFrom || requestedDate > ValidTo)
        {
            throw new UnprocessableException("outside_validity", "requestedDate", T.Format("Contracts.OutsideValidity", Number, ValidFrom, ValidTo));
        }

        var line = Line(lineId);
        if (quantity < line.MinimumCallOff)
        {
            throw new UnprocessableException("below_minimum", "quantity", T.Format("Contracts.BelowMinimum", line.Sku, line.MinimumCallOff));
        }

        if (quantity > line.Ceiling - line.CalledOff)
        {
            throw new UnprocessableException("over_remainder", "quantity", T.Format("Contracts.OverRemainder", line.Sku, Math.Max(0, line.Ceiling - line.CalledOff)));
        }
    }

    /// <summary>Calls off part of a line for an order; the contract is fulfilled once every line is called off in full.</summary>
    public ContractCallOff CallOff(Guid lineId, int quantity, DateOnly requestedDate, DateOnly today, Guid? byUserId, Guid? releaseId, Guid orderId, string orderNumber, DateTimeOffset now)
    {
        EnsureMayCallOff(lineId, quantity, requestedDate, today);
        var line = Line(lineId);
        line.Draw(quantity);
        var callOff = ContractCallOff.Record(Id, line.Id, quantity, requestedDate, byUserId, releaseId, orderId, orderNumber, now);
        _callOffs.Add(callOff);
        Version++;
        if (_lines.All(l => l.Remaining == 0))
        {
            Move(ContractStatus.Fulfilled);
        }

        return callOff;
    }

    /// <summary>Orders a scheduled release as a call-off; the release is done once, whatever becomes of the order.</summary>
    public ContractCallOff Release(Guid releaseId, DateOnly today, Guid orderId, string orderNumber, DateTimeOffset now)
    {
        var release = _releases.Single(r => r.Id == releaseId);
        release.EnsurePlanned();
        var callOff = CallOff(release.LineId, release.Quantity, release.DeliveryDate < today ? today : release.DeliveryDate, today, null, release.Id, orderId, orderNumber, now);
        release.Released(orderId, orderNumber);
        return callOff;
    }

    /// <summary>A scheduled release that cannot be ordered any more (the contract no longer allows it) is skipped, not retried for ever.</summary>
    public void SkipRelease(Guid releaseId)
    {
        _releases.Single(r => r.Id == releaseId).Skip();
        Version++;
    }

    /// <summary>True once, when a line has 20 % or less left or the contract ends within 30 days.</summary>
    public bool NoticeRunningOut(DateOnly today)
    {
        if (RunningOutNoticed || Status != ContractStatus.Active
            || !(_lines.Any(l => l.Remaining * 5 <= l.ContractedQuantity) || ValidTo.DayNumber - today.DayNumber <= 30))
        {
            return false;
        }

        RunningOutNoticed = true;
        Version++;
        return true;
    }

    /// <summary>
    /// A shipment of a call-off order arrived: what it carried of a line's product counts as delivered on that line. Carriers
    /// and events may report the same delivery twice; a shipment counts once (its deliveries on this contract must be loaded).
    /// </summary>
    /// <returns>True when the delivery was new to the contract.</returns>
    public bool RecordDelivery(Guid shipmentId, string sku, int quantity, DateOnly deliveredOn)
    {
        if (_lines.SingleOrDefault(l => l.Sku == sku) is not { } line || _deliveries.Any(d => d.ShipmentId == shipmentId && d.LineId == line.Id))
        {
            return false;
        }

        line.Delivered(quantity);
        _deliveries.Add(ContractDelivery.Of(Id, line.Id, shipmentId, quantity, deliveredOn));
        Version++;
        return true;
    }

    private void Move(ContractStatus to)
    {
        ContractStatusTransitions.EnsureCanMove(Status, to);
        Status = to;
        Version++;
    }
}

public sealed class ContractLine
{
    private ContractLine() { }

    public Guid Id { get; private set; }
    public Guid ContractId { get; private set; }
    public int Position { get; private set; }
    public string Sku { get; private set; } = "";
    public int ContractedQuantity { get; private set; }
    public decimal UnitPrice { get; private set; }
    public int MinimumCallOff { get; private set; }
    public decimal? TolerancePercent { get; private set; }
    public int CalledOff { get; private set; }
    public int DeliveredQuantity { get; private set; }

    /// <summary>The most that may be called off in all: the contracted quantity plus the tolerance, rounded down.</summary>
    public int Ceiling => ContractedQuantity + (int)Math.Floor(ContractedQuantity * (TolerancePercent ?? 0m) / 100m);

    public int Remaining => Math.Max(0, ContractedQuantity - CalledOff);

    internal static ContractLine Of(int position, ContractLineTerms terms)
    {
        var field = $"lines[{position - 1}]";
        if (terms.ContractedQuantity is < 1 or > 100_000_000)
        {
            throw ValidationFailedException.For(field + ".contractedQuantity", T.Get("Contracts.ContractedQuantity"));
        }

        if (terms.UnitPrice is < 0m or > 1_000_000m)
        {
            throw ValidationFailedException.For(field + ".unitPrice", T.Get("Contracts.UnitPrice"));
        }

        if (terms.MinimumCallOff < 1 || terms.MinimumCallOff > terms.ContractedQuantity)
        {
            throw ValidationFailedException.For(field + ".minimumCallOff", T.Get("Contracts.MinimumCallOff"));
        }

        if (terms.TolerancePercent is < 0m or > 100m)
        {
            throw ValidationFailedException.For(field + ".tolerancePercent", T.Get("Contracts.Tolerance"));
        }

        return new ContractLine
        {
            Id = Guid.NewGuid(), Position = position, Sku = terms.Sku, ContractedQuantity = terms.ContractedQuantity, UnitPrice = terms.UnitPrice,
            MinimumCallOff = terms.MinimumCallOff, TolerancePercent = terms.TolerancePercent,
        };
    }

    internal void Draw(int quantity) => CalledOff += quantity;

    internal void Delivered(int quantity) => DeliveredQuantity = Math.Min(CalledOff, DeliveredQuantity + quantity);
}

public enum ReleaseStatus { Planned, Released, Skipped }

/// <summary>A planned call-off of the release schedule; ordered automatically on <see cref="DueOn"/>.</summary>
public sealed class ScheduledRelease
{
    private ScheduledRelease() { }

    public Guid Id { get; private set; }
    public Guid ContractId { get; private set; }
    public Guid LineId { get; private set; }
    public DateOnly DeliveryDate { get; private set; }
    public DateOnly DueOn { get; private set; }
    public int Quantity { get; private set; }
    public ReleaseStatus Status { get; private set; }
    public Guid? OrderId { get; private set; }
    public string? OrderNumber { get; private set; }

    internal static ScheduledRelease Plan(Guid lineId, DateOnly deliveryDate, DateOnly dueOn, int quantity) =>
        quantity < 1
            ? throw ValidationFailedException.For("schedule", T.Get("Contracts.ContractedQuantity"))
            : new ScheduledRelease { Id = Guid.NewGuid(), LineId = lineId, DeliveryDate = deliveryDate, DueOn = dueOn, Quantity = quantity, Status = ReleaseStatus.Planned };

    internal void EnsurePlanned()
    {
        if (Status != ReleaseStatus.Planned)
        {
            throw new DomainException("release_done", T.Get("Contracts.ReleaseDone"));
        }
    }

    internal void Released(Guid orderId, string orderNumber)
    {
        Status = ReleaseStatus.Released;
        OrderId = orderId;
        OrderNumber = orderNumber;
    }

    internal void Skip()
    {
        EnsurePlanned();
        Status = ReleaseStatus.Skipped;
    }
}

/// <summary>One call-off of a line and the order it became.</summary>
/// <summary>What one shipment of a call-off order delivered of a contract line; a shipment counts once per line.</summary>
public sealed class ContractDelivery
{
    private ContractDelivery() { }

    public Guid ContractId { get; private set; }
    public Guid LineId { get; private set; }
    public Guid ShipmentId { get; private set; }
    public int Quantity { get; private set; }
    public DateOnly DeliveredOn { get; private set; }

    internal static ContractDelivery Of(Guid contractId, Guid lineId, Guid shipmentId, int quantity, DateOnly deliveredOn) =>
        new() { ContractId = contractId, LineId = lineId, ShipmentId = shipmentId, Quantity = quantity, DeliveredOn = deliveredOn };
}

public sealed class ContractCallOff
{
    private ContractCallOff() { }

    public Guid Id { get; private set; }
    public Guid ContractId { get; private set; }
    public Guid LineId { get; private set; }
    public int Quantity { get; private set; }
    public DateOnly RequestedDate { get; private set; }
    public Guid? CalledOffBy { get; private set; }
    public Guid? ReleaseId { get; private set; }
    public Guid OrderId { get; private set; }
    public string OrderNumber { get; private set; } = "";
    public DateTimeOffset CalledOffAt { get; private set; }

    internal static ContractCallOff Record(Guid contractId, Guid lineId, int quantity, DateOnly requestedDate, Guid? byUserId, Guid? releaseId, Guid orderId, string orderNumber, DateTimeOffset now) =>
        new()
        {
            Id = Guid.CreateVersion7(now), ContractId = contractId, LineId = lineId, Quantity = quantity, RequestedDate = requestedDate,
            CalledOffBy = byUserId, ReleaseId = releaseId, OrderId = orderId, OrderNumber = orderNumber, CalledOffAt = now,
        };
}
