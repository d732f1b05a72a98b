using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Options;

namespace Uhrwerk.Server.Platform.Api;

internal static class ApiSetup
{
    public static IServiceCollection AddUhrwerkApi(this IServiceCollection services)
    {
        // Enums travel as their names ("Quarter", "PlaceOrders"): readable for ERP developers and stable when members are added.
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            // Numbers are numbers: the web default also reads "12" as 12, which the OpenAPI document then has to describe as integer-or-string.
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            o.SerializerOptions.Converters.Add(new NoNulCharacters.InJson());
            o.SerializerOptions.TypeInfoResolver = (o.SerializerOptions.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(NoNullElements.Refuse);
        });
        services.AddValidation();
        services.AddOptions<PortalOptions>().BindConfiguration("Portal").ValidateOnStart();
        services.AddSingleton<IValidateOptions<PortalOptions>, PortalOptionsValidation>();
        services.AddScoped<PortalLinks>();
        services.AddSingleton<ListCursors>();
        services.AddSingleton<Idempotency.IdempotencyKeysInFlight>();
        services.AddScoped<Idempotency.IdempotentRequests>();
        services.AddOpenApi(OpenApiContract.Describe);
        return services;
    }
}
