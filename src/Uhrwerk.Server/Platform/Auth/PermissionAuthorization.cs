using Microsoft.AspNetCore.Authorization;

namespace Uhrwerk.Server.Platform.Auth;

/// <summary>Endpoint metadata naming the permissions of which an endpoint needs any one; tests read it to build the role matrix.</summary>
public sealed record RequiresPermission(IReadOnlyList<Permission> AnyOf);

/// <summary>Endpoint metadata for endpoints that machine clients call with an API key scope.</summary>
public sealed record RequiresApiScope(string Scope);

internal sealed record PermissionRequirement(IReadOnlyList<Permission> AnyOf) : IAuthorizationRequirement;

internal sealed class PermissionHandler(IHttpContextAccessor http) : AuthorizationHandler<PermissionRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        var current = http.HttpContext?.RequestServices.GetRequiredService<CurrentUser>();
        if (current is { IsAuthenticated: true } && requirement.AnyOf.Any(current.Has))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

public static class EndpointPermissions
{
    /// <summary>Callers holding any one of the permissions may call; what each of them then sees is up to the endpoint.</summary>
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, params Permission[] anyOf)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequiresPermission(anyOf))
            .RequireAuthorization(p => p.AddRequirements(new PermissionRequirement(anyOf)));

    public static TBuilder RequireApiScope<TBuilder>(this TBuilder builder, string scope)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequiresApiScope(scope))
            .RequireAuthorization(p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireClaim(ApiKeyAuthenticationHandler.ScopeClaim, scope));
}
