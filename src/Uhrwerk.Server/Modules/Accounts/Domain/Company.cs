using Uhrwerk.Server.Platform.Problems;
using Uhrwerk.Server.Platform.Localization;
using Uhrwerk.Server.Platform.Data;

namespace Uhrwerk.Server.Modules.Accounts.Domain;

public enum CompanyStatus { Active, Suspended }

/// <summary>A business customer in the customer center, tied to its ERP customer number.</summary>
public sealed class Company : ITenantCompany
{
    private List<Address> _addresses = [];

    private Company() { }

    public Guid Id { get; private set; }
    public string CustomerNumber { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string? VatId { get; private set; }
    public CompanyStatus Status { get; private set; }
    public Guid? MainContactUserId { get; private set; }
    public DateTimeOffset ActivatedAt { get; private set; }
    public IReadOnlyList<Address> Addresses => _addresses;

    /// <summary>A company exists once its ERP customer was activated; it is never activated twice.</summary>
    public static Company ActivateFrom(ErpCustomer customer, DateTimeOffset now)
    {
        if (!customer.MayUseCustomerCenter)
        {
            throw new DomainException("not_allowed", T.Get("Company.NotAllowed"));
        }

        return new Company
        {
            Id = Guid.CreateVersion7(now),
            CustomerNumber = customer.CustomerNumber,
            Name = customer.Name,
            VatId = customer.VatId,
            Status = CompanyStatus.Active,
            ActivatedAt = now,
            _addresses = customer.Addresses.ToList(),
        };
    }

    public void AppointMainContact(Guid userId, Guid? companyOfUser)
    {
        if (companyOfUser != Id)
        {
            throw new DomainException("foreign_user", T.Get("Company.ForeignMainContact"));
        }

        MainContactUserId = userId;
    }

    /// <summary>The ERP stays the master of name, VAT id and addresses.</summary>
    public void SyncFrom(ErpCustomer customer)
    {
        Name = customer.Name;
        VatId = customer.VatId;
        _addresses = customer.Addresses.ToList();
    }
}
