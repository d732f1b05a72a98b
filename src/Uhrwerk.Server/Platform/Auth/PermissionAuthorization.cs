using Microsoft.AspNetCore.Authorization;

namespace Uhrwerk.Server.Platform.Auth;

/// <summary>Endpoint metadata naming the permission an endpoint needs; tests read it to build the role matrix.</summary>
public sealed record RequiresPermission(Permission Permission);

/// <summary>Endpoint metadata for endpoints that machine clients call with an API key scope.</summary>
public sealed record RequiresApiScope(string Scope);

internal sealed record PermissionRequirement(Permission Permission) : IAuthorizationRequirement;

internal sealed class PermissionHandler(IHttpContextAccessor http) : AuthorizationHandler<PermissionRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        var current = http.HttpContext?.RequestServices.GetRequiredService<CurrentUser>();
        if (current is { IsAuthenticated: true } && current.Has(requirement.Permission))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

public static class EndpointPermissions
{
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, Permission permission)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequiresPermission(permission))
            .RequireAuthorization(p => p.AddRequirements(new PermissionRequirement(permission)));

    public static TBuilder RequireApiScope<TBuilder>(this TBuilder builder, string scope)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequiresApiScope(scope))
            .RequireAuthorization(p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireClaim(ApiKeyAuthenticationHandler.ScopeClaim, scope));
}
