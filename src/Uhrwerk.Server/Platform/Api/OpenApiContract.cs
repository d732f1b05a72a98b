using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Uhrwerk.Server.Platform.Auth;

namespace Uhrwerk.Server.Platform.Api;

/// <summary>
/// Makes /openapi/v1.json a contract an integrator can generate a client from: it names how to authenticate,
/// which operations need it, that every failure is problem details, and groups operations by the module they belong to.
/// </summary>
internal static class OpenApiContract
{
    public const string Bearer = "Bearer";
    public const string ApiKey = "ApiKey";

    public static void Describe(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "The access token from POST /api/v1/auth/token.",
            };
            document.Components.SecuritySchemes[ApiKey] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeyAuthenticationHandler.Header,
                Description = "An API key from the back office, for ERP integrations; its scopes decide what it may call.",
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer(async (operation, context, ct) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            operation.Tags = new HashSet<OpenApiTagReference> { new(ModuleOf(metadata), context.Document) };

            var secured = !metadata.OfType<IAllowAnonymous>().Any() && (metadata.OfType<IAuthorizeData>().Any() || metadata.OfType<AuthorizationPolicy>().Any());
            if (secured)
            {
                var scheme = metadata.OfType<RequiresApiScope>().FirstOrDefault() is { } scope
                    ? (Reference: new OpenApiSecuritySchemeReference(ApiKey, context.Document), Scopes: new List<string> { scope.Scope })
                    : (Reference: new OpenApiSecuritySchemeReference(Bearer, context.Document), Scopes: []);
                operation.Security = [new OpenApiSecurityRequirement { [scheme.Reference] = scheme.Scopes }];
            }

            operation.Responses ??= [];
            if (operation.RequestBody is not null || operation.Parameters is { Count: > 0 })
            {
                operation.Responses.TryAdd("400", new OpenApiResponse
                {
                    Description = "Bad Request",
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        ["application/problem+json"] = new() { Schema = await context.GetOrCreateSchemaAsync(typeof(HttpValidationProblemDetails), cancellationToken: ct) },
                    },
                });
            }

            if (secured)
            {
                operation.Responses.TryAdd("401", new OpenApiResponse { Description = "Unauthorized" });
                operation.Responses.TryAdd("403", new OpenApiResponse { Description = "Forbidden" });
            }

            // UseStatusCodePages and the exception handler answer every failure with problem details, declared or not.
            var problem = await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), cancellationToken: ct);
            foreach (var (status, response) in operation.Responses.Where(r => r.Key[0] is '4' or '5').ToList())
            {
                if (response is OpenApiResponse { Content: null or { Count: 0 } } bare)
                {
                    bare.Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = problem } };
                }
            }
        });
        options.AddDocumentTransformer((document, _, _) =>
        {
            // The endpoints' own tags were replaced by module tags; list only those.
            document.Tags = document.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? [])
                .SelectMany(o => o.Tags ?? new HashSet<OpenApiTagReference>()).Select(t => t.Name).Distinct().Order()
                .Select(name => new OpenApiTag { Name = name }).ToHashSet();
            return Task.CompletedTask;
        });
    }

    private static string ModuleOf(IList<object> metadata)
    {
        var space = metadata.OfType<MethodInfo>().FirstOrDefault()?.DeclaringType?.Namespace ?? "";
        var parts = space.Split('.');
        var modules = Array.IndexOf(parts, "Modules");
        return modules >= 0 && modules + 1 < parts.Length ? parts[modules + 1] : "Platform";
    }
}
