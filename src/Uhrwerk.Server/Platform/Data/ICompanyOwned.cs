namespace Uhrwerk.Server.Platform.Data;

/// <summary>
/// Marks rows that belong to one customer company. The context filters them to the caller's
/// company, so a query that forgets the company still cannot leak another company's data.
/// </summary>
public interface ICompanyOwned
{
    Guid? CompanyId { get; }
}

/// <summary>
/// Marks the company itself: the context shows a caller only their own company, the same way it
/// filters <see cref="ICompanyOwned"/> rows.
/// </summary>
public interface ITenantCompany
{
    Guid Id { get; }
}
