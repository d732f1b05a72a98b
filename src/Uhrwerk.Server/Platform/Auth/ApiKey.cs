using System.Security.Cryptography;
using System.Text;

namespace Uhrwerk.Server.Platform.Auth;

/// <summary>
/// A credential for a machine client (the ERP, a carrier). Only a hash is stored; the clear
/// key is shown once when it is created.
/// </summary>
public sealed class ApiKey
{
    private List<string> _scopes = [];

    private ApiKey() { }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public string Hash { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }
    public IReadOnlyList<string> Scopes => _scopes;

    public static (ApiKey Key, string Secret) Issue(string name, IEnumerable<string> scopes, DateTimeOffset now)
    {
        var secret = "uwk_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        return (new ApiKey { Id = Guid.CreateVersion7(now), Name = name, Hash = HashOf(secret), CreatedAt = now, _scopes = scopes.Distinct().ToList() }, secret);
    }

    public void Revoke(DateTimeOffset now) => RevokedAt ??= now;

    public static string HashOf(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}

public static class ApiScopes
{
    public const string ErpDirectory = "erp.directory";
    public const string ErpInventory = "erp.inventory";
    public const string ErpOrders = "erp.orders";
    public const string ErpShipments = "erp.shipments";
    public const string ErpContracts = "erp.contracts";

    /// <summary>The API key a machine client called with, as histories name it: its id and "ERP · " with its name.</summary>
    public static (Guid Id, string Name) CallerOf(System.Security.Claims.ClaimsPrincipal key) =>
        (Guid.TryParse(key.FindFirst(ApiKeyAuthenticationHandler.KeyIdClaim)?.Value, out var id) ? id : Guid.Empty, "ERP · " + key.Identity?.Name);
}
